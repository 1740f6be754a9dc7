import { strict as assert } from "node:assert";
import { run } from "./helpers";

// Heap errors become notes, as AddressSanitizer reports them, naming the access line and the
// allocation (and free) line; the program goes on as C would.
describe("heap errors as sanitizer notes", () => {
  it("use after free: the read is told with its line, the allocation's and the free's; the value is what C leaves there", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
int main(void) {
  int *p = malloc(4 * sizeof(int));
  p[1] = 7;
  free(p);
  printf("%d\\n", p[1]);
  return 0;
}
`);
    assert.equal(r.stdout, "7\n");
    assert.deepEqual(r.diagnostics.filter((d) => d.startsWith("heap")), [
      `heap-use-after-free: line 7 reads 4 bytes at 0x${(0x1000000 + 4).toString(16)}, inside a 16-byte block allocated at line 4 and freed at line 6`,
    ]);
  });

  it("a write one past the end of a block is heap-buffer-overflow, and the neighbouring block is untouched", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char *a = malloc(16);
  char *b = malloc(16);
  strcpy(b, "neighbour");
  for (int i = 0; i <= 16; i++) a[i] = 'x';
  printf("%s\\n", b);
  return 0;
}
`);
    assert.equal(r.stdout, "neighbour\n");
    assert.deepEqual(r.diagnostics.filter((d) => d.startsWith("heap")), [
      "heap-buffer-overflow: line 8 writes 1 byte at 0x1000010, just past the end of a 16-byte block allocated at line 5",
    ]);
  });

  it("a string without its NUL: strlen and printf %s running off the block are told once per line", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  char *s = malloc(4);
  memcpy(s, "abcd", 4);
  size_t n = strlen(s);
  printf("%zu\\n", n);
  return 0;
}
`);
    assert.equal(r.stdout, "4\n");
    assert.deepEqual(r.diagnostics.filter((d) => d.startsWith("heap")), [
      "heap-buffer-overflow: line 7 reads a string of 5 bytes at 0x1000000, running 1 byte past the end of a 4-byte block allocated at line 5",
    ]);
  });

  it("freeing twice names the first free", async () => {
    const r = await run(`#include <stdlib.h>
int main(void) {
  char *p = malloc(8);
  free(p);
  free(p);
  return 0;
}
`);
    assert.ok(r.diagnostics.includes("double-free: line 5 frees the 8-byte block at 0x1000000 that line 4 already freed (allocated at line 3); glibc would abort"), r.diagnostics.join("\n"));
  });

  it("a block handed out again is live: no note for the new owner", async () => {
    const r = await run(`#include <stdio.h>
#include <stdlib.h>
int main(void) {
  int *p = malloc(16);
  free(p);
  int *q = malloc(16);
  q[0] = 5;
  printf("%d\\n", q[0]);
  return 0;
}
`);
    assert.equal(r.stdout, "5\n");
    assert.deepEqual(r.diagnostics.filter((d) => d.startsWith("heap")), []);
  });
});
