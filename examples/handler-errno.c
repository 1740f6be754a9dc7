/*
 * handler-errno.c - a handler runs between two instructions of the
 * program, so anything it changes, the program sees changed. errno is
 * the usual victim: here the handler's waitpid fails and sets errno to
 * ECHILD while main is about to look at errno from its own failed call.
 * A safe handler saves errno first and restores it last, and calls only
 * async-signal-safe functions (write, not printf).
 */
#include "csapp.h"

void careless(int sig)
{
    waitpid(-1, NULL, WNOHANG);     /* no children: errno = ECHILD */
}

void careful(int sig)
{
    int olderrno = errno;           /* save */
    waitpid(-1, NULL, WNOHANG);
    errno = olderrno;               /* restore */
}

void report(const char *who)
{
    char msg[80];
    /* write, not printf: the same rule as inside a handler. */
    snprintf(msg, sizeof(msg), "%s: errno is %s\n", who, errno == EBADF ? "EBADF" : "ECHILD");
    write(STDOUT_FILENO, msg, strlen(msg));
}

int main(void)
{
    char c;

    Signal(SIGUSR1, careless);
    if (read(99, &c, 1) < 0) {      /* fails: errno = EBADF */
        kill(getpid(), SIGUSR1);    /* the handler runs here */
        report("careless handler");
    }
    Signal(SIGUSR1, careful);
    if (read(99, &c, 1) < 0) {
        kill(getpid(), SIGUSR1);
        report("careful handler");
    }
    exit(0);
}
