// Thread-local variables (__thread, _Thread_local): every thread has its own copy, which
// starts with the initial value (not what main has made of its copy meanwhile); an address
// taken in a thread points at that thread's copy; a static local can be thread-local too.
// Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("thread-local variables", function () {
  this.timeout(60000);

  it("gives each thread its own copy, starting from the initial value", async () => {
    const out = await same(`#include <stdio.h>
#include <pthread.h>

__thread int counter = 5;
_Thread_local long hits[3] = {1, 2, 3};
int shared;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static int calls(void) {
    static __thread int n;
    int *p = &n;
    return ++*p;
}

void *work(void *arg) {
    int id = (int)(long)arg;
    for (int i = 0; i < 3 + id; i++) { counter++; hits[1] += id; calls(); }
    pthread_mutex_lock(&m);
    shared += counter;
    pthread_mutex_unlock(&m);
    return (void *)(long)calls();
}

int main(void) {
    counter = 100;
    hits[1] = 50;
    pthread_t t[3];
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d made %ld calls\\n", i, (long)r);
    }
    printf("main counter %d hits %ld %ld calls %d shared %d\\n", counter, hits[0], hits[1], calls(), shared);
    return 0;
}
`);
    assert.match(out, /thread 2 made 6 calls\nmain counter 100 hits 1 50 calls 1 shared 27\n/);
  });
});
