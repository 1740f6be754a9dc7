// A handler installed with SA_SIGINFO gets a siginfo_t saying who sent the signal and why,
// as Linux fills it: SIGCHLD's child pid, si_code (CLD_EXITED, CLD_KILLED) and si_status;
// kill's SI_USER and sender pid; raise's SI_TKILL; the timer's SI_KERNEL; SIGPIPE as sent by
// the writer itself. Compared with a cc-compiled run. (The model's user is not root, the
// test machine's may be: si_uid is checked only where a process sent the signal.)
import { strict as assert } from "node:assert";
import { same } from "./helpers";

const PROGRAM = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

volatile sig_atomic_t code, pid, status, signo, uid;
void h(int sig, siginfo_t *info, void *ctx) {
    signo = info->si_signo;
    code = info->si_code;
    pid = info->si_pid;
    status = info->si_status;
    uid = info->si_uid;
}
void on(int s) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(s, &sa, NULL);
}
/* Waits for the next handler to run: the signals stay blocked outside sigsuspend, so none
   is taken between the test and the wait. */
void await(void) {
    sigset_t none;
    sigemptyset(&none);
    while (!signo)
        sigsuspend(&none);
}
void show(const char *what, int child, int fromProcess) {
    const char *who = pid == 0 ? "0" : pid == child ? "child" : pid == getpid() ? "self" : "other";
    printf("%s: signo=%d code=%d pid=%s status=%d", what, signo, code, who, status);
    if (fromProcess) printf(" uid=%s", uid == getuid() ? "mine" : "other");
    printf("\\n");
    signo = code = pid = status = uid = 0;
}
int main(void) {
    on(SIGCHLD);
    on(SIGUSR1);
    on(SIGALRM);
    on(SIGPIPE);
    on(SIGTERM);
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGCHLD);
    sigaddset(&handled, SIGUSR1);
    sigaddset(&handled, SIGALRM);
    sigprocmask(SIG_BLOCK, &handled, NULL);
    pid_t c = fork();
    if (c == 0)
        _exit(7);
    await();
    waitpid(c, NULL, 0);
    show("exited", c, 1);
    c = fork();
    if (c == 0)
        for (;;)
            pause();
    kill(c, SIGKILL);
    await();
    waitpid(c, NULL, 0);
    show("killed", c, 1);
    raise(SIGTERM);
    show("raise", 0, 1);
    alarm(1);
    await();
    show("alarm", 0, 0);
    int p[2];
    pipe(p);
    close(p[0]);
    write(p[1], "x", 1);
    show("pipe", 0, 1);
    c = fork();
    if (c == 0) {
        kill(getppid(), SIGUSR1);
        for (;;)
            pause();
    }
    await();
    show("kill", c, 1);
    kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    return 0;
}
`;

describe("siginfo_t for SA_SIGINFO handlers", function () {
  this.timeout(60000);

  it("says who sent each signal and why, as Linux does", async () => {
    const out = await same(PROGRAM);
    assert.equal(out, [
      "exited: signo=17 code=1 pid=child status=7 uid=mine",
      "killed: signo=17 code=2 pid=child status=9 uid=mine",
      "raise: signo=15 code=-6 pid=self status=0 uid=mine",
      "alarm: signo=14 code=128 pid=0 status=0",
      "pipe: signo=13 code=0 pid=self status=0 uid=mine",
      "kill: signo=10 code=0 pid=child status=0 uid=mine",
      "",
    ].join("\n"));
  });
});
