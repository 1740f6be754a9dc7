/*
 * pipe-twoway.c - a pipe carries bytes one way and does not know who
 * wrote them: a process that writes and then reads the same pipe reads
 * its own words back. Two processes that talk both ways need two pipes,
 * one per direction, each process closing the ends it does not use.
 */
#include "csapp.h"

int main(void)
{
    int one[2], down[2], up[2];
    char buf[16];
    int n;

    Pipe(one);
    Write(one[1], "ping", 4);
    n = Read(one[0], buf, sizeof(buf));  /* nobody else could have answered */
    printf("one pipe: the parent read back its own \"%.*s\"\n", n, buf);
    Close(one[0]);
    Close(one[1]);
    fflush(stdout);                      /* or fork copies the line (printf before fork) */

    Pipe(down);                          /* parent -> child */
    Pipe(up);                            /* child -> parent */
    if (Fork() == 0) {
        Close(down[1]);
        Close(up[0]);
        n = Read(down[0], buf, sizeof(buf));
        Write(up[1], "pong", 4);
        exit(0);
    }
    Close(down[0]);
    Close(up[1]);
    Write(down[1], "ping", 4);
    n = Read(up[0], buf, sizeof(buf));   /* only the child writes here */
    printf("two pipes: the child answered \"%.*s\"\n", n, buf);
    Wait(NULL);
    exit(0);
}
