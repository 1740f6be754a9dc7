/* orphan.c - a child whose parent exits first is adopted by init (or a
 * "subreaper"), which will reap it. */
#include "csapp.h"

int main(void)
{
    pid_t parent = getpid();
    int fd[2];
    char c;

    Pipe(fd);
    if (Fork() == 0) {
        Close(fd[1]);              /* now only the parent holds the write end */
        Read(fd[0], &c, 1);        /* 0 (EOF): the parent is exiting... */
        usleep(100000);            /* ...and hands us to an adopter as it ends */
        if (getppid() != parent)
            printf("child: my parent exited; I was adopted\n");
        else
            printf("child: my parent is still here\n");
        exit(0);                  /* the adopter reaps me */
    }
    printf("parent: exiting without waiting\n");
    exit(0);                      /* closes fd[1]: the child's read returns 0 */
}
