// Which session Stop Stepping ends: the file in front's, else the only one, else the
// learner's pick from a list naming each file and its step.
import { strict as assert } from "node:assert";
import { Running, stopChoice } from "../../../src/extension/session/stop-choice";

const run = (path: string, step: number, more: Partial<Running> = {}): Running =>
  ({ key: `file://${path}`, path, step, open: true, shown: false, ...more });

describe("which session Stop Stepping ends", () => {
  const fork = run("/ex/fork.c", 4, { shown: true });
  const pipe = run("/ex/pipe.c", 9, { open: false });

  it("ends the session of the file in front, whatever else runs", () => {
    assert.deepEqual(stopChoice(pipe.key, [fork, pipe]), { kind: "this", key: pipe.key });
    assert.deepEqual(stopChoice(fork.key, [fork]), { kind: "this", key: fork.key });
  });

  it("from elsewhere ends the one session there is", () => {
    assert.deepEqual(stopChoice(undefined, [pipe]), { kind: "only", key: pipe.key });
    assert.deepEqual(stopChoice("file:///ex/fresh.c", [pipe]), { kind: "only", key: pipe.key }, "a file in front with no session");
  });

  it("has nothing to end when nothing is stepped", () => {
    assert.deepEqual(stopChoice(undefined, []), { kind: "none" });
    assert.deepEqual(stopChoice("file:///ex/fresh.c", []), { kind: "none" });
  });

  it("from elsewhere lists every session with its step, the view's first, a closed tab said", () => {
    const zombie = run("/ex/zombie.c", 0);
    for (const front of [undefined, "file:///ex/fresh.c"]) {
      assert.deepEqual(stopChoice(front, [pipe, zombie, fork]), { kind: "pick", items: [
        { key: fork.key, label: "fork.c", description: "step 4 · shown in the Fork Lab view" },
        { key: pipe.key, label: "pipe.c", description: "step 9 · its tab is closed" },
        { key: zombie.key, label: "zombie.c", description: "step 0" },
      ] });
    }
  });

  it("tells apart two files of the same name by their folders", () => {
    const a = run("/course/week1/echo.c", 2);
    const b = run("/home/me/echo.c", 7);
    const c = run("/ex/fork.c", 1);
    const choice = stopChoice(undefined, [a, b, c]);
    assert.equal(choice.kind, "pick");
    assert.deepEqual(choice.kind === "pick" && choice.items.map((i) => i.description), ["step 2 · /course/week1", "step 7 · /home/me", "step 1"]);
  });
});
