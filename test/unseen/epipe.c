/*
 * epipe.c - writing to a pipe nobody reads. With SIGPIPE ignored the write fails with
 * EPIPE instead of killing the writer; restored to the default, it kills a child.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int fd[2], status;

    pipe(fd);
    close(fd[0]); /* no reader left */
    signal(SIGPIPE, SIG_IGN);
    if (write(fd[1], "x", 1) < 0)
        printf("write failed: %s\n", strerror(errno));
    if (fork() == 0) {
        signal(SIGPIPE, SIG_DFL);
        write(fd[1], "y", 1);
        printf("not reached\n");
        return 0;
    }
    wait(&status);
    if (WIFSIGNALED(status))
        printf("child killed by signal %d (SIGPIPE is %d)\n", WTERMSIG(status), SIGPIPE);
    return 0;
}
