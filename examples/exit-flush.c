/*
 * exit-flush.c - three ways for a child to end with text still in its
 * stdout buffer (stdout is a pipe here, so fully buffered): exit() flushes
 * stdio's buffers; _exit() ends the process at once and the buffer is
 * lost; so is a process killed by a signal. The kernel still closes every
 * descriptor in all three cases.
 */
#include "csapp.h"

int main(void)
{
    int status, p[2];
    pid_t pid;
    char c;

    if (Fork() == 0) {
        printf("child 1 ends with exit\n");
        exit(0);                     /* flushes, then ends */
    }
    Wait(&status);

    if (Fork() == 0) {
        printf("child 2 ends with _exit\n");
        _exit(0);                    /* ends at once: no flush */
    }
    Wait(&status);

    Pipe(p);
    if ((pid = Fork()) == 0) {
        printf("child 3 is killed by SIGKILL\n");
        Write(p[1], "x", 1);         /* tell the parent: printf is done */
        while (1)
            pause();                 /* wait to be killed */
    }
    Read(p[0], &c, 1);
    Kill(pid, SIGKILL);              /* dies with its buffer unflushed */
    Wait(&status);
    if (WIFSIGNALED(status))
        printf("parent: child 3 was killed by signal %d\n", WTERMSIG(status));
    exit(0);
}
