/*
 * keyboard-signals.c - what the keyboard's and kill's signals do.
 * SIGINT (Ctrl-C) and SIGTERM (kill's default) are caught here;
 * SIGTSTP (Ctrl-Z) stops the process until SIGCONT; SIGKILL can be
 * neither caught nor ignored. Stops by itself after 5 seconds.
 */
#include "csapp.h"

/* write() is async-signal-safe; printf is not. A handler may run between
 * any two instructions of main, so it saves and restores errno, which
 * write may change. */
void say(const char *s)
{
    int olderrno = errno;
    write(STDOUT_FILENO, s, strlen(s));
    errno = olderrno;
}

void on_int(int sig) { say("caught SIGINT: not dying\n"); }
void on_cont(int sig) { say("continued after SIGCONT\n"); }

void on_term(int sig)
{
    say("caught SIGTERM: a handler runs instead of the default action\n");
}

int main(void)
{
    struct sigaction sa;

    signal(SIGINT, on_int);        /* the old interface */
    signal(SIGCONT, on_cont);

    sa.sa_handler = on_term;       /* the precise one */
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);

    if (signal(SIGKILL, on_term) == SIG_ERR)
        say("signal(SIGKILL) failed: SIGKILL cannot be caught\n");

    say("ready\n");
    Alarm(5);                      /* a safety net */
    while (1)
        pause();                   /* each handler returns here */
}
