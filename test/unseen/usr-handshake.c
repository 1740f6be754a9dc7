/*
 * usr-handshake.c - parent and child take turns with SIGUSR1 and sigsuspend.
 * Blocking SIGUSR1 first means no signal can arrive between the check and the wait.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t got = 0;

static void on_usr1(int sig)
{
    got = 1;
}

static void wait_turn(sigset_t *during)
{
    while (!got)
        sigsuspend(during);
    got = 0;
}

int main(void)
{
    sigset_t block, during;
    pid_t other;
    int i;

    signal(SIGUSR1, on_usr1);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &during);

    if ((other = fork()) == 0) {
        other = getppid();
        for (i = 0; i < 3; i++) {
            wait_turn(&during);
            printf("child turn %d\n", i);
            fflush(stdout);
            kill(other, SIGUSR1);
        }
        exit(0);
    }
    for (i = 0; i < 3; i++) {
        printf("parent turn %d\n", i);
        fflush(stdout);
        kill(other, SIGUSR1);
        wait_turn(&during);
    }
    wait(NULL);
    printf("done\n");
    return 0;
}
