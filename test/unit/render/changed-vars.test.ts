// A variable's "changed this step" mark follows the writes to its bytes: a read() that
// blocks on an empty pipe has written nothing into its buffer, so the card marks the
// buffer on the step the woken read completes and the data lands, not the blocking step.
import { strict as assert } from "node:assert";
import { compile } from "../c/helpers";
import { Session } from "../../../src/session/session";
import { diffSnapshots } from "../../../src/render/changes";
import type { Snapshot } from "../../../src/contract/snapshot";

const src = `#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int fds[2];
    char buf[16];
    int n;
    pipe(fds);
    if (fork() == 0) {
        read(fds[0], buf, sizeof buf);
        read(fds[0], &n, sizeof n);
        return 0;
    }
    sleep(1);
    write(fds[1], "hi", 2);
    n = 7;
    write(fds[1], &n, sizeof n);
    wait(NULL);
    return 0;
}
`;

describe("the changed mark on a read buffer", function () {
  this.timeout(60000);

  it("a read that blocks marks nothing; the step its data lands marks the buffer", async () => {
    const { program } = await compile(src);
    const s = new Session({ program, name: "prog", scenario: {} });
    let prev: Snapshot = s.snapshot();
    /** Step `pid`; the variables the step marked in `pid`, and the process after it. */
    const step = (pid: number) => {
      s.step(pid);
      const cur = s.snapshot();
      const marked = [...(diffSnapshots(prev, cur).changedVars.get(pid) ?? [])];
      prev = cur;
      return { marked, p: cur.processes.find((x) => x.pid === pid)! };
    };
    while (!s.trace.some((e) => e.call === "fork")) step(s.mainPid);
    const child = prev.processes.find((p) => p.ppid === s.mainPid && p.kind === "program")!.pid;
    // The child reaches its first read and blocks on the empty pipe.
    let r = step(child);
    assert.equal(r.p.line, 9);
    r = step(child);
    assert.equal(r.p.state, "blocked");
    assert.deepEqual(r.marked, [], "the blocking step wrote nothing into buf");
    // The parent writes: the child is woken, its read not yet done.
    while (!s.trace.some((e) => e.call === "write")) step(s.mainPid);
    assert.notEqual(prev.processes.find((p) => p.pid === child)!.state, "blocked");
    // The woken read completes: "hi" lands in buf, and the mark comes now.
    r = step(child);
    assert.equal(r.p.line, 10);
    assert.deepEqual(r.marked, ["0:buf"]);
    // A scalar read through its address: the same.
    r = step(child);
    assert.equal(r.p.state, "blocked");
    assert.deepEqual(r.marked, [], "the blocking step wrote nothing into n");
    while (s.trace.filter((e) => e.call === "write").length < 2) step(s.mainPid);
    r = step(child);
    assert.equal(r.p.line, 11);
    assert.deepEqual(r.marked, ["0:n"]);
  });
});
