/*
 * printf-fork.c - text that printf has buffered but not yet written is
 * part of the process's memory, so fork copies it, and both processes
 * write it at exit. On a terminal the newline flushed it before the fork.
 */
#include "csapp.h"

int main(void)
{
    printf("hello from before fork\n");
    if (Fork() == 0) {
        printf("child\n");
        exit(0);
    }
    Wait(NULL);                    /* the child's output comes first */
    printf("parent\n");
    exit(0);
}
