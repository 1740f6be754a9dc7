/* A child sends numbers through a pipe; the parent adds them up. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int fds[2], total = 0, n;
    pipe(fds);
    if (fork() == 0) {
        close(fds[0]);
        for (int i = 1; i <= 10; i++)
            write(fds[1], &i, sizeof(i));
        close(fds[1]);
        exit(3);
    }
    close(fds[1]);
    while (read(fds[0], &n, sizeof(n)) == sizeof(n))
        total += n;
    int status;
    wait(&status);
    printf("total %d, child exit %d\n", total, WEXITSTATUS(status));
    return 0;
}
