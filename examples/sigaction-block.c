/*
 * sigaction-block.c - while a handler runs, its own signal is blocked:
 * a second SIGUSR1 raised inside the handler waits until the handler
 * returns, then runs the handler again. Handlers never nest here.
 */
#include "csapp.h"

volatile sig_atomic_t depth = 0, calls = 0;

void say(const char *s)
{
    write(STDOUT_FILENO, s, strlen(s));
}

void handler(int sig)
{
    depth++;
    calls++;
    say(depth == 1 ? "enter handler (depth 1)\n" : "enter handler (nested!)\n");
    if (calls == 1) {
        raise(SIGUSR1);            /* blocked now: it stays pending */
        say("raised SIGUSR1 again inside the handler\n");
    }
    say("leave handler\n");
    depth--;
}

int main(void)
{
    struct sigaction sa;

    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);      /* SIGUSR1 itself is blocked anyway */
    sa.sa_flags = 0;               /* SA_NODEFER would allow nesting */
    sigaction(SIGUSR1, &sa, NULL);

    raise(SIGUSR1);
    printf("handler ran %d times\n", (int)calls);
    exit(0);
}
