/* SIGUSR1 handler counts signals the process sends itself. */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t hits = 0;

static void on_usr1(int sig)
{
    (void)sig;
    hits++;
}

int main(void)
{
    struct sigaction sa;
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    for (int i = 0; i < 4; i++)
        kill(getpid(), SIGUSR1);
    printf("hits=%d\n", (int)hits);
    return 0;
}
