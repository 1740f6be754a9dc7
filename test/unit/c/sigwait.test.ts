// Signals for one thread and signals taken rather than handled: pthread_kill sends to the
// thread it names (raise to the caller), which alone takes it; sigwait, sigwaitinfo and
// sigtimedwait take a pending blocked signal of their set (sigtimedwait gives up with EAGAIN
// when its timeout passes). Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { same } from "./helpers";

describe("pthread_kill and sigwait", function () {
  this.timeout(60000);

  it("a thread that sigwaits takes the signals pthread_kill sends it, one by one (test/conformance/pthread-kill.c)", async () => {
    const out = await same(readFileSync(join(__dirname, "..", "..", "conformance", "pthread-kill.c"), "utf8"));
    assert.equal(out, "waiter: sigwait=0 took SIGUSR1\nwaiter: sigwait=0 took SIGUSR2\njoined; pthread_kill said 0 and 0\n"
      + "signal 99: Invalid argument, errno 0\nmain took SIGUSR1\n");
  });

  it("pthread_kill's signal runs its handler on the thread named, which alone may take it; raise's stays with the caller", async () => {
    const out = await same(`#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

pthread_t target;
volatile sig_atomic_t on_target, handled;

void on_usr1(int sig) { on_target = pthread_equal(pthread_self(), target); handled++; }

void *sleeper(void *arg) {
    while (!handled)
        pause();
    return arg;
}

int main(void) {
    signal(SIGUSR1, on_usr1);
    pthread_create(&target, NULL, sleeper, NULL);
    usleep(50000);
    pthread_kill(target, SIGUSR1);
    pthread_join(target, NULL);
    printf("handled %d, on the thread named: %d\\n", handled, on_target);

    // A thread that blocks nothing, then main blocks SIGUSR1 and raises it: it stays
    // main's, though the other thread would take a signal sent to the process.
    sigset_t usr1, pending;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    handled = 0;
    pthread_create(&target, NULL, sleeper, NULL);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    usleep(50000);
    sigpending(&pending);
    printf("raised while blocked: handled %d, pending here %d\\n", handled, sigismember(&pending, SIGUSR1));
    int sig;
    sigwait(&usr1, &sig);
    printf("sigwait took it: %d, handled %d\\n", sig == SIGUSR1, handled);
    pthread_kill(target, SIGUSR1);
    pthread_join(target, NULL);
    printf("then sent to the other: handled %d, there: %d\\n", handled, on_target);

    errno = 0;
    int r = pthread_kill(pthread_self(), 99);
    printf("signal 99: %s, errno still %d\\n", strerror(r), errno);
    printf("signal 0: %d\\n", pthread_kill(pthread_self(), 0));
    pthread_t ended;
    pthread_create(&ended, NULL, sleeper, NULL);
    usleep(50000);
    printf("a thread that ended, not joined yet: %d", pthread_kill(ended, SIGUSR1));
    printf(", with signal 99 too: %d", pthread_kill(ended, 99));
    printf(", glibc's own SIGCANCEL: %s\\n", strerror(pthread_kill(ended, 32)));
    pthread_join(ended, NULL);
    return 0;
}
`);
    assert.equal(out, "handled 1, on the thread named: 1\nraised while blocked: handled 0, pending here 1\nsigwait took it: 1, handled 0\n"
      + "then sent to the other: handled 1, there: 1\n"
      + "signal 99: Invalid argument, errno still 0\nsignal 0: 0\na thread that ended, not joined yet: 0, with signal 99 too: 0, glibc's own SIGCANCEL: Invalid argument\n");
  });

  it("sigwaitinfo tells the sender; sigtimedwait gives up with EAGAIN; a bad timeout is EINVAL", async () => {
    const out = await same(`#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    siginfo_t si;
    raise(SIGUSR1);
    int s = sigwaitinfo(&set, &si);
    printf("raise: %d si_signo %d si_code SI_USER %d, from itself %d\\n", s, si.si_signo, si.si_code == SI_USER, si.si_pid == getpid());
    pid_t child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR1);
        _exit(3);
    }
    s = sigwaitinfo(&set, &si);
    printf("first: %s, from the child %d\\n", s == SIGUSR1 ? "SIGUSR1" : s == SIGCHLD ? "SIGCHLD" : "?", si.si_pid == child);
    s = sigwaitinfo(&set, &si);
    printf("then: %s, from the child %d\\n", s == SIGUSR1 ? "SIGUSR1" : s == SIGCHLD ? "SIGCHLD" : "?", si.si_pid == child);
    waitpid(child, NULL, 0);
    struct timespec none = { 0, 0 };
    s = sigtimedwait(&set, NULL, &none);
    printf("nothing pending, no wait: %d %s\\n", s, strerror(errno));
    struct timespec t0, t1, tenth = { 0, 100000000 };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    s = sigtimedwait(&set, NULL, &tenth);
    int e = errno;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("a tenth of a second: %d %s, waited it: %d\\n", s, strerror(e), ms >= 90 && ms < 1000);
    struct timespec bad = { 0, 1000000000 };
    s = sigtimedwait(&set, NULL, &bad);
    printf("tv_nsec 1e9: %d %s\\n", s, strerror(errno));
    raise(SIGUSR1);
    printf("pending, with a timeout: %d\\n", sigtimedwait(&set, NULL, &tenth));
    return 0;
}
`);
    assert.match(out, /^raise: 10 si_signo 10 si_code SI_USER 1, from itself 1$/m);
    assert.match(out, /^a tenth of a second: -1 Resource temporarily unavailable, waited it: 1$/m);
  });
});
