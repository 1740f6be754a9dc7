// setjmp/longjmp and sigsetjmp/siglongjmp, each compared with a cc-compiled run: a jump
// out of nested calls returns again from setjmp with the value (1 for 0), values the
// statement had pushed survive, and jumping out of a signal handler keeps the handler's
// mask unless sigsetjmp saved one.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

describe("setjmp and longjmp", function () {
  this.timeout(60000);

  it("a jump out of nested calls comes back to setjmp with the value; 0 becomes 1", async () => {
    const out = await same(`#include <setjmp.h>
#include <stdio.h>

jmp_buf env;
int depth = 0;

void dive(int n, int code) {
    depth = n;
    if (n == 3) longjmp(env, code);
    dive(n + 1, code);
    printf("never\\n");
}

int main(void) {
    int rounds = 0;
    int r = setjmp(env);
    printf("setjmp returned %d at depth %d\\n", r, depth);
    if (rounds++ == 0) dive(1, 7);
    if (rounds == 2) dive(1, 0);
    printf("sum %d\\n", 100 + setjmp(env) * 0 + rounds);
    return 0;
}
`);
    assert.equal(out, "setjmp returned 0 at depth 0\nsetjmp returned 7 at depth 3\nsetjmp returned 1 at depth 3\nsum 103\n");
  });

  it("longjmp out of a handler leaves the signal blocked; siglongjmp with a saved mask unblocks it", async () => {
    const out = await same(`#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

jmp_buf plain;
sigjmp_buf saved;
int use_saved = 0;

void on_usr1(int sig) {
    if (use_saved) siglongjmp(saved, 2);
    longjmp(plain, 1);
}

int blocked(void) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, SIGUSR1);
}

int main(void) {
    signal(SIGUSR1, on_usr1);
    if (setjmp(plain) == 0) kill(getpid(), SIGUSR1);
    printf("after longjmp: SIGUSR1 blocked %d\\n", blocked());
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    use_saved = 1;
    if (sigsetjmp(saved, 1) == 0) kill(getpid(), SIGUSR1);
    printf("after siglongjmp: SIGUSR1 blocked %d\\n", blocked());
    return 0;
}
`);
    assert.equal(out, "after longjmp: SIGUSR1 blocked 1\nafter siglongjmp: SIGUSR1 blocked 0\n");
  });

  it("after fork the child's longjmp resumes its own copy of the stack at setjmp; the parent is unaffected", async () => {
    const out = await same(`#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

jmp_buf env;
pid_t pid = -1;
int counter = 10;

void dive(int n) {
    counter += n;
    if (n == 3) longjmp(env, 5);
    dive(n + 1);
}

int main(void) {
    int r = setjmp(env);
    if (r != 0) {
        printf("child: setjmp returned %d, counter %d, pid %s\\n", r, counter, pid == 0 ? "0" : "?");
        exit(4);
    }
    pid = fork();
    if (pid == 0) dive(1);
    int status;
    waitpid(pid, &status, 0);
    printf("parent: r %d, counter %d, child exited %d\\n", r, counter, WEXITSTATUS(status));
    return 0;
}
`);
    assert.equal(out, "child: setjmp returned 5, counter 16, pid 0\nparent: r 0, counter 10, child exited 4\n");
  });

  it("after fork the parent's longjmp still returns to its setjmp", async () => {
    const out = await same(`#include <setjmp.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

jmp_buf env;
int rounds = 0;

int main(void) {
    int r = setjmp(env);
    printf("setjmp returned %d in round %d\\n", r, rounds);
    if (rounds++ == 0) {
        pid_t pid = fork();
        if (pid == 0) _exit(3);
        int status;
        waitpid(pid, &status, 0);
        printf("reaped %d\\n", WEXITSTATUS(status));
        longjmp(env, 2);
    }
    return 0;
}
`);
    assert.equal(out, "setjmp returned 0 in round 0\nreaped 3\nsetjmp returned 2 in round 1\n");
  });

  it("siglongjmp in a forked child restores the saved mask in the child only", async () => {
    const out = await same(`#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

sigjmp_buf env;

int blocked(void) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, SIGUSR1);
}

int main(void) {
    if (sigsetjmp(env, 1) != 0) {
        printf("child after siglongjmp: SIGUSR1 blocked %d\\n", blocked());
        exit(0);
    }
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    pid_t pid = fork();
    if (pid == 0) siglongjmp(env, 1);
    waitpid(pid, NULL, 0);
    printf("parent: SIGUSR1 blocked %d\\n", blocked());
    return 0;
}
`);
    assert.equal(out, "child after siglongjmp: SIGUSR1 blocked 0\nparent: SIGUSR1 blocked 1\n");
  });

  it("a forked child's longjmp to a setjmp whose function returned before fork is refused", async () => {
    const r = await run(`#include <setjmp.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
jmp_buf env;
void mark(void) { setjmp(env); }
int main(void) {
    mark();
    pid_t pid = fork();
    if (pid == 0) longjmp(env, 1);
    waitpid(pid, NULL, 0);
    printf("parent done\\n");
    return 0;
}
`);
    assert.equal(r.stdout, "parent done\n");
    assert.match(r.diagnostics.join("\n"), /longjmp to a jmp_buf whose setjmp is not active in this thread \(its function returned/);
  });

  it("a longjmp to a jmp_buf another thread saved is refused", async () => {
    const r = await run(`#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
jmp_buf env;
void *worker(void *arg) { longjmp(env, 1); return arg; }
int main(void) {
    if (setjmp(env) != 0) { printf("jumped across threads\\n"); return 1; }
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return 0;
}
`);
    assert.doesNotMatch(r.stdout, /jumped across threads/);
    assert.match(r.diagnostics.join("\n"), /longjmp to a jmp_buf saved by another thread/);
  });

  it("a longjmp to a setjmp whose function returned stops with a clear note", async () => {
    const r = await run(`#include <setjmp.h>\njmp_buf env;\nvoid mark(void) { setjmp(env); }\nint main(void) { mark(); longjmp(env, 1); return 0; }\n`);
    assert.match(r.diagnostics.join("\n"), /longjmp to a jmp_buf whose setjmp is not active/);
  });
});
