/*
 * buffering.c - printf collects text in a buffer inside the process;
 * write goes straight to the kernel. To a terminal, stdout is flushed at
 * each newline; to a pipe or a file, only when the buffer fills, on
 * fflush, or at exit. Compare running it on a terminal and through a pipe.
 */
#include "csapp.h"

int main(void)
{
    printf("1: printf\n");                        /* buffered */
    write(STDOUT_FILENO, "2: write\n", 9);       /* immediate */
    printf("3: printf, then fflush\n");
    fflush(stdout);                               /* out now */
    write(STDOUT_FILENO, "4: write\n", 9);
    printf("5: printf, flushed by exit\n");
    exit(0);                                      /* exit flushes */
}
