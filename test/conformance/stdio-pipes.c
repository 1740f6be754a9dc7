/* With the Scenario's stdout a pipe (the default), descriptors 0, 1 and 2 are pipes, stdin's
 * read end and the write ends of stdout and stderr, on Linux as in the model: fstat says
 * FIFO and fcntl gives O_RDONLY or O_WRONLY. So perror on the unused stderr finds that
 * fdopen(dup(2), "w+") cannot take it and writes to 2 itself. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

int main(void) {
    for (int fd = 0; fd < 3; fd++) {
        struct stat st;
        fstat(fd, &st);
        int acc = fcntl(fd, F_GETFL) & O_ACCMODE;
        printf("fd %d: %s, %s\n", fd, S_ISFIFO(st.st_mode) ? "a pipe" : S_ISSOCK(st.st_mode) ? "a socket" : "other",
               acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY" : "O_RDWR");
    }
    if (close(42) < 0)
        perror("close");
    return 0;
}
