// <math.h>, <float.h> and <inttypes.h> as course programs use them: the math functions,
// float limits and math constants, the PRI/SCN length macros, printf's %a; and a name left
// between string literals after preprocessing is an error, as gcc says. Compared with a
// cc-compiled run (linked with -lm).
import { strict as assert } from "node:assert";
import { compile, same } from "./helpers";

describe("math, float limits and inttypes", function () {
  this.timeout(60000);

  it("computes and prints as glibc does", async () => {
    const out = await same(`#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
    double xs[] = { 2.5, -2.5, 0.1, 1e10, -0.0 };
    for (int i = 0; i < 5; i++) {
        double x = xs[i];
        printf("%g: sqrt %.6f floor %g ceil %g round %g trunc %g fabs %g fmod %g\\n", x, sqrt(fabs(x)), floor(x), ceil(x), round(x), trunc(x), fabs(x), fmod(x, 0.75));
    }
    printf("pow %g hypot %g fmin %g fmax %g lround %ld\\n", pow(2, 0.5), hypot(3, 4), fmin(1, NAN), fmax(-1, 2), lround(-3.5));
    printf("exp %.6f log %.6f log2 %g log10 %g sin %.6f atan2 %.6f\\n", exp(1), log(10), log2(1024), log10(0.001), sin(M_PI / 6), atan2(1, 1));
    printf("%e %e %e %d %d %zu\\n", DBL_MAX, DBL_EPSILON, (double)FLT_MAX, isnan(NAN), isinf(-HUGE_VAL), sizeof(FLT_MAX));
    printf("%a %a %a %A %a\\n", 1.0, 3.0, 0.1, 255.5, -0.5);
    int64_t big = INT64_MIN;
    uint16_t small = 65535;
    uintptr_t p = 0xdeadbeef;
    printf("%" PRId64 " %" PRIu16 " %" PRIxPTR " %" PRIX32 "\\n", big, small, p, (uint32_t)48879);
    int64_t read;
    sscanf("-42", "%" SCNd64, &read);
    printf("%" PRIi64 "\\n", read);
    return 0;
}
`);
    assert.match(out, /^2\.5: sqrt 1\.581139 floor 2 ceil 3 round 3 trunc 2 fabs 2\.5 fmod 0\.25\n/);
    assert.match(out, /\n0x1p\+0 0x1\.8p\+1 0x1\.999999999999ap-4 0X1\.FFP\+7 -0x1p-1\n/);
  });

  it("a name between string literals that no macro replaced is an error, not dropped", async () => {
    const { diagnostics } = await compile(`#include <stdio.h>\nint main(void) { printf("%" PRIdFOO "\\n", 1L); return 0; }\n`);
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error").map((d) => [d.line, d.message]), [[2, "'PRIdFOO' is not declared (a macro between string literals)"]]);
  });
});
