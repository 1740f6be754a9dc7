/*
 * shared-offset.c - after fork, parent and child share one open file
 * description, so a read in one moves the offset for both. Two separate
 * open() calls make two descriptions, each with its own offset.
 */
#include "csapp.h"

int main(void)
{
    char c;
    int fd1, fd2;

    fd1 = Open("shared-offset.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    Write(fd1, "abcdef", 6);
    Lseek(fd1, 0, SEEK_SET);

    if (Fork() == 0) {
        Read(fd1, &c, 1);          /* the child reads 'a' ... */
        exit(0);
    }
    Wait(NULL);
    Read(fd1, &c, 1);              /* ... so the parent reads 'b' */
    printf("after fork, the parent read '%c'\n", c);

    fd2 = Open("shared-offset.txt", O_RDONLY, 0);
    Read(fd2, &c, 1);              /* a fresh description starts at 0 */
    printf("a second open() read '%c'\n", c);
    Read(fd1, &c, 1);
    printf("fd1 went on with '%c'\n", c);

    Close(fd1);
    Close(fd2);
    unlink("shared-offset.txt");
    exit(0);
}
