/*
 * sigpipe.c - writing to a pipe whose read ends are all closed raises
 * SIGPIPE, which kills the writer by default. With SIGPIPE ignored, the
 * write fails with EPIPE instead.
 */
#include "csapp.h"

int main(void)
{
    int fds[2], status;

    /* Dispositions are inherited, and SIG_IGN survives exec: whoever
     * started us may have left SIGPIPE ignored. Start from the default. */
    Signal(SIGPIPE, SIG_DFL);
    Pipe(fds);
    Close(fds[0]);                 /* no reader is left */

    if (Fork() == 0) {             /* the child writes with default SIGPIPE */
        write(fds[1], "x", 1);
        exit(0);                   /* not reached */
    }
    Wait(&status);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE)
        printf("child was killed by SIGPIPE\n");

    Signal(SIGPIPE, SIG_IGN);      /* the parent ignores it */
    if (write(fds[1], "x", 1) < 0 && errno == EPIPE)
        printf("parent's write failed with EPIPE\n");
    exit(0);
}
