// glibc writes a line-buffered stdout before a line-buffered or unbuffered input stream
// (stdin on a terminal) reads its descriptor: a prompt without a newline shows before the
// program waits for the answer (strace on a pty: write(1, "name? ", 6) then read(0, ...)).
// test/conformance/prompt-*.c compare the same rule with Linux through the fidelity harness.
import { strict as assert } from "node:assert";
import { run } from "./helpers";

const prompt = (read: string, decl = "char buf[32]; int n;") => `#include <stdio.h>
int main(void) {
    ${decl}
    printf("name? ");
    ${read};
    printf("done\\n");
    return 0;
}
`;

const reads: Record<string, string> = {
  fgets: "fgets(buf, sizeof buf, stdin)",
  getchar: "getchar()",
  fgetc: "fgetc(stdin)",
  getc: "getc(stdin)",
  scanf: "scanf(\"%d\", &n)",
  fscanf: "fscanf(stdin, \"%31s\", buf)",
  fread: "fread(buf, 1, 3, stdin)",
};

const calls = (r: Awaited<ReturnType<typeof run>>) => r.session.trace.filter((e) => e.call === "read" || e.call === "write").map((e) => `${e.call}(${e.args[0]})`);

describe("a prompt is written before stdio reads a terminal", function () {
  this.timeout(60000);

  for (const [name, read] of Object.entries(reads)) {
    it(`${name}: the prompt reaches the terminal while the process waits for input`, async () => {
      const r = await run(prompt(read), { stdout: "tty" });
      assert.match(r.ended, /blocked|waits|typ/i);
      assert.equal(r.stdout, "name? ");
      const last = r.session.snapshot().processes.find((p) => p.pid === r.session.mainPid)!;
      assert.equal(last.blockedOn, "read(0)");
      assert.equal(last.stdio.stdout.buffered, "");
    });

    it(`${name}: typed ahead, write(1) comes before read(0)`, async () => {
      const r = await run(prompt(read), { stdout: "tty", stdin: "42\n" });
      assert.deepEqual(calls(r), ["write(1)", "read(0)", "write(1)"]);
      assert.equal(r.stdout, "name? done\n");
    });
  }

  it("stdin from a pipe is fully buffered: the prompt stays in a line-buffered stdout", async () => {
    const r = await run(prompt(reads.fgets, "char buf[32]; setvbuf(stdout, NULL, _IOLBF, 0);"), { stdin: "42\n" });
    assert.deepEqual(calls(r), ["read(0)", "write(1)"]);
  });

  it("a fully buffered stdout is not flushed, even for an unbuffered stdin", async () => {
    const r = await run(prompt(reads.getchar, "setvbuf(stdin, NULL, _IONBF, 0);"), { stdin: "42\n" });
    assert.deepEqual(calls(r), ["read(0)", "write(1)"]);
  });

  it("an unbuffered or line-buffered input stream flushes a line-buffered stdout", async () => {
    for (const mode of ["_IONBF", "_IOLBF"]) {
      const r = await run(prompt(reads.getchar, `setvbuf(stdin, NULL, ${mode}, 0); setvbuf(stdout, NULL, _IOLBF, 0);`), { stdin: "42\n" });
      assert.deepEqual(calls(r), ["write(1)", "read(0)", "write(1)"], mode);
    }
  });

  it("an unbuffered stream reads one byte at a time, as glibc's", async () => {
    const r = await run(prompt("getchar(); getchar()", "setvbuf(stdin, NULL, _IONBF, 0);"), { stdin: "42\n" });
    assert.deepEqual(r.session.trace.filter((e) => e.call === "read").map((e) => [e.args[1], e.ret]), [[1, 1], [1, 1]]);
  });

  it("the answer already buffered: no read, so nothing is flushed", async () => {
    const src = `#include <stdio.h>
int main(void) {
    char a[8], b[8];
    printf("first? ");
    fgets(a, 3, stdin);
    printf("second? ");
    fgets(b, sizeof b, stdin);
    printf("third? ");
    fgets(b, sizeof b, stdin);
    return 0;
}
`;
    const r = await run(src, { stdout: "tty", stdin: "abcd\n" });
    // The first fgets reads the whole line and takes "ab"; the second finds "cd\n" in the
    // buffer (no read: "second? " waits); the third reads (Ctrl-D) after both prompts.
    assert.deepEqual(calls(r), ["write(1)", "read(0)", "write(1)", "read(0)"]);
    assert.equal(r.stdout, "first? second? third? ");
  });
});
