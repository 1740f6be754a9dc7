/*
 * dispositions.c - what a process does when a signal arrives is its
 * disposition for that signal: SIG_DFL (the default action), SIG_IGN
 * (discard it) or a handler. SIG_IGN survives fork, and exec too; a
 * handler survives fork, but exec resets it to SIG_DFL.
 */
#include "csapp.h"

volatile sig_atomic_t caught = 0;

void handler(int sig)
{
    caught++;
}

int main(void)
{
    int status;

    Signal(SIGUSR1, SIG_IGN);
    kill(getpid(), SIGUSR1);        /* discarded */
    printf("SIG_IGN: still running, the signal was discarded\n");

    Signal(SIGUSR1, handler);
    kill(getpid(), SIGUSR1);        /* the handler runs */
    printf("handler: ran %d time(s)\n", (int)caught);

    Signal(SIGUSR1, SIG_DFL);       /* SIGUSR1's default: terminate */
    fflush(stdout);
    if (Fork() == 0) {
        kill(getpid(), SIGUSR1);
        printf("child: not reached\n");
        exit(0);
    }
    Wait(&status);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1)
        printf("SIG_DFL: the child was killed by SIGUSR1\n");
    exit(0);
}
