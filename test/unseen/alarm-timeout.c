/*
 * alarm-timeout.c - give up on a read that takes too long.
 * The SIGALRM handler is installed without SA_RESTART, so the blocked read returns
 * -1 with errno EINTR once the alarm fires.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out = 0;

static void on_alarm(int sig)
{
    timed_out = 1;
}

int main(void)
{
    struct sigaction sa;
    int fd[2];
    char c;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);

    pipe(fd); /* we keep the write end: no EOF, nobody writes */
    alarm(1);
    ssize_t n = read(fd[0], &c, 1);
    if (n < 0 && errno == EINTR)
        printf("read interrupted after the alarm (timed_out=%d)\n", (int)timed_out);
    else
        printf("read returned %zd\n", n);
    return 0;
}
