import { strict as assert } from "node:assert";
import { run } from "./helpers";

// Stack and global array errors, strings without their NUL and reads of locals that were
// never given a value become notes, as AddressSanitizer and MemorySanitizer report them,
// naming the access line and the declaration line; the program goes on as C would.
const sanitizer = (diagnostics: string[]): string[] => diagnostics.filter((d) => /^(stack|global|heap)-buffer-|^use-of-uninitialized-value/.test(d));
const hex = (s: string): string => s.replace(/0x[0-9a-f]+/g, "0x?");

describe("array errors as sanitizer notes", () => {
  it("a[4] of int a[4] is stack-buffer-overflow naming the declaration; the neighbour keeps its value", async () => {
    const r = await run(`#include <stdio.h>
int main(void) {
  int x = 5;
  int a[4];
  int y = 6;
  a[4] = 1;
  a[-1] = 2;
  printf("%d %d\\n", x, y);
  return 0;
}
`);
    assert.equal(r.stdout, "5 6\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "stack-buffer-overflow: line 6 writes 4 bytes at 0x?, just past the end of the 16-byte array 'a' declared at line 4 in main",
      "stack-buffer-underflow: line 7 writes 4 bytes at 0x?, 4 bytes before the start of the 16-byte array 'a' declared at line 4 in main",
    ]);
  });

  it("strcpy past a local char buf[8] into the next variable: told with both lines, the variable untouched", async () => {
    const r = await run(`#include <stdio.h>
#include <string.h>
int main(void) {
  int balance = 100;
  char buf[8];
  strcpy(buf, "0123456789ab");
  printf("%d\\n", balance);
  return 0;
}
`);
    assert.equal(r.stdout, "100\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "stack-buffer-overflow: line 6 strcpy writes 13 bytes at 0x?, running 5 bytes past the end of the 8-byte array 'buf' declared at line 5 in main",
    ]);
  });

  it("an overrun through a pointer in another function names the array's function", async () => {
    const r = await run(`#include <stdio.h>
void fill(int *p, int n) {
  for (int i = 0; i <= n; i++)
    p[i] = i;
}
int main(void) {
  int a[3];
  fill(a, 3);
  printf("%d\\n", a[2]);
  return 0;
}
`);
    assert.equal(r.stdout, "2\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "stack-buffer-overflow: line 4 writes 4 bytes at 0x?, just past the end of the 12-byte array 'a' declared at line 7 in main",
    ]);
  });

  it("global and static arrays: global-buffer-overflow at either end, once per line", async () => {
    const r = await run(`#include <stdio.h>
int table[4];
int after = 9;
int count(void) {
  static char seen[2];
  for (int i = 0; i < 3; i++) seen[i] = 1;
  return seen[0];
}
int main(void) {
  for (int i = 0; i < 6; i++) table[i] = i;
  table[-1] = 0;
  printf("%d %d\\n", count(), after);
  return 0;
}
`);
    assert.equal(r.stdout, "1 9\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "global-buffer-overflow: line 10 writes 4 bytes at 0x?, just past the end of the 16-byte array 'table' declared at line 2",
      "global-buffer-overflow: line 11 writes 4 bytes at 0x?, 4 bytes before the start of the 16-byte array 'table' declared at line 2",
      "global-buffer-overflow: line 6 writes 1 byte at 0x?, just past the end of the 2-byte array 'seen' declared at line 5",
    ]);
  });

  it("a string without its NUL: strlen, printf %s, puts, strcmp and strcat each run off the array and are told", async () => {
    const r = await run(`#include <stdio.h>
#include <string.h>
char name[4];
int main(void) {
  char word[5];
  char out[16] = "";
  memcpy(word, "hello", 5);
  memcpy(name, "abcd", 4);
  size_t n = strlen(word);
  printf("%zu %s\\n", n, word);
  puts(name);
  int c = strcmp(word, "hello");
  strcat(out, name);
  printf("%d %s\\n", c, out);
  return 0;
}
`);
    assert.equal(r.stdout, "5 hello\nabcd\n0 abcd\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "stack-buffer-overflow: line 9 reads a string of 6 bytes at 0x?, running 1 byte past the end of the 5-byte array 'word' declared at line 5 in main",
      "stack-buffer-overflow: line 10 reads a string of 6 bytes at 0x?, running 1 byte past the end of the 5-byte array 'word' declared at line 5 in main",
      "global-buffer-overflow: line 11 reads a string of 5 bytes at 0x?, running 1 byte past the end of the 4-byte array 'name' declared at line 3",
      "stack-buffer-overflow: line 12 reads a string of 6 bytes at 0x?, running 1 byte past the end of the 5-byte array 'word' declared at line 5 in main",
      "global-buffer-overflow: line 13 reads a string of 5 bytes at 0x?, running 1 byte past the end of the 4-byte array 'name' declared at line 3",
    ]);
  });

  it("printf %s of a heap block without its NUL is told as heap-buffer-overflow", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char *s = malloc(3);
  memcpy(s, "abc", 3);
  printf("[%s]\\n", s);
  return 0;
}
`);
    assert.equal(r.stdout, "[abc]\n");
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "heap-buffer-overflow: line 7 reads a string of 4 bytes at 0x?, running 1 byte past the end of a 3-byte block allocated at line 5",
    ]);
  });

  it("memset, memcpy, sprintf, fgets and read past an array are told by name", async () => {
    const r = await run(`#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) {
  char a[4], b[4], c[4], d[4], e[4];
  memset(a, 'x', 5);
  memcpy(b, "abcdef", 6);
  sprintf(c, "%d", 12345);
  read(0, e, 6);
  fgets(d, 8, stdin);
  return 0;
}
`, { stdin: "abcdefa long line\n" });
    assert.deepEqual(sanitizer(r.diagnostics).map(hex), [
      "stack-buffer-overflow: line 6 memset writes 5 bytes at 0x?, running 1 byte past the end of the 4-byte array 'a' declared at line 5 in main",
      "stack-buffer-overflow: line 7 memcpy writes 6 bytes at 0x?, running 2 bytes past the end of the 4-byte array 'b' declared at line 5 in main",
      "stack-buffer-overflow: line 8 sprintf writes 6 bytes at 0x?, running 2 bytes past the end of the 4-byte array 'c' declared at line 5 in main",
      "stack-buffer-overflow: line 9 read writes 6 bytes at 0x?, running 2 bytes past the end of the 4-byte array 'e' declared at line 5 in main",
      "stack-buffer-overflow: line 10 fgets writes 8 bytes at 0x?, running 4 bytes past the end of the 4-byte array 'd' declared at line 5 in main",
    ]);
  });

  it("correct programs get no note: bounded loops, 2-D arrays, arrays of structs, strncpy and %.*s of exact-size buffers", async () => {
    const r = await run(`#include <stdio.h>
#include <string.h>
struct point { int x, y; };
int grid[3][4];
int main(void) {
  char buf[32] = "hello";
  char tag[4];
  struct point pts[3];
  int sum = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) grid[i][j] = i * j;
  for (int i = 0; i < 3; i++) { pts[i].x = i; pts[i].y = grid[i][3]; sum += pts[i].y; }
  strncpy(tag, "abcdefg", sizeof tag);
  printf("%.*s %.4s %s %d\\n", 4, tag, tag, buf, sum);
  if (strncmp(tag, "abcd", 4) == 0) strcat(buf, " world");
  char copy[32];
  memcpy(copy, buf, sizeof copy);
  puts(copy);
  return 0;
}
`);
    assert.equal(r.stdout, "abcd abcd hello 9\nhello world\n");
    assert.deepEqual(sanitizer(r.diagnostics), []);
  });
});

describe("reading a local that was never given a value", () => {
  it("the read is told with the declaration line; the program goes on", async () => {
    const r = await run(`#include <stdio.h>
int main(void) {
  int x;
  int y;
  y = 2;
  printf("%d\\n", y);
  printf("%d\\n", x + 0 * y);
  return 0;
}
`);
    assert.equal(r.stdout.split("\n")[0], "2");
    assert.deepEqual(sanitizer(r.diagnostics), [
      "use-of-uninitialized-value: line 7 reads 'x', declared at line 3 without a value; C leaves its value indeterminate (give it one where it is declared)",
    ]);
  });

  it("an accumulator never set (total += i, count++) is told once per line, in every call's own frame", async () => {
    const r = await run(`#include <stdio.h>
int sum(int n) {
  int total;
  int count;
  for (int i = 0; i < n; i++) { total += i; count++; }
  return count > 0 ? total : 0;
}
int main(void) {
  int a = sum(3);
  int b = sum(2);
  printf("%d\\n", a > b);
  return 0;
}
`);
    assert.deepEqual(sanitizer(r.diagnostics), [
      "use-of-uninitialized-value: line 5 reads 'total', declared at line 3 without a value; C leaves its value indeterminate (give it one where it is declared)",
      "use-of-uninitialized-value: line 5 updates 'count', declared at line 4 without a value; C leaves its value indeterminate (give it one where it is declared)",
    ]);
  });

  it("no note when every path writes first, or when the address goes to a call (scanf, a pointer)", async () => {
    const r = await run(`#include <stdio.h>
void set(int *p) { *p = 4; }
int main(void) {
  int n, i, k, m;
  int total;
  if (scanf("%d", &n) != 1) n = 0;
  set(&k);
  for (i = 0, total = 0; i < n; i++) total += i;
  if (n > 2) m = 1; else m = 2;
  printf("%d %d %d\\n", total, k, m);
  return 0;
}
`, { stdin: "4\n" });
    assert.equal(r.stdout, "6 4 1\n");
    assert.deepEqual(sanitizer(r.diagnostics), []);
  });

  it("only the path that skips the write is told", async () => {
    const r = await run(`#include <stdio.h>
int pick(int c) {
  int v;
  if (c) v = 7;
  return v;
}
int main(void) {
  printf("%d\\n", pick(1));
  printf("%d\\n", pick(0) * 0);
  return 0;
}
`);
    assert.equal(r.stdout, "7\n0\n");
    assert.deepEqual(sanitizer(r.diagnostics), [
      "use-of-uninitialized-value: line 5 reads 'v', declared at line 3 without a value; C leaves its value indeterminate (give it one where it is declared)",
    ]);
  });
});
