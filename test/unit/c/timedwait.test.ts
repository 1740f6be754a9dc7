// Waits with an absolute CLOCK_REALTIME deadline: sem_timedwait and pthread_cond_timedwait.
// The deadline is on the model's clock (the wall clock read with clock_gettime); when nothing
// else can run the clock moves to it, as to a sleep's end. Timed out: sem_timedwait fails
// with ETIMEDOUT, pthread_cond_timedwait returns ETIMEDOUT holding the mutex again; a
// tv_nsec out of range is EINVAL. Compared with a cc-compiled run (elapsed times only as
// "about": Linux's are measured).
import { strict as assert } from "node:assert";
import { same } from "./helpers";

const COMMON = `#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/** The wall clock ms from now, as a deadline. */
static struct timespec in_ms(long ms) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += (ms % 1000) * 1000000;
    t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000;
    t.tv_nsec %= 1000000000;
    return t;
}

static struct timespec started;
static void start(void) { clock_gettime(CLOCK_MONOTONIC, &started); }
static long elapsed(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - started.tv_sec) * 1000 + (now.tv_nsec - started.tv_nsec) / 1000000;
}
`;

describe("timed waits: sem_timedwait and pthread_cond_timedwait", function () {
  this.timeout(60000);

  it("sem_timedwait takes a count that is there, else fails with ETIMEDOUT at the deadline; a bad tv_nsec is EINVAL first", async () => {
    const out = await same(`${COMMON}
int main(void) {
    sem_t s;
    sem_init(&s, 0, 1);
    struct timespec soon = in_ms(200);
    printf("a count is there: %d\\n", sem_timedwait(&s, &soon));
    start();
    int r = sem_timedwait(&s, &soon);
    int e = errno;
    long ms = elapsed();
    printf("none: %d %s, after about 200 ms: %d\\n", r, strerror(e), ms >= 150 && ms < 1000);
    struct timespec past = { 0, 0 };
    r = sem_timedwait(&s, &past);
    printf("a deadline long past: %d %s\\n", r, strerror(errno));
    sem_post(&s);
    printf("a deadline long past, with a count: %d\\n", sem_timedwait(&s, &past));
    sem_post(&s);
    struct timespec bad = in_ms(100);
    bad.tv_nsec = 1000000000;
    r = sem_timedwait(&s, &bad);
    printf("tv_nsec 1e9: %d %s\\n", r, strerror(errno));
    bad.tv_nsec = -1;
    r = sem_timedwait(&s, &bad);
    printf("tv_nsec -1: %d %s\\n", r, strerror(errno));
    int v;
    sem_getvalue(&s, &v);
    printf("the count is still %d\\n", v);
    return 0;
}
`);
    assert.equal(out, "a count is there: 0\nnone: -1 Connection timed out, after about 200 ms: 1\na deadline long past: -1 Connection timed out\n"
      + "a deadline long past, with a count: 0\ntv_nsec 1e9: -1 Invalid argument\ntv_nsec -1: -1 Invalid argument\nthe count is still 1\n");
  });

  it("sem_timedwait returns as soon as another thread posts, before the deadline", async () => {
    const out = await same(`${COMMON}
sem_t s;

void *poster(void *arg) {
    usleep(50000);
    sem_post(&s);
    return arg;
}

int main(void) {
    sem_init(&s, 0, 0);
    pthread_t t;
    struct timespec later = in_ms(2000);
    start();
    pthread_create(&t, NULL, poster, NULL);
    int r = sem_timedwait(&s, &later);
    long ms = elapsed();
    printf("posted: %d, well before the deadline: %d\\n", r, ms < 1000);
    pthread_join(t, NULL);
    return 0;
}
`);
    assert.equal(out, "posted: 0, well before the deadline: 1\n");
  });

  it("pthread_cond_timedwait: ETIMEDOUT with the mutex held again; a signal before the deadline; EINVAL without letting go", async () => {
    const out = await same(`${COMMON}
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
int ready;

void *signaller(void *arg) {
    usleep(50000);
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void) {
    pthread_mutex_lock(&m);
    struct timespec soon = in_ms(100);
    start();
    int r = pthread_cond_timedwait(&cv, &m, &soon);
    long ms = elapsed();
    printf("nobody signals: %s, after about 100 ms: %d, holds the mutex: %d\\n", strerror(r), ms >= 50 && ms < 1000, pthread_mutex_trylock(&m) == EBUSY);
    pthread_t t;
    pthread_create(&t, NULL, signaller, NULL);
    struct timespec later = in_ms(2000);
    start();
    r = 0;
    while (!ready && r == 0)
        r = pthread_cond_timedwait(&cv, &m, &later);
    printf("signalled: %d ready %d, well before the deadline: %d\\n", r, ready, elapsed() < 1000);
    struct timespec bad = later;
    bad.tv_nsec = 1000000000;
    r = pthread_cond_timedwait(&cv, &m, &bad);
    printf("tv_nsec 1e9: %s, still holds the mutex: %d\\n", strerror(r), pthread_mutex_trylock(&m) == EBUSY);
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
`);
    assert.equal(out, "nobody signals: Connection timed out, after about 100 ms: 1, holds the mutex: 1\n"
      + "signalled: 0 ready 1, well before the deadline: 1\ntv_nsec 1e9: Invalid argument, still holds the mutex: 1\n");
  });

  it("pthread_cond_timedwait past its deadline still waits for the mutex before it returns", async () => {
    const out = await same(`${COMMON}
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

void *holder(void *arg) {
    pthread_mutex_lock(&m);
    usleep(300000);
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void) {
    pthread_mutex_lock(&m);
    pthread_t t;
    pthread_create(&t, NULL, holder, NULL);
    struct timespec soon = in_ms(100);
    start();
    int r = pthread_cond_timedwait(&cv, &m, &soon);
    long ms = elapsed();
    printf("%s after the holder let go: %d\\n", strerror(r), ms >= 250);
    pthread_mutex_unlock(&m);
    pthread_join(t, NULL);
    return 0;
}
`);
    assert.equal(out, "Connection timed out after the holder let go: 1\n");
  });
});
