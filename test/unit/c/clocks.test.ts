// clock_gettime and clock_getres over Linux's clock ids: every clock Linux has answers (the
// wall clocks from the wall time, the others from the logical time), a clock id Linux does
// not have is EINVAL (a negative id is a CPU-time clock: the caller's own is known); the
// high-resolution clocks tick in nanoseconds. Compared with a cc-compiled run, in words that
// do not depend on when it ran.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("clock_gettime's clocks", function () {
  this.timeout(60000);

  it("reads each of Linux's clocks, the wall ones near the wall time; an unknown id is EINVAL", async () => {
    const out = await same(`#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(void) {
    struct { clockid_t id; const char *name; } clocks[] = {
        { CLOCK_REALTIME, "REALTIME" }, { CLOCK_MONOTONIC, "MONOTONIC" }, { CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID" },
        { CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID" }, { CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW" },
        { CLOCK_REALTIME_COARSE, "REALTIME_COARSE" }, { CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE" }, { CLOCK_BOOTTIME, "BOOTTIME" },
    };
    time_t now = time(NULL);
    for (int i = 0; i < 8; i++) {
        struct timespec t = { -1, -1 };
        int r = clock_gettime(clocks[i].id, &t);
        int wall = t.tv_sec >= now - 1 && t.tv_sec <= now + 1;
        printf("%s: %d, in range %d, wall time %d\\n", clocks[i].name, r, t.tv_sec >= 0 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000, wall);
    }
    struct timespec t, res;
    int r = clock_gettime(10, &t);
    printf("clock 10: %d %s\\n", r, strerror(errno));
    r = clock_gettime(-7, &t);
    printf("clock -7, this process's CPU time: %d\\n", r);
    r = clock_gettime(-5, &t);
    printf("clock -5, a CPU clock of no kind: %d %s\\n", r, strerror(errno));
    r = clock_getres(CLOCK_MONOTONIC, &res);
    printf("getres MONOTONIC: %d %ld.%09ld\\n", r, (long)res.tv_sec, res.tv_nsec);
    r = clock_getres(CLOCK_REALTIME, &res);
    printf("getres REALTIME: %d %ld.%09ld\\n", r, (long)res.tv_sec, res.tv_nsec);
    printf("getres NULL: %d\\n", clock_getres(CLOCK_REALTIME, NULL));
    r = clock_getres(12, &res);
    printf("getres 12: %d %s\\n", r, strerror(errno));
    return 0;
}
`);
    assert.match(out, /^REALTIME: 0, in range 1, wall time 1$/m);
    assert.match(out, /^MONOTONIC: 0, in range 1, wall time 0$/m);
    assert.match(out, /^clock 10: -1 Invalid argument$/m);
    assert.match(out, /^getres MONOTONIC: 0 0\.000000001$/m);
  });
});
