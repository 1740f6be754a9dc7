// The C interpreter against what gcc on x86-64 Linux prints for the same programs.
import { strict as assert } from "node:assert";
import { run, compile } from "./helpers";

const prog = (body: string, top = ""): string => `#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\n${top}\nint main(void) {\n${body}\n return 0;\n}\n`;

describe("C interpreter", () => {
  it("evaluates integer expressions with C's wrapping and conversions", async () => {
    const r = await run(prog(`
      int a = 2147483647; a = a + 1;
      unsigned u = 0; u = u - 1;
      char c = 200;
      long l = 1L << 40;
      printf("%d %u %d %ld %d %d %d\\n", a, u, c, l, -7 / 2, -7 % 2, (unsigned char)300);
    `));
    assert.equal(r.stdout, "-2147483648 4294967295 -56 1099511627776 -3 -1 44\n");
  });

  it("does pointer arithmetic, arrays and strings byte by byte", async () => {
    const r = await run(prog(`
      int v[5] = {1, 2, 3};
      int *p = v + 1;
      char buf[16];
      strcpy(buf, "hello");
      buf[2] = '\\0';
      printf("%d %d %ld %zu %zu %s %d\\n", *p, p[1], (long)(&v[4] - p), sizeof(v), strlen(buf), buf, v[4]);
    `));
    assert.equal(r.stdout, "2 3 3 20 2 he 0\n");
  });

  it("lays out structs and unions as gcc does and copies them by assignment", async () => {
    const r = await run(prog(`
      struct pt { char tag; int x; long y; } a = { 'a', 1, 2 }, b;
      union u { int i; char c[8]; } w;
      b = a; b.x = 9;
      w.i = 0x41424344;
      struct pt *q = &b;
      printf("%zu %zu %d %d %ld %c\\n", sizeof(struct pt), sizeof(w), a.x, q->x, q->y, w.c[0]);
    `));
    assert.equal(r.stdout, "16 8 1 9 2 D\n");
  });

  it("runs every kind of control flow, recursion and function pointers", async () => {
    const r = await run(prog(`
      int s = 0, i = 0;
      do { s += i; } while (++i < 4);
      for (i = 0; i < 10; i++) { if (i == 2) continue; if (i == 5) break; s += 100; }
      switch (s) { case 1: s = -1; break; case 406: s = 7; /* fall through */ default: s++; }
      int (*f)(int) = fact;
      printf("%d %d %d\\n", s, f(5), i > 3 ? 1 : 0);
    `, "int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }"));
    assert.equal(r.stdout, "8 120 1\n");
  });

  it("formats printf conversions with widths, precision and flags", async () => {
    const r = await run(prog(`
      printf("[%5d][%-5d][%05d][%x][%X][%#x][%o][%c][%%][%.3s][%8.3f][%+d][%lu][%p]\\n",
        42, 42, 42, 255, 255, 255, 8, 'z', "abcdef", 3.14159, 5, 18446744073709551615UL > 0 ? 7UL : 0UL, (void *)0);
    `));
    assert.equal(r.stdout, "[   42][42   ][00042][ff][FF][0xff][10][z][%][abc][   3.142][+5][7][(nil)]\n");
  });

  it("reports a NULL dereference as SIGSEGV with a diagnostic", async () => {
    const r = await run(`#include <stdio.h>\n#include <unistd.h>\n#include <sys/wait.h>\nint main(void) {\n  int status;\n  if (fork() == 0) {\n    int *p = NULL;\n    *p = 1;\n  }\n  wait(&status);\n  printf("%d %d\\n", WIFSIGNALED(status), WTERMSIG(status));\n  return 0;\n}\n`);
    // The child is killed by signal 11, as Linux would kill it.
    assert.equal(r.stdout, "1 11\n");
    assert.ok(r.diagnostics.some((d) => d.includes("SIGSEGV") && d.includes("NULL")), r.diagnostics.join("\n"));
  });

  it("gives line and column for syntax errors and unknown functions", async () => {
    const { diagnostics } = await compile("int main(void) {\n  int x = ;\n  frobnicate(3);\n}\n");
    assert.ok(diagnostics.some((d) => d.line === 2 && d.message.includes("syntax")), JSON.stringify(diagnostics));
    assert.ok(diagnostics.some((d) => d.line === 3 && d.column === 3 && d.message.includes("frobnicate")), JSON.stringify(diagnostics));
  });

  it("a string literal running onto the next line is an error, as gcc says, not a vanished newline", async () => {
    const { diagnostics } = await compile('#include <stdio.h>\nint main(void) {\n  printf("total %d\n", 0);\n  char c = \'\n\';\n  printf("joined \\\n line\\n");\n  return c;\n}\n');
    // The string at 3:10 and the character at 5:12 (already a syntax error); the spliced line 7 is fine.
    assert.deepEqual(diagnostics.map((d) => [d.line, d.column, d.severity]), [[3, 10, "error"], [5, 12, "error"]], JSON.stringify(diagnostics));
    assert.match(diagnostics[0].message, /^missing terminating " character: a literal cannot continue on the next line/);
  });

  it("stops an endless loop on one line with a message instead of hanging", async () => {
    const r = await run(prog("while (1) ;"), { maxSteps: 5 }, { stepBudget: 100000 });
    assert.match(r.ended, /step limit/);
    // One note for the stuck line, not one per step.
    assert.deepEqual(r.diagnostics.filter((d) => d.includes("still running")), ["line 6 is still running after 100,000 instructions; a loop on one line? Step again to go on"]);
  });
});

describe("stdio buffering", () => {
  const src = `#include <stdio.h>\n#include <unistd.h>\n#include <sys/wait.h>\nint main(void) {\n  printf("hello\\n");\n  if (fork() == 0) _exit(0);\n  wait(NULL);\n  if (fork() == 0) exit(0);\n  wait(NULL);\n  return 0;\n}\n`;

  it("prints a line twice when stdout is a pipe: fork copies the unflushed buffer, exit flushes it", async () => {
    const r = await run(src, { stdout: "pipe" });
    // The _exit child loses its copy; the exit child and the parent each flush one.
    assert.equal(r.stdout, "hello\nhello\n");
  });

  it("prints it once on a terminal, where stdout is line buffered", async () => {
    const r = await run(src, { stdout: "tty" });
    assert.equal(r.stdout, "hello\n");
  });

  it("write(2) bypasses the buffer, so it overtakes an earlier printf on a pipe", async () => {
    const r = await run(`#include <stdio.h>\n#include <unistd.h>\nint main(void) {\n  printf("first ");\n  write(1, "second ", 7);\n  return 0;\n}\n`);
    assert.equal(r.stdout, "second first ");
  });
});
