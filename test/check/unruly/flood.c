/* flood.c - listens, then writes to stdout without end: output must stay bounded. */
#include "csapp.h"

int main(int argc, char **argv)
{
    Open_listenfd(argv[1]);
    while (1)
        printf("flooding the checker's output with one more line of text\n");
}
