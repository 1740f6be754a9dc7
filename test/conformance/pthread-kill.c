/* pthread_kill(3) and sigwait(3): signals for one thread, taken one by one by that thread's
   sigwait. Every thread blocks SIGUSR1 and SIGUSR2 (the mask is inherited), so only sigwait
   takes them; pthread_kill of a bad signal is EINVAL, returned, with errno left alone. raise
   sends to the caller alone: blocked there, it waits for main's own sigwait. Only the waiter
   prints until it is joined, so the output's order is the same every run. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sigset_t set;

static void *waiter(void *arg)
{
    for (;;) {
        int sig;
        int r = sigwait(&set, &sig);
        printf("waiter: sigwait=%d took %s\n", r, sig == SIGUSR1 ? "SIGUSR1" : "SIGUSR2");
        fflush(stdout);
        if (sig == SIGUSR2)
            return arg;
    }
}

int main(void)
{
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    int first = pthread_kill(t, SIGUSR1);
    struct timespec tenth = { 0, 100000000 };
    nanosleep(&tenth, NULL);
    int second = pthread_kill(t, SIGUSR2);
    pthread_join(t, NULL);
    printf("joined; pthread_kill said %d and %d\n", first, second);
    int r;
    errno = 0;
    r = pthread_kill(pthread_self(), 99);
    printf("signal 99: %s, errno %d\n", strerror(r), errno);
    raise(SIGUSR1);
    int sig;
    sigwait(&set, &sig);
    printf("main took %s\n", sig == SIGUSR1 ? "SIGUSR1" : "SIGUSR2");
    return 0;
}
