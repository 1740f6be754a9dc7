/* Condition variables as an operating-systems course uses them: a one-slot buffer between
   a producer and a consumer (each waits in a while loop on its own condition, with the
   mutex held around every test and change); a start gate that pthread_cond_broadcast
   opens for three waiting threads at once; pthread_cond_signal with nobody waiting does
   nothing. PTHREAD_COND_INITIALIZER and pthread_cond_init both make a usable variable. */
#include <stdio.h>
#include <pthread.h>

#define ITEMS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t emptied;
static int slot, full;

static pthread_cond_t gate = PTHREAD_COND_INITIALIZER;
static int open_gate, waiting;

static void *producer(void *arg)
{
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (full)
            pthread_cond_wait(&emptied, &lock);
        slot = i * i;
        full = 1;
        pthread_cond_signal(&filled);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (!full)
            pthread_cond_wait(&filled, &lock);
        printf("consumed %d\n", slot);
        sum += slot;
        full = 0;
        pthread_cond_signal(&emptied);
        pthread_mutex_unlock(&lock);
    }
    return (void *)sum;
}

static void *runner(void *arg)
{
    pthread_mutex_lock(&lock);
    waiting++;
    while (!open_gate)
        pthread_cond_wait(&gate, &lock);
    waiting--;
    pthread_mutex_unlock(&lock);
    return arg;
}

int main(void)
{
    pthread_t p, c, r[3];
    void *res;
    printf("init=%d\n", pthread_cond_init(&emptied, NULL));
    printf("signal with no waiter=%d\n", pthread_cond_signal(&gate));
    fflush(stdout);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, &res);
    printf("sum=%ld\n", (long)res);

    for (long i = 0; i < 3; i++)
        pthread_create(&r[i], NULL, runner, (void *)i);
    pthread_mutex_lock(&lock);
    open_gate = 1;
    pthread_cond_broadcast(&gate);
    pthread_mutex_unlock(&lock);
    long total = 0;
    for (int i = 0; i < 3; i++) {
        pthread_join(r[i], &res);
        total += (long)res;
    }
    printf("all through the gate: %ld, still waiting %d\n", total, waiting);
    printf("destroy=%d\n", pthread_cond_destroy(&filled));
    return 0;
}
