/*
 * sigchld-loop.c - the fix for sigchld-lost.c: one SIGCHLD may stand for
 * several exited children, so the handler reaps in a loop until
 * waitpid(-1, 0, WNOHANG) finds no more.
 * As in sigchld-lost.c, the handler runs exactly once on every run only
 * because SIGCHLD is blocked until all five have exited; the loop is
 * right however the signals merge.
 */
#include "csapp.h"

#define N 5
volatile sig_atomic_t reaped = 0;

void handler(int sig)
{
    int olderrno = errno;
    while (waitpid(-1, 0, WNOHANG) > 0)
        reaped++;
    errno = olderrno;
}

int main(void)
{
    int i;
    sigset_t mask, prev;

    Signal(SIGCHLD, handler);
    Sigemptyset(&mask);
    Sigaddset(&mask, SIGCHLD);
    Sigprocmask(SIG_BLOCK, &mask, &prev);  /* hold SIGCHLD back */
    for (i = 0; i < N; i++)
        if (Fork() == 0)
            exit(0);
    Sleep(1);                     /* by now all five have exited */
    Sigprocmask(SIG_SETMASK, &prev, NULL); /* the handler runs once */

    printf("handler reaped %d of %d children\n", (int)reaped, N);
    int zombies = 0;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        zombies++;
    printf("%d were still zombies\n", zombies);
    exit(0);
}
