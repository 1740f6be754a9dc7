/*
 * fork-in-thread.c - fork in a multithreaded process copies only the
 * calling thread. A mutex locked by another thread is copied locked, and
 * in the child no thread exists that could ever unlock it.
 * POSIX allows the child of a multithreaded process to call only
 * async-signal-safe functions until it execs. printf and
 * pthread_mutex_trylock are not among them: the child below breaks that
 * rule on purpose, to look at the lock (it works on glibc, which resets
 * its own stdio locks at fork; it is not portable).
 */
#include "csapp.h"

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
sem_t locked, release;

void *holder(void *vargp)
{
    pthread_mutex_lock(&lock);
    V(&locked);                    /* tell main: I hold the lock */
    P(&release);                   /* keep it until main says so */
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int status;

    Sem_init(&locked, 0, 0);
    Sem_init(&release, 0, 0);
    Pthread_create(&tid, NULL, holder, NULL);
    P(&locked);

    fflush(stdout);
    if (Fork() == 0) {
        /* Only this thread was copied. lock() would wait for ever, so
         * we only try. */
        if (pthread_mutex_trylock(&lock) == EBUSY)
            printf("child: the lock is still held, by a thread that is not here\n");
        exit(0);
    }
    Wait(&status);
    V(&release);                   /* let the holder unlock in the parent */
    Pthread_join(tid, NULL);
    if (pthread_mutex_trylock(&lock) == 0)
        printf("parent: the holder unlocked; I got the lock\n");
    exit(0);
}
