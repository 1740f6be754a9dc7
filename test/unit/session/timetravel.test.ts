// Stepping back is exact: the model is deterministic, so a replay of the recorded actions
// rebuilds the very state each Snapshot showed, and going forward again repeats the run.
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { Policy, Session } from "../../../src/session/session";
import { Scenario } from "../../../src/contract/scenario";

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

describe("time travel with the world outside (clients, lines, closes, signals by hand)", function () {
  this.timeout(60000);

  // Under the random policy with clients joining, typing and closing, and a SIGINT from
  // outside, the state at every step is rebuilt exactly: the outside actions are recorded
  // in the same list as the steps, and the scheduler's picks are replayed as picks.
  it("random policy: goto(k) gives back the first-recorded Snapshot at k, clients and a signal included", async () => {
    const s = await session("echoserverp", { argv: ["15213"] }, "random");
    const stepN = (n: number) => { for (let i = 0; i < n && !s.ended; i++) s.step(); };
    stepN(12);
    s.connect(["one", "two"]);
    stepN(25);
    s.connect(["three"]);
    stepN(30);
    const first = s.clients.list[0];
    assert.ok(first.pid > 0, "the first client connected");
    assert.equal(s.send(first.pid, "again"), true);
    stepN(30);
    assert.equal(s.close("all"), true);
    stepN(40);
    assert.equal(s.signal(s.mainPid, "SIGINT"), true);
    stepN(10);
    assert.ok(s.actions.some((a) => a.kind === "step" && a.picked), "the scheduler picked");
    const end = s.steps;
    // Deep copies of what was recorded, before any replay touches the session.
    const recorded = structuredClone(s.history);
    const trace = structuredClone(s.trace);
    assert.ok(recorded.some((h) => h.events.some((e) => e.kind === "signal" && e.signal === "SIGINT")), "SIGINT arrived");
    assert.equal(s.clients.list[0].received, "one\ntwo\nagain\n", "the first client's echoes");
    for (const k of [end - 1, Math.floor(end * 0.7), Math.floor(end / 2), 13, 12, 5, 0]) {
      s.goto(k);
      assert.equal(s.steps, k);
      assert.deepStrictEqual(s.history[k], recorded[k], `the Snapshot at step ${k}`);
      assert.deepStrictEqual(s.history, recorded.slice(0, k + 1), `the history up to step ${k}`);
    }
    s.goto(end);
    assert.equal(s.steps, end);
    assert.deepStrictEqual(s.history, recorded);
    assert.deepStrictEqual(s.trace, trace);
  });

  it("an outside action is a step of its own: back shows the step before it, forward replays it; a new one drops the undone future", async () => {
    const s = await session("echoserverp", { argv: ["15213"] });
    s.run();
    const at = s.steps;
    const before = structuredClone(s.history[at]);
    s.connect(["x"]);
    assert.equal(s.steps, at + 1, "the connect is a step");
    assert.equal(s.history.length, at + 2);
    assert.deepStrictEqual(s.history[at], before, "the step before it is as it was");
    assert.equal(s.history[at + 1].step, at + 1);
    assert.equal(s.clients.list.length, 1);
    for (let i = 0; i < 3; i++) s.step();
    assert.equal(s.steps, at + 4, "the server accepts the client");
    const recorded = structuredClone(s.history);
    s.goto(at);
    assert.equal(s.clients.list.length, 0);
    assert.deepStrictEqual(s.history, recorded.slice(0, at + 1));
    // forward() redoes the connect alone, then the line after it.
    assert.equal(s.forward(), true);
    assert.equal(s.steps, at + 1);
    assert.equal(s.clients.list.length, 1);
    assert.deepStrictEqual(s.history, recorded.slice(0, at + 2));
    s.goto(at + 4);
    assert.deepStrictEqual(s.history, recorded);
    s.goto(at);
    const recordedActions = s.actions.length;
    assert.equal(s.close("all"), false, "no client is open now");
    assert.equal(s.actions.length, recordedActions, "a refused action drops nothing");
    s.connect(["y"]);
    assert.equal(s.actions.length, s.cursor, "the undone connect is gone");
    assert.equal(s.steps, at + 1);
    assert.deepStrictEqual(s.clients.list[0].script.actions[0], { send: "y" });
    // The refused close took no group name: the first close of all is learner-close-1, as a
    // replay of the recorded actions (which leave the refused one out) names it.
    assert.equal(s.close("all"), true);
    assert.deepStrictEqual(s.clients.list[0].script.actions.at(-1), { close: true, group: "learner-close-1" });
  });
});
