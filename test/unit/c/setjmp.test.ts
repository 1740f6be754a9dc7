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

  it("a longjmp to a setjmp whose function returned stops with a clear note", async () => {
    const r = await run(`#include <setjmp.h>\njmp_buf env;\nvoid mark(void) { setjmp(env); }\nint main(void) { mark(); longjmp(env, 1); return 0; }\n`);
    assert.match(r.diagnostics.join("\n"), /longjmp to a jmp_buf whose setjmp is not active/);
  });
});
