/*
 * stop-continue.c - SIGTSTP (Ctrl-Z) stops a process: it keeps its memory
 * and descriptors but is not scheduled until SIGCONT (a shell's fg or bg).
 * Stopping is SIGTSTP's default action; this program catches only
 * SIGCONT, so SIGTERM still ends it. Under its scenario it is stopped,
 * continued, then terminated.
 */
#include "csapp.h"

void on_cont(int sig)
{
    int olderrno = errno;
    write(STDOUT_FILENO, "continued after SIGCONT\n", 24);
    errno = olderrno;
}

int main(void)
{
    signal(SIGCONT, on_cont);
    write(STDOUT_FILENO, "ready\n", 6);
    while (1)
        pause();                   /* SIGTSTP stops us here */
}
