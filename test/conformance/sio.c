/* sio_puts/sio_putl and the Sio_* wrappers: what they write (one write(2) each, no stdio
   buffer) from a SIGCHLD handler and from main, and their return values. */
#include "csapp.h"

volatile sig_atomic_t reaped = 0;

void handler(int sig)
{
    int olderrno = errno;
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {
        Sio_puts("handler reaped a child, signal ");
        Sio_putl(sig);
        Sio_puts("\n");
        reaped++;
    }
    errno = olderrno;
}

int main(void)
{
    sigset_t mask, prev;
    Signal(SIGCHLD, handler);
    Sigemptyset(&mask);
    Sigaddset(&mask, SIGCHLD);
    Sigprocmask(SIG_BLOCK, &mask, &prev);
    printf("before fork\n");
    fflush(stdout);
    if (Fork() == 0)
        exit(0);
    while (!reaped)
        Sigsuspend(&prev);
    Sigprocmask(SIG_SETMASK, &prev, NULL);
    ssize_t n = Sio_puts("seven\n");
    printf("Sio_puts returned %ld\n", (long)n);
    fflush(stdout);
    n = sio_putl(-1234567);
    sio_puts("\n");
    printf("sio_putl(-1234567) returned %ld\n", (long)n);
    fflush(stdout);
    n = Sio_putl(0);
    Sio_puts("\n");
    printf("Sio_putl(0) returned %ld\n", (long)n);
    fflush(stdout);
    n = sio_puts("");
    printf("sio_puts(\"\") returned %ld\n", (long)n);
    fflush(stdout);
    Sio_error("Sio_error ends the process with status 1\n");
    printf("not reached\n");
    return 0;
}
