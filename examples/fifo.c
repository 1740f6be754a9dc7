/*
 * fifo.c - a FIFO is a pipe with a name in the file system, so processes that are not
 * parent and child can find it by its path. Opening one end waits for the other end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void)
{
    const char *path = "demo.fifo";
    char buf[32];
    ssize_t n;
    int fd;

    unlink(path);                      /* a FIFO left by an earlier run */
    if (mkfifo(path, 0600) < 0) {
        perror("mkfifo");
        exit(1);
    }
    if (fork() == 0) {                 /* the writer: late on purpose */
        sleep(1);
        fd = open(path, O_WRONLY);
        write(fd, "hello", 5);
        close(fd);
        exit(0);
    }
    fd = open(path, O_RDONLY);         /* no writer yet */
    n = read(fd, buf, sizeof(buf) - 1);
    buf[n] = '\0';
    printf("read %d bytes: %s\n", (int)n, buf);
    n = read(fd, buf, sizeof(buf) - 1);
    printf("then read returned %d: the writer closed its end\n", (int)n);
    close(fd);
    wait(NULL);
    unlink(path);                      /* the name goes; the FIFO had no bytes to keep */
    return 0;
}
