// The name a saved picture is offered under says which program and which step it shows.
import assert from "node:assert/strict";
import { exportName } from "../../../src/extension/view/exportname";

describe("a saved picture's file name", () => {
  it("is the program's name and the step: echoserverp-step12.png", () => {
    assert.equal(exportName("echoserverp.c", 12, "png"), "echoserverp-step12.png");
    assert.equal(exportName("fork-returns.c", 0, "svg"), "fork-returns-step0.svg");
  });

  it("makes any other title safe for a file name, and has a name without one", () => {
    assert.equal(exportName("Live: echoserverp (pid 4242) from /proc", 3, "png"), "Live-echoserverp-pid-4242-from-proc-step3.png");
    assert.equal(exportName("../x y.c", 1, "svg"), "x-y-step1.svg");
    assert.equal(exportName(undefined, 5, "png"), "forklab-step5.png");
    assert.equal(exportName("", 5, "png"), "forklab-step5.png");
  });
});
