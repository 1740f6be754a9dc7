/* pthread_cancel with glibc's deferred cancellation: a thread blocked in read or sleep
   (cancellation points) ends there and pthread_join gives PTHREAD_CANCELED; a thread
   that only computes ends at pthread_testcancel; with cancellation disabled a request
   waits (even through a read) until it is enabled again; the asynchronous type ends a
   spinning thread anywhere; EINVAL for a bad state or type. And csapp's Pthread_cancel. */
#include "csapp.h"

static int ready[2], go[2];

static void *blocked_in_read(void *arg)
{
    char c;
    write(ready[1], "r", 1);
    read(go[0], &c, 1);           /* nobody writes: only the cancel ends this */
    printf("read returned\n");
    return arg;
}

static void *blocked_in_sleep(void *arg)
{
    write(ready[1], "s", 1);
    sleep(100);
    printf("slept\n");
    return arg;
}

static void *computing(void *arg)
{
    long n = 0;
    write(ready[1], "c", 1);
    for (;;) {
        n++;
        pthread_testcancel();
    }
    return (void *)n;
}

static void *reluctant(void *arg)
{
    int old, oldtype;
    char c;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    write(ready[1], "d", 1);
    read(go[0], &c, 1);           /* a cancellation point, but disabled: the byte arrives */
    pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &oldtype);
    printf("disabled thread read '%c' (old state %d, old type %d)\n", c, old, oldtype);
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    printf("enabled again (old state %d)\n", old);
    pthread_testcancel();
    printf("not reached\n");
    return arg;
}

static void *spinning(void *arg)
{
    volatile long n = 0;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    write(ready[1], "a", 1);
    while (1) {
        n++;
    }
    return arg;
}

/* Start f, wait until it says it runs, cancel it, join it and say how it ended. */
static void cancel_one(const char *what, void *(*f)(void *), int feed)
{
    pthread_t t;
    void *res;
    char c;
    pthread_create(&t, NULL, f, (void *)7L);
    read(ready[0], &c, 1);
    int rc = pthread_cancel(t);
    if (feed)
        write(go[1], "g", 1);
    int jr = pthread_join(t, &res);
    printf("%s: cancel=%d join=%d canceled=%d\n", what, rc, jr, res == PTHREAD_CANCELED);
}

int main(void)
{
    pipe(ready);
    pipe(go);
    cancel_one("blocked in read", blocked_in_read, 0);
    cancel_one("blocked in sleep", blocked_in_sleep, 0);
    cancel_one("computing", computing, 0);
    cancel_one("disabled, then enabled", reluctant, 1);
    cancel_one("asynchronous", spinning, 0);

    pthread_t t;
    void *res;
    char c;
    int rc;
    pthread_create(&t, NULL, blocked_in_read, NULL);
    read(ready[0], &c, 1);
    Pthread_cancel(t);
    Pthread_join(t, &res);
    printf("Pthread_cancel: canceled=%d\n", res == PTHREAD_CANCELED);

    int old = -1;
    rc = pthread_setcancelstate(5, &old);
    printf("setcancelstate(5)=%d old=%d\n", rc, old);
    rc = pthread_setcanceltype(7, NULL);
    printf("setcanceltype(7)=%d\n", rc);
    return 0;
}
