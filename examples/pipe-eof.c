/*
 * pipe-eof.c - read on a pipe returns 0 (EOF) only when every write end
 * is closed. The parent forgets to close its own write end, so after the
 * child's message it blocks for ever; an alarm ends the demonstration.
 */
#include "csapp.h"

void on_alarm(int sig)
{
    const char msg[] = "parent: still blocked in read after 1 s: "
                       "my own write end is open\n";
    write(STDOUT_FILENO, msg, sizeof(msg) - 1);
    _exit(1);
}

int main(void)
{
    int fds[2];
    char buf[64];
    ssize_t n;

    Pipe(fds);
    if (Fork() == 0) {
        Close(fds[0]);
        Write(fds[1], "hi\n", 3);
        exit(0);                   /* closes the child's write end */
    }
    /* BUG: the parent should Close(fds[1]) here. */
    Signal(SIGALRM, on_alarm);
    Alarm(1);
    while ((n = Read(fds[0], buf, sizeof(buf))) > 0)
        Write(STDOUT_FILENO, buf, n);
    printf("parent: EOF\n");      /* never reached */
    exit(0);
}
