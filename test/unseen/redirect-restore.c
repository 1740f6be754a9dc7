/*
 * redirect-restore.c - send stdout to a file for a while, then back.
 * dup keeps a second descriptor for the terminal's open file; dup2 puts it back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    int saved = dup(STDOUT_FILENO);
    int fd = open("capture.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[64];
    ssize_t n;

    if (saved < 0 || fd < 0) {
        perror("setup");
        return 1;
    }
    printf("before the redirect\n");
    fflush(stdout);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    printf("this line goes to the file\n");
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    printf("after the restore\n");
    fflush(stdout);

    fd = open("capture.txt", O_RDONLY);
    n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("the file holds: %s", buf);
    close(fd);
    return 0;
}
