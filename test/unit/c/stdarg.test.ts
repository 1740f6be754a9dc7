// User variadic functions with <stdarg.h>, and the vprintf family, against the same program
// compiled with cc on Linux (x86-64 glibc): the printed results must be equal.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const HEAD = "#include <stdio.h>\n#include <stdarg.h>\n#include <string.h>\n#include <unistd.h>\n#include <stdlib.h>\n";

describe("stdarg and the vprintf family", function () {
  this.timeout(60000);

  it("va_arg reads int, long, char, pointer and double arguments in order; va_copy restarts a walk", async () => {
    const out = await same(`${HEAD}
long sum(int n, ...) {
  va_list ap;
  long total = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) total += va_arg(ap, int);
  va_end(ap);
  return total;
}
void mixed(const char *tag, ...) {
  va_list ap, again;
  va_start(ap, tag);
  va_copy(again, ap);
  long big = va_arg(ap, long);
  int ch = va_arg(ap, int);
  char *s = va_arg(ap, char *);
  double d = va_arg(ap, double);
  int neg = va_arg(ap, int);
  printf("%s: %ld %c %s %.2f %d first again %ld\\n", tag, big, ch, s, d, neg, va_arg(again, long));
  va_end(again);
  va_end(ap);
}
int main(void) {
  printf("%ld %ld %ld\\n", sum(0), sum(3, 1, 2, 3), sum(4, -10, 20, -30, 5));
  char c = 'z';
  float f = 2.5f;
  mixed("mix", 5000000000L, c, "str", f, -7);
  return 0;
}
`);
    assert.equal(out, "0 6 -15\nmix: 5000000000 z str 2.50 -7 first again 5000000000\n");
  });

  it("a logging wrapper passes its va_list to vfprintf, vsnprintf and vprintf", async () => {
    const out = await same(`${HEAD}
int logmsg(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}
int fmt(char *buf, size_t size, const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  int n = vsnprintf(buf, size, f, ap);
  va_end(ap);
  return n;
}
void say(const char *f, ...) { va_list ap; va_start(ap, f); vprintf(f, ap); va_end(ap); }
int main(void) {
  char buf[8];
  int n = logmsg(stdout, "[%d] %s %5.1f|%-4x|\\n", 42, "pid", 3.25, 255);
  printf("n=%d\\n", n);
  n = fmt(buf, sizeof buf, "%s-%d", "abcdef", 123);
  printf("%d [%s]\\n", n, buf);
  say("%c%c %lu\\n", 'o', 'k', (unsigned long)getpid() > 0);
  return 0;
}
`);
    assert.equal(out, "[42] pid   3.2|ff  |\nn=21\n10 [abcdef-]\nok 1\n");
  });

  it("va_start in a function without '...' stops the process with a message", async () => {
    const r = await run(`${HEAD}
int f(int a) { va_list ap; va_start(ap, a); return a; }
int main(void) { printf("before\\n"); fflush(stdout); return f(1); }
`);
    assert.equal(r.stdout, "before\n");
    assert.ok(r.diagnostics.some((d) => d.includes("va_start in f")), r.diagnostics.join("\n"));
  });

  it("printf's %f rounds an exact tie to even, as glibc does (3.25 -> 3.2, 0.125 -> 0.12, 2.5 -> 2)", async () => {
    const out = await same(`${HEAD}
int main(void) {
  printf("%.1f %.2f %.0f %.0f %.1f %.2f %f\\n", 3.25, 0.125, 2.5, 3.5, 0.35, 1.005, 1.0 / 3);
  return 0;
}
`);
    assert.match(out, /^3\.2 0\.12 2 4 /);
  });
});
