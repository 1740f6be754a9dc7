// The scanf family against glibc: each program runs in the model and compiled with cc on
// Linux, and the printed results (return values, stored values) must be equal.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const HEAD = "#include <stdio.h>\n#include <string.h>\n#include <unistd.h>\n#include <stdlib.h>\n";

describe("scanf family", function () {
  this.timeout(60000);

  it("sscanf converts %d %i %u %ld %lu %x %o %s %c and %[...], returning the count assigned", async () => {
    const out = await same(`${HEAD}
int main(void) {
  int a = 0, b = 0, n; unsigned u = 0; long l = 0; unsigned long ul = 0; int x = 0, o = 0;
  char s[32] = "", cs[4] = "", set[32] = "";
  n = sscanf("  -42 0x1f 7 -9000000000 18 ff 17", "%d %i %u %ld %lu %x %o", &a, &b, &u, &l, &ul, &x, &o);
  printf("%d: %d %d %u %ld %lu %d %d\\n", n, a, b, u, l, ul, x, o);
  n = sscanf("010 -1", "%i %u", &a, &u);
  printf("%d: %d %u\\n", n, a, u);
  n = sscanf("GET /index.html HTTP/1.0", "%s %s", s, set);
  printf("%d: [%s] [%s]\\n", n, s, set);
  n = sscanf("abc", "%2c", cs);
  cs[2] = 0;
  printf("%d: [%s]\\n", n, cs);
  n = sscanf("key=value;rest", "%[a-z]=%[^;]", s, set);
  printf("%d: [%s] [%s]\\n", n, s, set);
  n = sscanf("12345", "%3d%d", &a, &b);
  printf("%d: %d %d\\n", n, a, b);
  n = sscanf("  x", " %c", cs);
  printf("%d: %c\\n", n, cs[0]);
  n = sscanf("5 6", "%*d %d%n", &a, &b);
  printf("%d: %d %d\\n", n, a, b);
  n = sscanf("100%", "%d%%", &a);
  printf("%d: %d\\n", n, a);
  return 0;
}
`);
    assert.match(out, /^7: -42 31 7 -9000000000 18 255 15\n/);
  });

  it("sscanf returns EOF when input ends before the first conversion, 0 on a mismatch, the count so far after", async () => {
    const out = await same(`${HEAD}
int main(void) {
  int a = -1, b = -1;
  printf("%d\\n", sscanf("", "%d", &a));
  printf("%d\\n", sscanf("   ", "%d", &a));
  printf("%d\\n", sscanf("abc", "%d", &a));
  printf("%d\\n", sscanf("7", "%d %d", &a, &b));
  printf("%d\\n", sscanf("7 x", "%d %d", &a, &b));
  printf("%d\\n", sscanf("", "x%d", &a));
  printf("%d\\n", sscanf("y", "x%d", &a));
  printf("%d\\n", sscanf("5", "%*d%d", &a));
  printf("%d %d\\n", a, b);
  return 0;
}
`);
    assert.match(out, /^-1\n-1\n0\n1\n1\n/);
  });

  it("scanf and fscanf read stdin through the FILE buffer; what they leave stays for fgets", async () => {
    const out = await same(`${HEAD}
int main(void) {
  int n, sum = 0, k = 0, v;
  char word[16], line[64];
  scanf("%d", &n);
  while (k < n && scanf("%d", &v) == 1) { sum += v; k++; }
  printf("sum of %d: %d\\n", k, sum);
  printf("%d\\n", fscanf(stdin, "%15s", word));
  printf("word %s\\n", word);
  fgets(line, sizeof line, stdin);
  printf("rest [%s]\\n", line);
  printf("%d\\n", scanf("%d", &v));
  printf("%d\\n", scanf("%d", &v));
  return 0;
}
`, {}, "3 10 20\n30 hello rest of line\nnot-a-number\n");
    assert.match(out, /^sum of 3: 60\n1\nword hello\nrest \[ rest of line\n\]\n0\n0\n$/);
  });

  it("scanf on a pipe waits for the writer: a number split across two writes is read whole", async () => {
    const src = `${HEAD}#include <sys/wait.h>
int main(void) {
  int fd[2];
  pipe(fd);
  if (fork() == 0) {
    close(fd[0]);
    write(fd[1], "12", 2);
    sleep(1);
    write(fd[1], "34 56\\n", 6);
    exit(0);
  }
  close(fd[1]);
  dup2(fd[0], 0);
  int a = 0, b = 0;
  int n = scanf("%d %d", &a, &b);
  wait(NULL);
  printf("%d: %d %d\\n", n, a, b);
  printf("%d\\n", scanf("%d", &a));
  return 0;
}
`;
    assert.equal(await same(src), "2: 1234 56\n-1\n");
    const m = await run(src);
    // The parent read twice before it had the whole number: the first read gave only "12".
    const reads = m.session.trace.filter((e) => e.call === "read" && e.pid === m.session.mainPid && e.ret > 0);
    assert.ok(reads.length >= 2, `reads ${JSON.stringify(reads)}`);
  });
});
