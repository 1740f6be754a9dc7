/* spin.c - listens, then spins forever ignoring SIGTERM: the checker must SIGKILL it. */
#include "csapp.h"

int main(int argc, char **argv)
{
    volatile long n = 0;
    Signal(SIGTERM, SIG_IGN);
    Open_listenfd(argv[1]);
    while (1)
        n++;
}
