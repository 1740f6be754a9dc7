// GCC's __sync builtins and C11 <stdatomic.h>: the old or new value each returns at the
// object's own width and of its type (unsigned stays unsigned), compare-and-swap that fails (and updates `expected`), an
// atomic_flag used as a lock, and a counter four threads add to. Compared with a
// cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("atomic operations", function () {
  this.timeout(60000);

  it("give gcc's results for __sync builtins and stdatomic.h, and a shared counter adds up", async () => {
    const out = await same(`#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int counter;
_Atomic long total = 0;
atomic_flag lock = ATOMIC_FLAG_INIT;

void *work(void *arg) {
    for (int i = 0; i < 200; i++) {
        atomic_fetch_add(&counter, 1);
        atomic_fetch_add_explicit(&total, (long)arg, memory_order_relaxed);
    }
    return NULL;
}

int main(void) {
    int i = 10;
    signed char b = 120;
    long l = -5;
    unsigned u = 4000000000u;
    printf("%d %d %d %d\\n", __sync_fetch_and_add(&i, 5), __sync_add_and_fetch(&i, 1), __sync_sub_and_fetch(&i, 20), i);
    int old = __sync_fetch_and_add(&b, 10);
    printf("%d %d\\n", old, b);
    printf("%ld %ld %ld\\n", __sync_fetch_and_sub(&l, 1), __sync_fetch_and_or(&l, 3), l);
    printf("%u %d %u\\n", __sync_val_compare_and_swap(&u, 4000000000u, 7u), __sync_bool_compare_and_swap(&u, 8u, 9u), u);
    printf("%d %d %d\\n", __sync_fetch_and_and(&i, 6), __sync_fetch_and_xor(&i, 3), __sync_lock_test_and_set(&i, 42));
    __sync_lock_release(&i);
    __sync_synchronize();
    int expected = 1;
    atomic_int x = 5;
    int ok = atomic_compare_exchange_strong(&x, &expected, 9);
    printf("cas %d expected %d x %d\\n", ok, expected, atomic_load(&x));
    ok = atomic_compare_exchange_weak(&x, &expected, 9);
    printf("cas %d expected %d x %d\\n", ok, expected, atomic_load(&x));
    atomic_store(&x, -3);
    int was = atomic_exchange(&x, 4);
    printf("exchange %d now %d\\n", was, atomic_load(&x));
    pthread_t t[4];
    for (long k = 0; k < 4; k++) pthread_create(&t[k], NULL, work, (void *)(k + 1));
    for (int k = 0; k < 4; k++) pthread_join(t[k], NULL);
    printf("flag %d %d\\n", atomic_flag_test_and_set(&lock), atomic_flag_test_and_set(&lock));
    atomic_flag_clear(&lock);
    printf("counter %d total %ld flag %d i %d\\n", atomic_load(&counter), total, atomic_flag_test_and_set(&lock), i);
    return 0;
}
`);
    assert.match(out, /counter 800 total 2000 flag 0 i 0\n/);
  });

  it("answer the object's value as its own type: unsigned at any width, pointers, _Atomic(T)", async () => {
    // Each comparison is true with gcc; a value read back as a signed long makes the
    // unsigned ones at their maximum negative.
    const out = await same(`#include <stdio.h>
#include <stdatomic.h>
#include <stdint.h>
#include <limits.h>

int main(void) {
    _Atomic unsigned long ul = ULONG_MAX;
    atomic_uint u = UINT_MAX;
    atomic_ushort s = USHRT_MAX;
    atomic_uchar c = UCHAR_MAX;
    atomic_schar sc = -1;
    atomic_ullong ull = 0;
    atomic_uintptr_t up = 0;
    _Atomic(int) ai = 5;
    printf("%d %d %d %d\\n", atomic_load(&ul) > 0, atomic_fetch_add(&u, 0) > 0, atomic_load(&s) > 0, atomic_fetch_or(&c, 0) == UCHAR_MAX);
    int wrapped = atomic_fetch_sub(&ull, 1) == 0;
    printf("%d %d\\n", wrapped, atomic_load(&ull) > 5);
    printf("%.0f\\n", (double)atomic_load(&ull));
    atomic_fetch_add(&s, 1);
    unsigned char old = atomic_fetch_sub(&c, 1);
    printf("%d %d %d %d\\n", (int)atomic_load(&s), old, atomic_load(&c) > 200, atomic_load(&sc) < 0);
    atomic_store(&up, (uintptr_t)-1);
    int was = atomic_exchange(&ai, 7);
    printf("%d %d %d\\n", atomic_load(&up) > 0, was, atomic_load(&ai));
    printf("%d\\n", __sync_add_and_fetch(&u, 1) == 0 && __sync_sub_and_fetch(&u, 1) == UINT_MAX);
    int x = 3;
    int *_Atomic ap = 0;
    int *p = atomic_exchange(&ap, &x);
    printf("%d %d\\n", p == 0, *atomic_load(&ap));
    return 0;
}
`);
    assert.equal(out, "1 1 1 1\n1 1\n18446744073709551616\n0 255 1 1\n1 5 7\n1\n1 3\n");
  });
});
