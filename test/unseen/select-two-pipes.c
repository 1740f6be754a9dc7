/* Two children each write a word into their own pipe, at different times;
 * the parent uses select to read whichever pipe is ready until both have
 * reached EOF, then reaps both children. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/wait.h>

static int spawn_writer(const char *word, unsigned delay)
{
    int p[2];
    if (pipe(p) < 0)
        exit(1);
    if (fork() == 0) {
        close(p[0]);
        sleep(delay);
        write(p[1], word, strlen(word));
        _exit(0);                  /* the write end closes: EOF for the parent */
    }
    close(p[1]);
    return p[0];
}

int main(void)
{
    int fds[2], open_fds = 2, reaped = 0;
    char buf[32];

    fds[0] = spawn_writer("slow", 2);
    fds[1] = spawn_writer("fast", 1);
    while (open_fds > 0) {
        fd_set rs;
        int maxfd = -1;
        FD_ZERO(&rs);
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0) {
                FD_SET(fds[i], &rs);
                if (fds[i] > maxfd)
                    maxfd = fds[i];
            }
        if (select(maxfd + 1, &rs, NULL, NULL, NULL) < 0)
            exit(2);
        for (int i = 0; i < 2; i++) {
            if (fds[i] < 0 || !FD_ISSET(fds[i], &rs))
                continue;
            ssize_t n = read(fds[i], buf, sizeof(buf) - 1);
            if (n > 0) {
                buf[n] = '\0';
                printf("pipe %d: %s\n", i, buf);
            } else {
                close(fds[i]);
                fds[i] = -1;
                open_fds--;
            }
        }
    }
    while (wait(NULL) > 0)
        reaped++;
    printf("both at EOF, %d children reaped\n", reaped);
    return 0;
}
