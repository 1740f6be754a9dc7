// The floating types' sizes and arithmetic as gcc's on x86-64. long double: computed as a
// double in the model (its 80-bit precision is not modelled), but it takes 16 bytes aligned
// to 16 in memory, so that sizeof, a struct's layout, an array's stride and pointer steps
// are gcc's; constants with an L suffix are long double, and arithmetic with one is long
// double. float: an f constant is a float (its value rounded to one), and arithmetic whose
// widest operand is a float is done in single precision. Compared with a cc-compiled run.
import { strict as assert } from "node:assert";
import { same } from "./helpers";

describe("floating types: long double and float", function () {
  this.timeout(60000);

  it("has gcc's size, alignment and stride, and its values survive arrays, structs, calls and static initialisers", async () => {
    const out = await same(`#include <stdio.h>
#include <stddef.h>

struct s { char c; long double x; int i; };
long double g[3] = { 1.5L, 2.25, 3 };

long double half(long double v) { return v / 2; }

int main(void) {
    long double a = 2.5L, b[4];
    double d = 1.25;
    printf("sizeof %zu %zu %zu %zu %zu\\n", sizeof(long double), sizeof a, sizeof b, sizeof(a + d), sizeof(1.0L));
    printf("struct %zu, x at %zu, i at %zu, align %zu\\n", sizeof(struct s), offsetof(struct s, x), offsetof(struct s, i), _Alignof(long double));
    for (int i = 0; i < 4; i++)
        b[i] = a * i;
    printf("%.2Lf %.2Lf %.2Lf %Lg\\n", b[1], b[3], half(g[1]), g[0] + g[2]);
    struct s v = { 'x', 7.75L, 9 }, w = v;
    printf("%c %.3Lf %d %.1f\\n", w.c, w.x, w.i, (double)(w.x * 2));
    long double *p = &b[2];
    printf("a pointer steps %ld bytes\\n", (long)((char *)(p + 1) - (char *)p));
    return 0;
}
`);
    assert.equal(out, "sizeof 16 16 64 16 16\nstruct 48, x at 16, i at 32, align 16\n2.50 7.50 1.12 4.5\nx 7.750 9 15.5\na pointer steps 16 bytes\n");
  });
  it("an f constant is a float, and float arithmetic rounds each result to a float", async () => {
    const out = await same(`#include <stdio.h>

int main(void) {
    double d = 0.1f;
    float x = 1.1f * 3, big = 16777216.0f, y = 0.1f;
    printf("%.10f %zu %zu %zu %.17g %.9g\\n", 1.1f, sizeof(1.1f), sizeof(1.1f + 1), sizeof(2.5f * 2.0), d, x);
    printf("%d %d %.1f %.9g\\n", 0.1f == 0.1, 0.5f == 0.5, big + 1.0f, y * y * 3.0f);
    float z = 0.1f;
    z++;
    z += 0.2f;
    printf("%.9g\\n", z);
    return 0;
}
`);
    assert.equal(out, "1.1000000238 4 4 8 0.10000000149011612 3.30000019\n0 1 16777216.0 0.0300000012\n1.30000007\n");
  });
});
