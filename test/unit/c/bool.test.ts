// _Bool (bool in <stdbool.h>): converting any value that is not 0 to it gives 1 (C11
// 6.3.1.2), locally, in a global's initializer, as an argument and a return value, through
// compound assignment; and a learner reads a bool variable as true or false.
import { strict as assert } from "node:assert";
import { compile, same } from "./helpers";
import { Stepper } from "../../../src/session/stepper";

const PROGRAM = `#include <stdbool.h>
#include <stdio.h>
bool g = 5;
_Bool h = 0.5;
bool id(bool x) { return x; }
bool back(int v) { return v; }
int main(void) {
    bool a = 2;
    _Bool b = 256;
    bool c = 0;
    char *p = "x";
    bool d = p;
    a = 7;
    c = id(3);
    b += 2;
    bool off = false;
    printf("%d %d %d %d %d %d %d %d %zu\\n", g, h, a, b, c, d, back(512), off, sizeof(bool));
    return 0;
}
`;

describe("_Bool", function () {
  this.timeout(60000);

  it("holds 1 for every value that is not 0, as cc's program does", async () => {
    assert.equal(await same(PROGRAM), "1 1 1 1 1 1 1 0 1\n");
  });

  it("shows its value as true or false, its type as the program spells it", async () => {
    const { program } = await compile(PROGRAM, "bool.c");
    const st = new Stepper({ program, name: "bool", scenario: {} });
    st.until((s) => s.processes[1]?.line === 18, 80);
    const p = st.current.processes.find((x) => x.kind === "program");
    const vars = [...(p?.globals ?? []), ...(p?.frames?.at(-1)?.locals ?? [])].filter((v) => v.type.endsWith("ool"));
    assert.deepEqual(vars.map((v) => `${v.type} ${v.name} = ${v.value}`),
      ["bool g = true", "_Bool h = true", "bool a = true", "_Bool b = true", "bool c = true", "bool d = true", "bool off = false"]);
  });
});
