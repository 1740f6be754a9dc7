// abort and a failed assert as glibc does them: assert's message on stderr (short program
// name, file, line, function, the condition as written), SIGABRT unblocked and raised, so a
// parent sees its child killed by SIGABRT even when the child had blocked it, and stdio's
// buffers are not flushed. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const PROGRAM = `#include <assert.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int positive(int x) {
    assert(x   >  0 &&
           x < 10);
    return x;
}

int main(void) {
    int st;
    pid_t p = fork();
    if (p == 0) {
        printf("never flushed");
        positive(5);
        positive(-1);
        return 0;
    }
    waitpid(p, &st, 0);
    printf("assert: signaled=%d sig=%d\\n", WIFSIGNALED(st), WTERMSIG(st));
    p = fork();
    if (p == 0) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, NULL);
        abort();
    }
    waitpid(p, &st, 0);
    printf("abort, SIGABRT blocked: signaled=%d sig=%d\\n", WIFSIGNALED(st), WTERMSIG(st));
    p = fork();
    if (p == 0) {
        signal(SIGABRT, SIG_IGN);
        abort();
    }
    waitpid(p, &st, 0);
    printf("abort, SIGABRT ignored: signaled=%d sig=%d\\n", WIFSIGNALED(st), WTERMSIG(st));
    return 0;
}
`;

describe("abort and assert", function () {
  this.timeout(60000);

  it("a failed assert prints glibc's message and the child dies of SIGABRT, blocked, ignored or not", async () => {
    assert.equal(await same(PROGRAM), "assert: signaled=1 sig=6\nabort, SIGABRT blocked: signaled=1 sig=6\nabort, SIGABRT ignored: signaled=1 sig=6\n");
  });

  it("the message names the program, the file as gcc prog.c has it, the line, the function and the condition as written", async () => {
    const r = await run(PROGRAM);
    assert.equal(r.stderr, "prog: prog.c:9: positive: Assertion `x > 0 && x < 10' failed.\n");
  });

  it("the condition is told as written (a macro in it unexpanded), and NDEBUG before <assert.h> turns assert off", async () => {
    const r = await run(`#include <stdio.h>
#include <assert.h>
#define MAX 10

int main(void) {
    int n = 12;
    assert(n < MAX);
    return 0;
}
`);
    assert.equal(r.stderr, "prog: prog.c:7: main: Assertion `n < MAX' failed.\n");
    const out = await same(`#define NDEBUG
#include <assert.h>
#include <stdio.h>

int calls = 0;
int touch(void) { return ++calls; }

int main(void) {
    assert(touch() < 0);
    printf("calls=%d\\n", calls);
    return 0;
}
`);
    assert.equal(out, "calls=0\n");
  });

  it("the message is flushed even when the program made stderr fully buffered", async () => {
    const r = await run(`#include <assert.h>
#include <stdio.h>

int main(void) {
    setvbuf(stderr, NULL, _IOFBF, 1024);
    fprintf(stderr, "before ");
    assert(1 == 2);
    return 0;
}
`);
    assert.equal(r.stderr, "before prog: prog.c:7: main: Assertion `1 == 2' failed.\n");
  });
});
