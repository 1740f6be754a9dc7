/*
 * restart-jump.c - Ctrl-C restarts the work loop instead of killing the program.
 * The SIGINT handler jumps back to main with siglongjmp; sigsetjmp(buf, 1) saved the
 * signal mask, so the jump also unblocks SIGINT again (a plain longjmp out of the
 * handler would leave it blocked, and the next Ctrl-C would be ignored).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf restart;
static volatile sig_atomic_t restarts = 0;

static void say(const char *s)
{
    write(STDOUT_FILENO, s, strlen(s));
}

static void on_int(int sig)
{
    restarts++;
    siglongjmp(restart, 1);
}

int main(void)
{
    if (sigsetjmp(restart, 1) == 0) {
        signal(SIGINT, on_int);
        say("starting\n");
    } else {
        say("restarting\n");
        if (restarts == 3) {
            say("three restarts: done\n");
            exit(0);
        }
    }
    for (;;) {
        say("working\n");
        pause();
    }
}
