/*
 * dup2-redirect.c - dup2(fd, 1) makes descriptor 1 point to fd's open
 * file, so everything written to stdout lands in the file: this is how
 * a shell runs "cmd > out.txt".
 */
#include "csapp.h"

int main(void)
{
    char buf[MAXLINE];
    int fd, saved;
    ssize_t n;

    fd = Open("dup2-redirect.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
    saved = Dup(STDOUT_FILENO);    /* keep the real stdout */

    Dup2(fd, STDOUT_FILENO);       /* 1 now shares fd's open file */
    printf("this line goes to the file\n");
    fflush(stdout);                /* push it through descriptor 1 now */

    Dup2(saved, STDOUT_FILENO);    /* put stdout back */
    Close(saved);

    Lseek(fd, 0, SEEK_SET);        /* fd and the old 1 shared the offset */
    n = Read(fd, buf, sizeof(buf) - 1);
    buf[n] = '\0';
    printf("the file holds: %s", buf);
    Close(fd);
    unlink("dup2-redirect.txt");
    exit(0);
}
