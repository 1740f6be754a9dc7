/*
 * pipe-eof-close.c - the fix for pipe-eof.c: the parent closes the write
 * end it does not use, so when the child exits no write end is left and
 * read returns 0.
 */
#include "csapp.h"

int main(void)
{
    int fds[2];
    char buf[64];
    ssize_t n;

    Pipe(fds);
    if (Fork() == 0) {
        Close(fds[0]);
        Write(fds[1], "hi\n", 3);
        exit(0);                   /* closes the child's write end */
    }
    Close(fds[1]);                 /* the parent only reads */
    while ((n = Read(fds[0], buf, sizeof(buf))) > 0)
        Write(STDOUT_FILENO, buf, n);
    printf("parent: EOF\n");
    Wait(NULL);
    exit(0);
}
