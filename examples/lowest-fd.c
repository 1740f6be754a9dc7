/*
 * lowest-fd.c - open, pipe and dup always return the lowest descriptor
 * number that is free. 0, 1 and 2 are taken by stdin, stdout and stderr.
 */
#include "csapp.h"

int main(void)
{
    int a, b, p[2], d;

    a = Open("/dev/null", O_RDONLY, 0);
    b = Open("/dev/null", O_RDONLY, 0);
    printf("open gave %d, then %d\n", a, b);

    Close(a);                      /* a's number is free again */
    Pipe(p);
    printf("after close(%d), pipe gave %d and %d\n", a, p[0], p[1]);

    Close(b);
    d = Dup(STDOUT_FILENO);
    printf("after close(%d), dup(1) gave %d\n", b, d);
    exit(0);
}
