/* mkfifo and fifo(7)'s open rules: a reader's open waits for a writer and a writer's for a
   reader; O_NONBLOCK: a reader opens at once (and reads EOF with no writer), a writer with
   no reader fails with ENXIO; bytes pass in order, EOF after the writer closes; mkfifo of an
   existing name is EEXIST; stat says S_IFIFO. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void)
{
    unlink("cf_fifo");
    int r = mkfifo("cf_fifo", 0600);
    printf("mkfifo=%d\n", r);
    r = mkfifo("cf_fifo", 0600);
    printf("mkfifo again=%d %s\n", r, strerror(errno));
    struct stat sb;
    stat("cf_fifo", &sb);
    printf("S_ISFIFO=%d mode=%o\n", S_ISFIFO(sb.st_mode), sb.st_mode & 0777);
    int fd = open("cf_fifo", O_WRONLY | O_NONBLOCK);
    printf("nonblocking writer, no reader=%d %s\n", fd, strerror(errno));
    fd = open("cf_fifo", O_RDONLY | O_NONBLOCK);
    char buf[64];
    long n = read(fd, buf, sizeof buf);
    printf("nonblocking reader=%d, read with no writer=%ld\n", fd, n);
    close(fd);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int w = open("cf_fifo", O_WRONLY);
        write(w, "through the fifo\n", 17);
        close(w);
        _exit(0);
    }
    int rd = open("cf_fifo", O_RDONLY);
    printf("reader opened %d\n", rd);
    while ((n = read(rd, buf, sizeof buf)) > 0)
        printf("read %ld: %.*s", n, (int)n, buf);
    printf("then read=%ld (EOF)\n", n);
    close(rd);
    waitpid(pid, NULL, 0);
    unlink("cf_fifo");
    return 0;
}
