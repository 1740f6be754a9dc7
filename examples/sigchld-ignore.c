/*
 * sigchld-ignore.c - a parent that sets SIGCHLD's disposition to SIG_IGN
 * makes no zombies: on Linux (and in POSIX since 2001) the kernel reaps
 * each child as it exits. The default disposition, SIG_DFL, also does
 * nothing on SIGCHLD, but it keeps zombies until they are waited for.
 */
#include "csapp.h"

#define N 3

int main(void)
{
    int i;

    Signal(SIGCHLD, SIG_IGN);      /* "I will never wait": no zombies */
    for (i = 0; i < N; i++)
        if (Fork() == 0)
            exit(0);
    Sleep(1);                      /* by now all three have exited */
    if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
        printf("no child left to wait for: the kernel reaped all %d\n", N);
    exit(0);
}
