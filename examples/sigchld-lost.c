/*
 * sigchld-lost.c - pending signals are not queued. Five children exit
 * while SIGCHLD is blocked; the kernel remembers only that SIGCHLD is
 * pending, so the handler runs once, and a handler that reaps only one
 * child leaves four zombies.
 * The count is the same on every run only because SIGCHLD is blocked
 * while the children exit and the parent sleeps until all have: without
 * the block, how many SIGCHLDs merge would depend on scheduling.
 */
#include "csapp.h"

#define N 5
volatile sig_atomic_t reaped = 0;

void handler(int sig)
{
    int olderrno = errno;
    if (wait(NULL) > 0)           /* BUG: one wait per SIGCHLD */
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
        zombies++;                /* reap the rest to count them */
    printf("%d were still zombies\n", zombies);
    exit(0);
}
