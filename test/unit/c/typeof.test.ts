// typeof (C23, and GCC's __typeof__): of a variable named alone, as in the SWAP macros
// course code defines, and of a type. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("typeof", function () {
  this.timeout(60000);

  it("gives a variable's own type (int, double, struct, unsigned long, array) and a type's", async () => {
    const out = await same(`#include <stdio.h>

#define SWAP(x, y) do { typeof(x) tmp = x; x = y; y = tmp; } while (0)
#define SWAP2(x, y) do { __typeof__(x) t_ = (x); (x) = (y); (y) = t_; } while (0)

struct pt { int x, y; };

int main(void) {
    int p = 3, q = 9;
    SWAP(p, q);
    double a = 1.5, b = 2.25;
    SWAP2(a, b);
    struct pt u = {1, 2}, w = {3, 4};
    SWAP(u, w);
    unsigned long big = 5;
    __typeof__(big) m = -1;
    typeof(int) i = 7;
    char s[8] = "hi";
    typeof(s) s2;
    printf("%zu\\n", sizeof s2);
    printf("%d %d %g %g %d %d %d %d\\n", p, q, a, b, u.x, w.y, m > 0, i);
    return 0;
}
`);
    assert.equal(out, "8\n9 3 2.25 1.5 3 2 1 7\n");
  });
});
