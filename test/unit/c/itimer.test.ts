// setitimer and getitimer of ITIMER_REAL: SIGALRM after it_value, then every it_interval;
// getitimer reads the setting back; alarm() shares the timer and clears the interval; a
// timer that counts CPU time is EINVAL in the model. Compared with a cc-compiled run where
// Linux's answer is the same every run.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

describe("interval timers", function () {
  this.timeout(60000);

  it("ticks every interval, reads back, and alarm() takes the timer over", async () => {
    const out = await same(`#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

volatile sig_atomic_t ticks = 0;
void on_alarm(int s) { ticks++; }

int main(void) {
    struct itimerval it = { { 0, 100000 }, { 0, 250000 } }, now, old;
    signal(SIGALRM, on_alarm);
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &now);
    printf("interval %ld.%06ld, armed %d\\n", now.it_interval.tv_sec, now.it_interval.tv_usec, now.it_value.tv_sec > 0 || now.it_value.tv_usec > 0);
    while (ticks < 3)
        pause();
    alarm(5);
    getitimer(ITIMER_REAL, &now);
    printf("ticks %d, after alarm: interval %ld.%06ld, value %lds\\n", ticks, now.it_interval.tv_sec, now.it_interval.tv_usec, now.it_value.tv_sec + (now.it_value.tv_usec > 0));
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, &old);
    printf("old value was within 5s: %d\\n", old.it_value.tv_sec <= 5);
    struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
    printf("bad usec: %d\\n", setitimer(ITIMER_REAL, &bad, NULL));
    return 0;
}
`);
    assert.equal(out, "interval 0.100000, armed 1\nticks 3, after alarm: interval 0.000000, value 5s\nold value was within 5s: 1\nbad usec: -1\n");
  });

  it("ITIMER_VIRTUAL and ITIMER_PROF count CPU time, which the model does not keep: EINVAL", async () => {
    const r = await run(`#include <errno.h>
#include <stdio.h>
#include <sys/time.h>

int main(void) {
    struct itimerval it = { { 0, 0 }, { 1, 0 } };
    int v = setitimer(ITIMER_VIRTUAL, &it, NULL);
    printf("%d %d\\n", v, errno == EINVAL);
    return 0;
}
`);
    assert.equal(r.stdout, "-1 1\n");
  });
});
