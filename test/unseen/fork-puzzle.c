/*
 * fork-puzzle.c - how many lines? Each fork doubles the processes that run the code
 * after it; the && keeps some from forking again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int x = 1;

    if (fork() == 0 && fork() == 0)
        x += 10;
    else
        x += 1;
    printf("x=%d\n", x);
    fflush(stdout);
    while (wait(NULL) > 0)
        ;
    return 0;
}
