import { strict as assert } from "node:assert";
import { compile, real, run } from "./helpers";

// The preprocessor as course headers use it, checked against gcc's own output where the
// program can be compiled for real.
const MACROS = `#include <stdio.h>
#define CAT(a, b) a##b
#define CAT3(a, b, c) a ## b ## c
#define STR(x) #x
#define XSTR(x) STR(x)
#define TWO 2
#define LOG(fmt, ...) printf("[log] " fmt "\\n", ##__VA_ARGS__)
#define ALL(...) printf(__VA_ARGS__)
#define SHOW(e) printf(#e " = %d\\n", (e))
#define SQUARE(x) ((x) * (x))
#if defined(TWO) && TWO * 3 == 6 && (0x10 | 1) == 17 && !defined(MISSING) && 'A' == 65
#define MODE "expr"
#elif defined TWO
#define MODE "elif"
#else
#define MODE "else"
#endif
#if 010 == 8 && (5 ^ 1) == 4 && (6 & 3) == 2 && -1 < 0 && (1 ? 2 : 3) == 2
#define OCTAL 1
#else
#define OCTAL 0
#endif
int main(void) {
  int xy = 7, abc = 9;
  printf("%d %d\\n", CAT(x, y), CAT3(a, b, c));
  printf("%s %s %s\\n", STR(TWO), XSTR(TWO), STR(a "q" \\n));
  LOG("plain");
  LOG("with %d and %s", 42, "args");
  ALL("%s-%d\\n", "va", 3);
  SHOW(SQUARE(TWO + 1));
  printf("%s %d\\n", MODE, OCTAL);
  return 0;
}
`;

describe("preprocessor: ##, #, __VA_ARGS__ and #if as course headers use them", () => {
  it("pastes, stringizes, passes variadic arguments (gcc's , ## __VA_ARGS__ too) and evaluates #if as gcc", async () => {
    const r = await run(MACROS);
    assert.equal(r.stdout, [
      "7 9",
      'TWO 2 a "q" ',
      "",
      "[log] plain",
      "[log] with 42 and args",
      "va-3",
      "SQUARE(TWO + 1) = 9",
      "expr 1",
      "",
    ].join("\n"));
    assert.equal(real(MACROS).stdout, r.stdout);
  });

  it("a parameter's name inside a string literal of the body is left alone", async () => {
    const r = await run(`#include <stdio.h>
#define P(x) printf("x=%d\\n", x)
int main(void) { P(5); return 0; }
`);
    assert.equal(r.stdout, "x=5\n");
  });

  it('a missing #include "x.h" is a fatal error naming the header and its line', async () => {
    const { diagnostics } = await compile('#include <stdio.h>\n#include "nothere.h"\nint main(void) { return 0; }\n');
    const d = diagnostics.find((x) => x.fatal);
    assert.ok(d, "a fatal diagnostic");
    assert.equal(d.line, 2);
    assert.equal(d.severity, "error");
    assert.match(d.message, /^nothere\.h: No such file or directory/);
  });

  it("a local header's variadic macro works from the including file", async () => {
    const { diagnostics, program } = await compile('#include "dbg.h"\nint main(void) { DBG("%d", 1); return 0; }\n', "prog.c", {
      "dbg.h": '#include <stdio.h>\n#define DBG(fmt, ...) fprintf(stderr, "dbg: " fmt "\\n", __VA_ARGS__)\n',
    });
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
    assert.ok(program.funcIndex.has("main"));
  });

  it('"..." before the last parameter is an error', async () => {
    const { diagnostics } = await compile("#define BAD(..., x) x\nint main(void) { return 0; }\n");
    assert.ok(diagnostics.some((d) => d.line === 1 && /"\.\.\." must be the last parameter/.test(d.message)));
  });

  it("a function-like macro's arguments may go on over several lines; the lines after keep their numbers", async () => {
    const src = `#include <stdio.h>
#define SUM3(a, b, c) ((a) + (b) + \\
                       (c))
#define SHOW(e) printf("%s = %d\\n", #e, (e))
int main(void) {
    SHOW(SUM3(1,
              2, /* two */
              3));
    int line = __LINE__;
    printf("%d\\n", line);
    return 0;
}
`;
    const r = await run(src);
    assert.equal(r.stdout, "SUM3(1, 2, 3) = 6\n9\n");
    assert.equal(real(src).stdout, r.stdout);
  });

  it("__FILE__, __LINE__, __func__ and argv[0] as gcc prog.c and ./prog give them", async () => {
    const src = `#include <stdio.h>
#define WHERE() printf("%s:%d %s\\n", __FILE__, __LINE__, __func__)
void helper(void) {
    WHERE();
}
int main(int argc, char **argv) {
    helper();
    WHERE();
    printf("%s %s %zu\\n", argv[0], __FUNCTION__, sizeof __func__);
    return 0;
}
`;
    const r = await run(src);
    assert.equal(r.stdout, "prog.c:4 helper\nprog.c:8 main\n./prog main 5\n");
    assert.equal(real(src).stdout, r.stdout);
  });
});
