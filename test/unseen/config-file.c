/*
 * config-file.c - parent and child read one file through one open file description.
 * The file is opened before fork, so both share its offset: what the child reads, the
 * parent does not see again. read(2) directly, no stdio buffering in between.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int read_line(int fd, char *buf, int max)
{
    int n = 0;
    char c;
    while (n < max - 1 && read(fd, &c, 1) == 1) {
        if (c == '\n')
            break;
        buf[n++] = c;
    }
    buf[n] = '\0';
    return n;
}

int main(void)
{
    char line[64];
    int fd = open("settings.conf", O_RDONLY);

    if (fd < 0) {
        perror("settings.conf");
        return 1;
    }
    read_line(fd, line, sizeof line);
    printf("parent read: %s\n", line);
    fflush(stdout);
    if (fork() == 0) {
        read_line(fd, line, sizeof line);
        printf("child read: %s\n", line);
        return 0;
    }
    wait(NULL);
    while (read_line(fd, line, sizeof line) > 0)
        printf("parent read: %s\n", line);
    printf("offset %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    close(fd);
    return 0;
}
