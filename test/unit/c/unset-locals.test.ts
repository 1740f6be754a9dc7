// An automatic variable declared without a value is indeterminate in C until its first
// write: the variables view shows it as not set (NOT_SET, "?"), not as the 0 the model's
// fresh stack happens to hold ("fd1 = 0" reads as stdin). Statics and globals are
// zero-initialised and show 0. A store through its address (memset, strcpy) writes it;
// members and elements one by one: unset-members.test.ts.
import { strict as assert } from "node:assert";
import { compile, example } from "./helpers";
import { Session } from "../../../src/session/session";
import { NOT_SET } from "../../../src/c/variables";

async function session(text: string, files: Record<string, string> = {}): Promise<Session> {
  const { program, diagnostics } = await compile(text, "prog.c", files);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => `${d.line}:${d.message}`).join("\n"));
  return new Session({ program, name: "prog", scenario: {} });
}

/** Step the main process until it is at `line`; its innermost frame's locals and the globals. */
function at(s: Session, line: number): Record<string, string> {
  for (let n = 0; n < 100; n++) {
    const p = s.snapshot().processes.find((x) => x.pid === s.mainPid)!;
    if (p.line === line) {
      const f = p.frames![p.frames!.length - 1];
      return Object.fromEntries([...p.globals!, ...f.locals].map((v) => [v.name, v.value]));
    }
    s.step(s.mainPid);
  }
  throw new Error(`never at line ${line}`);
}

const src = `#include <string.h>
#include <signal.h>
int g;
int main(void) {
    static int calls;
    int fd1;
    char c;
    int n = 0;
    char buf[4];
    struct sigaction sa;
    int *p;
    fd1 = 3;
    c = 'x';
    memset(&sa, 0, sizeof sa);
    strcpy(buf, "ab");
    p = &n;
    return fd1 + c + *p + calls + g + buf[0];
}
`;

describe("locals declared without a value are shown as not set", function () {
  this.timeout(60000);

  it("each shows '?' until its first write (a plain assignment, or a store through its address); initialised locals, statics and globals show values", async () => {
    const s = await session(src);
    let v = at(s, 12);
    assert.deepEqual([v.fd1, v.c, v.buf, v.sa, v.p], [NOT_SET, NOT_SET, NOT_SET, NOT_SET, NOT_SET]);
    assert.deepEqual([v.n, v.calls, v.g], ["0", "0", "0"]);
    v = at(s, 13);
    assert.equal(v.fd1, "3");
    assert.equal(v.c, NOT_SET);
    v = at(s, 14);
    assert.equal(v.c, "120 'x'");
    assert.equal(v.sa, NOT_SET);
    v = at(s, 15);
    assert.match(v.sa, /^\{/);
    assert.equal(v.buf, NOT_SET);
    v = at(s, 16);
    assert.equal(v.buf, "\"ab\"");
    assert.equal(v.p, NOT_SET);
    v = at(s, 17);
    assert.match(v.p, /^0x/);
  });

  it("shared-offset.c before its first line: c, fd1 and fd2 are not set (the review's 'fd1 = 0' read as stdin)", async () => {
    const s = await session(example("shared-offset.c"), { "csapp.h": example("csapp.h") });
    const v = at(s, 13);
    assert.deepEqual([v.c, v.fd1, v.fd2], [NOT_SET, NOT_SET, NOT_SET]);
    assert.match(at(s, 14).fd1, /^\d+$/);
  });

  it("a function's locals start unset on each call: a new frame", async () => {
    const s = await session(`int f(int k) {
    int r;
    r = k * 2;
    return r;
}
int main(void) {
    int a = f(1);
    int b = f(2);
    return a + b;
}
`);
    let v = at(s, 3);
    assert.equal(v.r, NOT_SET);
    v = at(s, 4);
    assert.equal(v.r, "2");
    s.step(s.mainPid);
    v = at(s, 3);
    assert.equal(v.r, NOT_SET, "the second call's frame is new");
  });
});
