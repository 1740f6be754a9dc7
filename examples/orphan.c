/*
 * orphan.c - a child whose parent exits first is adopted: its parent
 * pid changes to init (or to a "subreaper"), which will reap it.
 */
#include "csapp.h"

int main(void)
{
    pid_t parent = getpid();
    int i;

    if (Fork() == 0) {
        /* Wait (at most 1 s) until the parent has gone. */
        for (i = 0; i < 100 && getppid() == parent; i++)
            usleep(10000);
        if (getppid() != parent)
            printf("child: my parent exited; I was adopted\n");
        else
            printf("child: my parent is still here\n");
        exit(0);                  /* the adopter reaps me */
    }
    printf("parent: exiting without waiting\n");
    exit(0);
}
