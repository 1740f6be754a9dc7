/* A child sends its stdout to a log file with dup2 and writes three lines
 * there; the parent waits, seeks back to the start of the same open file
 * (they share its offset) and reads the log through its own descriptor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    char buf[128];
    int fd = open("child.log", O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror("open");
        exit(1);
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd, STDOUT_FILENO);
        close(fd);
        for (int i = 1; i <= 3; i++)
            printf("entry %d\n", i);
        exit(0);                   /* exit flushes printf's buffer into the file */
    }
    waitpid(pid, NULL, 0);
    off_t end = lseek(fd, 0, SEEK_CUR);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    buf[n < 0 ? 0 : n] = '\0';
    printf("offset after the child: %ld\n", (long)end);
    printf("log has %ld bytes:\n%s", (long)n, buf);
    close(fd);
    unlink("child.log");
    return 0;
}
