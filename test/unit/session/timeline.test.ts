// The learner's timeline: Back, First and goto keep the steps after them as the recorded
// future; Forward and Last replay it; only a different action at an earlier step
// replaces it, and the Outcome says how many steps that dropped.
import { strict as assert } from "node:assert";
import { stepper } from "./helpers";

const json = (x: unknown): string => JSON.stringify(x);

describe("the stepper's timeline (nothing is discarded by moving)", function () {
  this.timeout(30000);

  it("Back from step 8 of 8 shows step 7 of 8; First shows 0 of 8; Last returns to step 8", async () => {
    const st = await stepper("fork-returns.c");
    for (let i = 0; i < 8; i++) assert.ok(st.step().ok);
    const recorded = st.timeline.map(json);
    assert.equal(recorded.length, 9);
    assert.ok(st.back().ok);
    assert.equal(st.index, 7);
    assert.equal(st.timeline.length, 9, "the future is still there");
    assert.ok(st.goto(0).ok);
    assert.equal(st.index, 0);
    assert.deepEqual(st.timeline.map(json), recorded);
    assert.ok(st.goto(8).ok, "Last");
    assert.equal(st.index, 8);
    assert.deepEqual(st.history.map(json), recorded, "replayed exactly as recorded");
  });

  it("Forward replays the recorded step (the same line of the same process), and says nothing replaced", async () => {
    const st = await stepper("fork-returns.c");
    for (let i = 0; i < 6; i++) st.step();
    const recorded = st.timeline.map(json);
    st.goto(2);
    for (let i = 3; i <= 6; i++) {
      const r = st.step();
      assert.ok(r.ok && !r.replaced, json(r));
      assert.equal(json(st.current), recorded[i]);
    }
    assert.equal(st.timeline.length, 7);
  });

  it("goto into the middle of the future and back again at depth keeps every recorded step", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.continue(400);
    const end = st.index;
    assert.ok(end > 40, `ran ${end} steps`);
    const recorded = st.timeline.map(json);
    for (const k of [Math.floor(end / 2), 3, end - 1, 0, end, Math.floor(end / 3)]) {
      assert.ok(st.goto(k).ok);
      assert.equal(st.index, k);
      assert.equal(json(st.current), recorded[k], `step ${k}`);
      assert.deepEqual(st.timeline.map(json), recorded, `the whole timeline after goto(${k})`);
    }
    assert.equal(st.goto(end + 1).ok, false, "no step after the last recorded one");
  });

  it("a different process's line at an earlier step replaces the future, and the Outcome says so", async () => {
    const st = await stepper("fork-returns.c");
    st.continue(100);
    const end = st.index;
    // Back to just after fork: two processes can run; step the one the recording did not.
    let k = 0;
    for (; k < end; k++) {
      st.goto(k);
      if (st.current.processes.filter((p) => p.kind === "program" && p.state !== "zombie").length > 1) break;
    }
    const next = st.timeline[k + 1].processes.find((p) => p.state === "running")!.pid;
    const other = st.current.processes.find((p) => p.kind === "program" && p.state !== "zombie" && p.pid !== next)!.pid;
    const r = st.step(other);
    assert.ok(r.ok);
    assert.equal(r.replaced, end - k);
    assert.match(r.message ?? "", new RegExp(`at step ${k} replaced the ${end - k} recorded steps`));
    assert.equal(st.timeline.length, k + 2, "the old future is gone; the new step is the last");
  });

  it("a signal or a client from outside is a step of its own: Back shows the step before it, Forward replays it", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.runToLine(33);
    const at = st.index;
    const before = st.current;
    assert.ok(st.signal(st.mainPid, "SIGTSTP").ok);
    assert.equal(st.index, at + 1, "the signal is a new step");
    assert.equal(st.timeline.length, at + 2);
    assert.strictEqual(st.timeline[at], before, "the step before it is untouched");
    assert.deepEqual(st.current.events.filter((e) => e.kind === "signal"), [{ kind: "signal", pid: st.mainPid, signal: "SIGTSTP", action: "stopped" }]);
    const clients = () => st.current.processes.filter((p) => p.kind === "client").length;
    const had = clients();
    assert.ok(st.connect(["hi"]).ok);
    assert.equal(st.index, at + 2, "the connect is a new step");
    assert.equal(clients(), had + 1);
    const [sig, conn] = [st.timeline[at + 1], st.timeline[at + 2]];
    assert.ok(st.back().ok);
    assert.equal(st.index, at + 1);
    assert.equal(st.timeline.length, at + 3, "the connect stays, recorded");
    assert.equal(clients(), had, "the client is not there before the connect");
    assert.ok(st.back().ok);
    assert.strictEqual(st.current, before);
    assert.equal(st.current.processes.find((p) => p.pid === st.mainPid)?.state === "stopped", false, "not stopped before the signal");
    // Forward replays the signal, then the connect; nothing replaced.
    assert.equal(st.step().replaced, undefined);
    assert.strictEqual(st.current, sig);
    assert.equal(st.step().replaced, undefined);
    assert.strictEqual(st.current, conn);
    // The same action again at an earlier step follows the recorded future too.
    st.goto(at);
    const r = st.signal(st.mainPid, "SIGTSTP");
    assert.equal(r.replaced, undefined);
    assert.equal(st.timeline.length, at + 3);
  });

  it("an outside action (a signal) at an earlier step replaces the future too", async () => {
    const st = await stepper("fork-returns.c");
    for (let i = 0; i < 5; i++) st.step();
    st.goto(3);
    const main = st.mainPid;
    const r = st.signal(main, "SIGCONT");
    assert.ok(r.ok);
    assert.equal(r.replaced, 2);
    assert.match(r.message ?? "", /at step 3 replaced the 2 recorded steps/);
    assert.equal(st.timeline.length, 5, "steps 0-3, then the signal: a step of its own");
    assert.equal(st.index, 4);
    // The next Outcome no longer mentions it.
    assert.equal(st.step().replaced, undefined);
  });
});
