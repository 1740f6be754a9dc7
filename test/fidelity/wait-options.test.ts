// waitpid's options as strace prints them: named bits, and the rest as one hex number. A
// course program that passes a wrong options value (EINVAL) compares its number on both sides.
import { strict as assert } from "node:assert";
import { waitOptions } from "../../src/fidelity/calls";

describe("fidelity: waitpid options from strace's text", () => {
  it("named bits and a hex remainder add up to the program's number", () => {
    assert.equal(waitOptions("WNOHANG|WCONTINUED|0x3030"), 12345);
    assert.equal(waitOptions("WNOHANG|WUNTRACED"), 3);
    assert.equal(waitOptions("WNOHANG|__WALL"), 0x40000001);
    assert.equal(waitOptions("0"), 0);
  });
});
