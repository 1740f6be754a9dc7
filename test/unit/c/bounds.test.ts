import { strict as assert } from "node:assert";
import { compile, run } from "./helpers";
import { Session } from "../../../src/session/session";
import { Stepper } from "../../../src/session/stepper";
import { MAX_CALLS_PER_STEP, STUCK_STEPS } from "../../../src/c/stepbounds";

// Every step is bounded, each bound says so once, and nothing is lost: the program goes on
// from where the step stopped.
describe("bounds: instructions, calls, memory and processes", () => {
  it("a one-line loop: each step stops at the budget, one note, and a run stops after STUCK_STEPS such steps", async () => {
    const r = await run("int main(void) { while (1); }\n", {}, { stepBudget: 1000 });
    // The first step only arrives at the line.
    assert.equal(r.session.steps, STUCK_STEPS + 1);
    assert.match(r.ended, /^line 1 is still running after 20 steps in a row, each stopped after 1,000 instructions; the run stops here/);
    assert.deepEqual(r.diagnostics, ["line 1 is still running after 1,000 instructions; a loop on one line? Step again to go on"]);
  });

  it("a long loop on one line is not cut short: stepping again goes on to the end", async () => {
    const r = await run(`#include <stdio.h>
int main(void) {
  long i, s = 0; for (i = 0; i < 300; i++) s += i;
  printf("%ld\\n", s);
  return 0;
}
`, {}, { stepBudget: 1000 });
    assert.equal(r.stdout, "44850\n");
    assert.equal(r.diagnostics.filter((d) => d.includes("still running")).length, 1);
  });

  it("Continue goes on through bounded steps to its limit (or Stop), the note given once, and Step goes on", async () => {
    const { program } = await compile("int main(void) {\n  while (1);\n}\n");
    const st = new Stepper({ program, name: "loop", maxSteps: 1000 });
    const o = st.continue(4);
    assert.equal(o.message, "stopped after 4 steps (forklab.maxSteps)");
    assert.equal(st.index, 4);
    assert.deepEqual(st.session.machine.notes.map((n) => n.text), ["line 2 is still running after 1,000,000 instructions; a loop on one line? Step again to go on"]);
    assert.ok(st.step().ok);
    assert.equal(st.index, 5);
  });

  it(`a loop of system calls on one line stops the step after ${MAX_CALLS_PER_STEP} calls; the trace keeps every one`, async () => {
    const { program } = await compile("#include <unistd.h>\nint main(void) {\n  for (;;) getpid();\n}\n");
    const s = new Session({ program, name: "calls" });
    s.step();
    s.step();
    const calls = s.trace.filter((e) => e.call === "getpid").length;
    assert.ok(calls >= MAX_CALLS_PER_STEP && calls <= 2 * MAX_CALLS_PER_STEP, `${calls} calls in two steps`);
    assert.deepEqual(s.machine.notes.map((n) => n.text), ["line 3 is still running after 1,001 system calls; a loop on one line? Step again to go on"]);
  });

  it("malloc past the address-space limit returns NULL with ENOMEM, explained once; realloc keeps the old block", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
int main(void) {
  int n = 0;
  char *keep = malloc(16);
  strcpy(keep, "kept");
  for (;;) { if (!malloc(1 << 20)) break; n++; }
  int e = errno;
  char *r = realloc(keep, 1 << 30);
  void *c = calloc(1 << 20, 1 << 10);
  printf("%d %s %d %d %s\\n", n, e == ENOMEM ? "ENOMEM" : "other", r == NULL, c == NULL, keep);
  return 0;
}
`);
    assert.equal(r.stdout, "63 ENOMEM 1 1 kept\n");
    assert.equal(r.diagnostics.filter((d) => d.includes("ENOMEM")).length, 1);
    assert.match(r.diagnostics[0], /returned NULL with errno ENOMEM: the heap would pass the model's 64 MiB address-space limit \(as under ulimit -v\)/);
  });

  it("fork at the process limit fails with EAGAIN, as an event in the trace and one note", async () => {
    const r = await run(`#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <sys/resource.h>
#include <sys/wait.h>
int main(void) {
  struct rlimit rl = { 3, 3 };
  setrlimit(RLIMIT_NPROC, &rl);
  int made = 0, pid;
  while ((pid = fork()) > 0) made++;
  if (pid == 0) { pause(); return 0; }
  printf("%d %s\\n", made, errno == EAGAIN ? "EAGAIN" : "other");
  return 0;
}
`);
    assert.equal(r.stdout, "2 EAGAIN\n");
    assert.ok(r.session.trace.some((e) => e.call === "fork" && e.ret === -1 && e.errno === "EAGAIN"));
    assert.equal(r.diagnostics.filter((d) => d.includes("process limit")).length, 1);
  });

  it("processes that together touch more memory than the model allows: the one that grew is killed by SIGKILL", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char *p = malloc(4 << 20);
  memset(p, 1, 4 << 20);
  printf("survived\\n");
  return 0;
}
`, {}, { maxPages: 512 });
    assert.equal(r.stdout, "");
    assert.equal(r.session.mainStatus, 9);
    assert.ok(r.diagnostics.some((d) => /^out of memory: the model's processes together use more than 2 MiB; like Linux's OOM killer, the model kills pid \d+/.test(d)), r.diagnostics.join("\n"));
  });
});
