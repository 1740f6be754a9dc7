/*
 * fork-returns.c - fork is called once and returns twice: 0 in the
 * child, the child's pid in the parent.
 */
#include "csapp.h"

int main(void)
{
    int x = 1;
    pid_t pid = Fork();

    if (pid == 0) {               /* only the child sees 0 */
        x = x + 1;
        printf("child: fork returned 0, x = %d\n", x);
        exit(0);
    }
    /* Only the parent gets here: wait so the child prints first. */
    pid_t reaped = Waitpid(pid, NULL, 0);
    x = x - 1;
    printf("parent: fork returned the child's pid (%s), x = %d\n",
           reaped == pid ? "waitpid returned the same pid" : "mismatch", x);
    exit(0);
}
