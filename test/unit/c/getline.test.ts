// getline and getdelim grow the caller's buffer as glibc does (120 bytes first, then twice the
// size or what the line needs), return -1 at end of file, keep a last line without its
// newline; strtok_r splits as strtok does with the caller's save pointer. Compared with a
// cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("getline, getdelim and strtok_r", function () {
  this.timeout(60000);

  it("reads lines of stdin into a buffer it grows, and splits them with strtok_r", async () => {
    const long = "x".repeat(200);
    const longer = "y".repeat(300);
    const out = await same(`#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int words = 0;
    while ((n = getline(&line, &cap, stdin)) != -1) {
        printf("%zd %zu %d\\n", n, cap, line[n - 1] == '\\n');
        char *save, *tok;
        for (tok = strtok_r(line, " \\t\\n", &save); tok; tok = strtok_r(NULL, " \\t\\n", &save)) words++;
    }
    printf("words=%d\\n", words);
    free(line);
    char *rec = NULL;
    size_t rcap = 0;
    FILE *f = fopen("data.csv", "w");
    fputs("a,bb,,ccc", f);
    fclose(f);
    f = fopen("data.csv", "r");
    while ((n = getdelim(&rec, &rcap, ',', f)) != -1) printf("[%s]%zd ", rec, n);
    printf("%zu\\n", rcap);
    fclose(f);
    free(rec);
    return 0;
}
`, {}, `one two\n${long}\n\n${longer}\nlast words here`);
    assert.equal(out, "8 120 1\n201 240 1\n1 240 1\n301 480 1\n15 480 0\nwords=7\n[a,]2 [bb,]3 [,]1 [ccc]3 120\n");
  });
});
