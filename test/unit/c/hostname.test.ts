// gethostname: the model's machine is "forklab"; what a program sees of the rule (the NUL
// when the name fits, the first len bytes and ENAMETOOLONG when it does not) is compared
// with a cc-compiled run, in words that do not depend on the real machine's name.
import { strict as assert } from "node:assert";
import { run, same } from "./helpers";

const PROBE = `#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    char name[64], small[64];
    int r = gethostname(name, sizeof name);
    size_t len = strlen(name);
    printf("fits: %d, named: %d\\n", r, len > 0);
    memset(small, '#', sizeof small);
    r = gethostname(small, len);
    printf("one short: %d %s, NUL: %d, prefix: %d, after: %c\\n", r, strerror(errno), memchr(small, 0, len) != NULL, memcmp(small, name, len) == 0, small[len]);
    small[0] = '#';
    r = gethostname(small, 0);
    printf("len 0: %d %s, untouched: %c\\n", r, strerror(errno), small[0]);
    return 0;
}
`;

describe("gethostname", function () {
  this.timeout(60000);

  it("copies the name with its NUL when it fits, else the first len bytes and ENAMETOOLONG, as glibc", async () => {
    const out = await same(PROBE);
    assert.equal(out, "fits: 0, named: 1\none short: -1 File name too long, NUL: 0, prefix: 1, after: #\nlen 0: -1 File name too long, untouched: #\n");
  });

  it("names the model's machine forklab, the same every run", async () => {
    const r = await run(`#include <stdio.h>
#include <unistd.h>
int main(void) { char h[32]; gethostname(h, sizeof h); printf("%s\\n", h); return 0; }
`);
    assert.equal(r.stdout, "forklab\n");
  });
});
