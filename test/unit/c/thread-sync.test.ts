// Thread synchronisation beyond the plain mutex, as course programs use it: reader-writer
// locks, error-checking and recursive mutexes, thread attributes (a thread created detached
// cannot be joined), pthread_equal, the errno names a trylock returns, and a main that ends
// with pthread_exit while another thread goes on (the process lives, and its last thread's
// end is exit(0): stdout is flushed). Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("thread synchronisation: rwlocks, mutex types, attributes, pthread_exit in main", function () {
  this.timeout(60000);

  it("lets readers share a rwlock and keeps a writer out while any reader holds it", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <pthread.h>

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int value;

void *writer(void *arg) {
    pthread_rwlock_wrlock(&rw);
    value = (int)(long)arg;
    pthread_rwlock_unlock(&rw);
    return NULL;
}

int main(void) {
    printf("rd %d\\n", pthread_rwlock_rdlock(&rw));
    printf("rd again %d\\n", pthread_rwlock_tryrdlock(&rw));
    printf("trywr %s\\n", strerror(pthread_rwlock_trywrlock(&rw)));
    pthread_t t;
    pthread_create(&t, NULL, writer, (void *)7L);
    pthread_rwlock_unlock(&rw);
    printf("value while read-locked %d\\n", value);
    pthread_rwlock_unlock(&rw);
    pthread_join(t, NULL);
    printf("value after %d\\n", value);
    pthread_rwlock_t l2;
    pthread_rwlock_init(&l2, NULL);
    pthread_rwlock_wrlock(&l2);
    printf("rd by writer %s\\n", strerror(pthread_rwlock_rdlock(&l2)));
    printf("tryrd %s\\n", strerror(pthread_rwlock_tryrdlock(&l2)));
    pthread_rwlock_unlock(&l2);
    printf("trywr free %d\\n", pthread_rwlock_trywrlock(&l2));
    pthread_rwlock_unlock(&l2);
    return pthread_rwlock_destroy(&l2);
}
`);
    assert.match(out, /value while read-locked 0\nvalue after 7\n/);
    assert.match(out, /trywr Device or resource busy/);
  });

  it("gives error-checking and recursive mutexes their own rules", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <pthread.h>

pthread_mutex_t m;
void *other(void *arg) {
    (void)arg;
    printf("unlock by other %d\\n", pthread_mutex_unlock(&m) == EPERM);
    printf("trylock by other %s\\n", strerror(pthread_mutex_trylock(&m)));
    return NULL;
}

int main(void) {
    pthread_mutexattr_t a;
    int kind;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_gettype(&a, &kind);
    printf("default kind %d\\n", kind);
    printf("bad kind %d\\n", pthread_mutexattr_settype(&a, 99) == EINVAL);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &a);
    printf("unlock unlocked %s\\n", strerror(pthread_mutex_unlock(&m)));
    pthread_mutex_lock(&m);
    printf("relock %s\\n", strerror(pthread_mutex_lock(&m)));
    pthread_t t;
    pthread_create(&t, NULL, other, NULL);
    pthread_join(t, NULL);
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m, &a);
    pthread_mutexattr_destroy(&a);
    printf("%d %d %d\\n", pthread_mutex_lock(&m), pthread_mutex_lock(&m), pthread_mutex_trylock(&m));
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m);
    pthread_create(&t, NULL, other, NULL);
    pthread_join(t, NULL);
    pthread_mutex_unlock(&m);
    pthread_create(&t, NULL, other, NULL);
    pthread_join(t, NULL);
    return 0;
}
`);
    assert.match(out, /relock Resource deadlock avoided/);
    assert.match(out, /0 0 0\nunlock by other 1\ntrylock by other Device or resource busy\nunlock by other 1\ntrylock by other Success/);
  });

  it("creates a thread detached from its attribute, and main's pthread_exit leaves the process to it", async () => {
    const out = await same(`#include <stdio.h>
#include <string.h>
#include <pthread.h>

pthread_t main_tid;
pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
void *late(void *arg) {
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_unlock(&gate);
    printf("other thread equal to main %d, to itself %d\\n", pthread_equal(pthread_self(), main_tid),
           pthread_equal(pthread_self(), pthread_self()));
    return NULL;
}

int main(void) {
    pthread_attr_t attr;
    int state;
    size_t size;
    main_tid = pthread_self();
    pthread_mutex_lock(&gate);
    pthread_attr_init(&attr);
    pthread_attr_getdetachstate(&attr, &state);
    pthread_attr_getstacksize(&attr, &size);
    printf("joinable %d stack %zu\\n", state == PTHREAD_CREATE_JOINABLE, size);
    printf("bad state %d\\n", pthread_attr_setdetachstate(&attr, 5));
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    pthread_create(&t, &attr, late, NULL);
    pthread_attr_destroy(&attr);
    printf("join detached %s\\n", strerror(pthread_join(t, NULL)));
    pthread_mutex_unlock(&gate);
    pthread_create(&t, NULL, late, NULL);
    pthread_detach(t);
    pthread_exit(NULL);
}
`);
    assert.match(out, /join detached Invalid argument/);
    assert.equal(out.split("other thread equal to main 0, to itself 1\n").length, 3);
  });

  it("holds threads at a barrier until all arrive, round after round, and guards with a spin lock", async () => {
    const out = await same(`#include <stdio.h>
#include <pthread.h>

#define N 4
#define ROUNDS 3
pthread_barrier_t bar;
pthread_spinlock_t spin;
int slot[N], seen[N][ROUNDS], serial, total;

void *worker(void *arg) {
    int id = (int)(long)arg;
    for (int r = 0; r < ROUNDS; r++) {
        slot[id] = r + 1;
        int rc = pthread_barrier_wait(&bar);
        if (rc == PTHREAD_BARRIER_SERIAL_THREAD) { pthread_spin_lock(&spin); serial++; pthread_spin_unlock(&spin); }
        else if (rc != 0) printf("wait failed %d\\n", rc);
        int sum = 0;
        for (int i = 0; i < N; i++) sum += slot[i];
        seen[id][r] = sum;
        pthread_spin_lock(&spin);
        total++;
        pthread_spin_unlock(&spin);
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

int main(void) {
    pthread_t t[N];
    printf("count 0: %d\\n", pthread_barrier_init(&bar, NULL, 0));
    pthread_barrier_init(&bar, NULL, N);
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < N; i++) printf("thread %d saw %d %d %d\\n", i, seen[i][0], seen[i][1], seen[i][2]);
    printf("serial %d total %d\\n", serial, total);
    pthread_spin_lock(&spin);
    printf("trylock held %d\\n", pthread_spin_trylock(&spin));
    pthread_spin_unlock(&spin);
    printf("trylock free %d\\n", pthread_spin_trylock(&spin));
    pthread_spin_destroy(&spin);
    pthread_barrier_destroy(&bar);
    return 0;
}
`);
    assert.match(out, /thread 3 saw 4 8 12\nserial 3 total 12\n/);
  });
});
