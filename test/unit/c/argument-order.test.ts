// C leaves the order of argument evaluation open; gcc on x86-64 evaluates the last argument
// first. Programs that print getpid() and getppid() in one printf show it in their system
// calls, so the stepper does the same (compared with a cc-compiled run).
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

describe("argument evaluation order", function () {
  this.timeout(60000);

  it("arguments with effects are evaluated last to first, as gcc does", async () => {
    const out = await same(`#include <stdio.h>
int n = 0;
int next(void) { return ++n; }
int main(void) {
    int i = 5;
    printf("%d %d %d\\n", next(), next(), next());
    printf("%d %d\\n", i++, i++);
    printf("%d %d\\n", next(), 10);
    return 0;
}
`);
    assert.equal(out, "3 2 1\n6 5\n4 10\n");
  });

  it("getpid and getppid in one printf: getppid is called first", async () => {
    const r = await run(`#include <stdio.h>\n#include <unistd.h>\nint main(void) {\n  printf("%d %d\\n", getpid(), getppid());\n  return 0;\n}\n`);
    assert.deepEqual(r.session.trace.filter((e) => e.call.startsWith("get")).map((e) => e.call), ["getppid", "getpid"]);
  });
});
