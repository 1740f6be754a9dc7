/* forkmany.c - listens, then forks 100 children that ignore SIGTERM and wait forever,
 * some of them forking again, and exits: orphans the checker must still reap. */
#include "csapp.h"

int main(int argc, char **argv)
{
    int i;
    Signal(SIGTERM, SIG_IGN);
    Open_listenfd(argv[1]);
    for (i = 0; i < 100; i++) {
        if (fork() == 0) {
            if (i % 10 == 0 && fork() == 0)
                while (1)
                    pause();
            while (1)
                pause();
        }
    }
    sleep(1);
    return 0;
}
