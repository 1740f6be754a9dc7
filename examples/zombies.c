/*
 * zombies.c - children that exit stay in the process table as zombies
 * until their parent reaps them. The parent never calls wait here, so
 * all three children stay zombies until the parent itself ends.
 * Stop it with Ctrl-C (it also stops by itself after 5 seconds).
 */
#include "csapp.h"

#define N 3

int main(void)
{
    int i;

    for (i = 0; i < N; i++)
        if (Fork() == 0)
            exit(i);              /* the child ends at once */

    printf("parent: %d children forked, none reaped\n", N);
    fflush(stdout);
    Alarm(5);                     /* a safety net: SIGALRM ends us */
    while (1)
        Pause();                  /* look at the process table now */
}
