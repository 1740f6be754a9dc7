// Stepping back is exact: the model is deterministic, so a replay of the recorded actions
// rebuilds the very state each Snapshot showed, and going forward again repeats the run.
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { Policy, Session } from "../../../src/session/session";
import { Scenario } from "../../../src/session/scenario";

async function session(name: string, scenario: Scenario = {}, policy?: Policy): Promise<Session> {
  const { program } = await compile(example(`${name}.c`), `${name}.c`);
  return new Session({ program, name, scenario, snapshots: true, policy, seed: 7 });
}

const json = (x: unknown): string => JSON.stringify(x);

const cases: Array<[string, Scenario | string]> = [
  ["echoserverp", "echoserverp.scenario.json"],
  ["sigchld-lost", {}],
  ["printf-fork", {}],
  ["ipc-choices", {}],
  ["keyboard-signals", "keyboard-signals.scenario.json"],
];

describe("time travel (step back by replay)", function () {
  this.timeout(60000);

  for (const [name, sc] of cases) {
    it(`${name}: goto(k) gives back the Snapshot recorded at step k; forward again repeats the trace`, async () => {
      const s = await session(name, typeof sc === "string" ? exampleScenario(sc) : sc);
      s.run();
      const end = s.steps;
      assert.ok(end > 8, `${name} ran ${end} steps`);
      const recorded = s.history.map(json);
      const trace = json(s.trace);
      const stdout = s.stdout();
      for (const k of [end - 1, Math.floor(end / 2), 3, 0]) {
        s.goto(k);
        assert.equal(s.steps, k);
        assert.equal(s.history.length, k + 1);
        assert.equal(json(s.history[k]), recorded[k], `the Snapshot at step ${k}`);
      }
      while (s.forward());
      assert.equal(s.steps, end);
      assert.equal(json(s.trace), trace, "the same system calls, lines and results");
      assert.equal(s.stdout(), stdout);
      assert.deepEqual(s.history.map(json), recorded);
    });
  }

  it("stepBack() is goto(steps - 1); at step 0 it does nothing", async () => {
    const s = await session("fork-returns");
    for (let i = 0; i < 6; i++) s.step();
    const at5 = json(s.history[5]);
    assert.equal(s.stepBack(), true);
    assert.equal(s.steps, 5);
    assert.equal(json(s.history[5]), at5);
    s.goto(0);
    assert.equal(s.stepBack(), false);
  });

  it("a new step after stepping back starts a branch: the undone future is dropped", async () => {
    const s = await session("fork-returns");
    s.run();
    const all = s.actions.length;
    s.goto(4);
    assert.ok(s.actions.length === all && s.cursor < all, "the future is kept for forward()");
    // The child (higher pid) runs first this time, if there is one to choose.
    const tids = s.runnable();
    s.step(tids[tids.length - 1]);
    assert.equal(s.actions.length, s.cursor, "nothing left to redo");
    assert.equal(s.forward(), false);
    assert.equal(s.steps, 5);
  });

  it("the random policy replays its choices: after goto(k), running on repeats the same interleaving", async () => {
    const s = await session("sigchld-loop", {}, "random");
    s.run();
    const trace = json(s.trace);
    s.goto(Math.floor(s.steps / 3));
    s.run();
    assert.equal(json(s.trace), trace);
  });
});
