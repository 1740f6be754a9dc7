// The model in its worker (dist/worker.js, as the extension runs it): the editor's copy of
// a session, built only from the worker's Updates, equals a Stepper run in-process through
// the same actions; Stop ends a Continue of an endless loop; a worker that saw the Stop is
// waited for however slow its answer (on the web, with no shared memory, the Stop is a
// message and is taken the same way); one that never sees it is replaced, and the new one
// replays the session exactly.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadProgram } from "../../../../src/host/load";
import type { Scenario } from "../../../../src/contract/scenario";
import { Stepper } from "../../../../src/session/stepper";
import { ModelWorker, OpenInput, WorkerHost } from "../../../../src/host/worker-client";
import { nodeWorkerHost } from "../../../../src/host/worker-node-host";
import { SessionMirror } from "../../../../src/host/worker/mirror";
import type { Command, Update, WorkerMessage } from "../../../../src/host/worker/protocol";
import { viewCommand } from "../../../../src/host/worker/actions";
import { webBundleHost } from "./web-bundle";

const ROOT = join(__dirname, "..", "..", "..", "..");
const DIST = join(ROOT, "dist");
const ECHO = join(ROOT, "examples", "echoserverp.c");
const echoScenario = JSON.parse(readFileSync(join(ROOT, "examples", "echoserverp.scenario.json"), "utf8")) as Scenario;
const LOOP = join(ROOT, "test", "unit", "host", "worker", "fixtures", "loop.c");

/**
 * The node worker, the first one started made to behave as a loaded or a stuck machine makes
 * it: while `slow`, what it says is heard `slowMs` late (in order), all but its stopSeen
 * (taken at once, the machine keeps the worker off the CPU after); while `stuck`, it says
 * nothing at all (one step that never ends and never reads the stop flag). `spawned` counts
 * the workers started.
 */
function hinderedHost(slowMs = 0) {
  const node = nodeWorkerHost(DIST);
  const h = { slow: false, stuck: false, spawned: 0, host: undefined as unknown as WorkerHost };
  h.host = {
    spawn(events, stop) {
      const first = ++h.spawned === 1;
      let heard = Promise.resolve();
      return node.spawn({
        message: (m: WorkerMessage) => {
          if (!first) { events.message(m); return; }
          if (h.stuck) return;
          if (!h.slow || m.type === "stopSeen") { heard = heard.then(() => events.message(m)); return; }
          heard = heard.then(() => new Promise((r) => setTimeout(r, slowMs))).then(() => events.message(m));
        },
        failed: events.failed,
      }, stop);
    },
  };
  return h;
}

/** A worker with one session, its mirror kept up to date by every update and replay. */
function harness(stopGraceMs?: number, host: WorkerHost = nodeWorkerHost(DIST)) {
  const mirror = new SessionMirror();
  const told: string[] = [];
  let input: OpenInput | undefined;
  let replays = 0;
  const w = new ModelWorker(host, {
    reopen: () => (input ? [{ ...input, actions: mirror.actions, at: mirror.at, known: mirror.timeline.length }] : []),
    reopened: (_s, u) => { replays++; if (u) mirror.apply(u); },
    tell: (t) => told.push(t),
  }, stopGraceMs);
  const open = async (file: string, scenario: Scenario) => {
    input = { session: "s", file, text: readFileSync(file, "utf8"), scenario, policy: "round-robin", maxSteps: 10000 };
    const r = await w.open(input);
    assert.equal(r.type, "opened");
    if (r.type === "opened") mirror.apply(r.update!);
  };
  const act = async (c: Command) => {
    const r = await w.act("s", c, (e) => mirror.apply(e.update));
    if (r.update) mirror.apply(r.update);
    return r.outcome;
  };
  return { w, mirror, told, open, act, replays: () => replays };
}

/**
 * Stops a Continue of a one-line endless loop (`around` the Stop: what the machine does
 * meanwhile) and checks that the worker took it: the run ends "stopped after N steps" with
 * no restart said or replayed, the steps made are kept, and the session steps on from there.
 */
async function stopTaken(h: ReturnType<typeof harness>, around: { before?: () => void; after?: () => void } = {}): Promise<void> {
  await h.open(LOOP, {});
  const run = h.act({ kind: "continue", limit: 100_000 });
  await new Promise((r) => setTimeout(r, 700));
  around.before?.();
  // How long it takes is a bench figure (worker.stop.*), not a timed test.
  assert.equal(await h.w.stop(), "stopped");
  around.after?.();
  const outcome = await run;
  assert.equal(outcome.stopped, true, JSON.stringify(outcome));
  assert.match(outcome.message ?? "", /^stopped after [\d,]+ steps/);
  assert.equal(h.replays(), 0);
  assert.doesNotMatch(h.told.join("\n"), /did not answer Stop/);
  const n = h.mirror.index;
  assert.ok(n > 0, "the steps made before the Stop are kept");
  assert.equal((await h.act({ kind: "step" })).ok, true);
  assert.equal(h.mirror.index, n + 1);
}

describe("the model's worker", function () {
  this.timeout(60_000);

  it("the editor's copy, from updates alone, equals an in-process Stepper through the same actions", async () => {
    const { w, mirror, open, act } = harness();
    try {
      await open(ECHO, echoScenario);
      const loaded = await loadProgram(ECHO);
      const st = new Stepper({ program: loaded.program, name: loaded.name, scenario: echoScenario, maxSteps: 10000, loadProgram: loaded.loadProgram, readFile: loaded.readFile });
      const same = (what: string) => {
        assert.equal(mirror.timeline.length, st.timeline.length, what);
        assert.equal(mirror.index, st.index, what);
        assert.equal(JSON.stringify(mirror.timeline), JSON.stringify(st.timeline), what);
        for (let i = 0; i < st.timeline.length; i++) assert.deepEqual(mirror.callsAt(i), st.callsAt(i), `${what}: calls of step ${i}`);
        assert.deepEqual(mirror.actions, st.session.actions, what);
        assert.equal(mirror.cursor, st.session.cursor, what);
        assert.equal(mirror.ended, st.ended, what);
      };
      const both = async (c: Command, local: () => unknown) => { await act(c); local(); same(JSON.stringify(c)); };
      same("opened");
      for (let i = 0; i < 3; i++) await both({ kind: "step" }, () => st.step());
      await both({ kind: "runToLine", line: 40, limit: 10000 }, () => st.runToLine(40, 10000));
      await both({ kind: "back" }, () => st.back());
      await both({ kind: "connect", lines: ["one"] }, () => st.connect(["one"]));
      await both({ kind: "back" }, () => st.back());
      await both({ kind: "continue", limit: 40 }, () => st.continue(40));
      await both({ kind: "goto", step: 5 }, () => st.goto(5));
      assert.ok(mirror.timeline.length > 6, "the steps after 5 stay as the recorded future");
      await both({ kind: "step" }, () => st.step());
      await both({ kind: "goto", step: st.timeline.length - 2 }, () => st.goto(st.timeline.length - 2));
      await both({ kind: "goto", step: 2 }, () => st.goto(2));
      await both({ kind: "signal", pid: st.mainPid, signal: "SIGINT" }, () => st.signal(st.mainPid, "SIGINT"));
      await both({ kind: "continue", limit: 10000 }, () => st.continue(10000));
      assert.ok(mirror.ended, "the run ended");
    } finally {
      w.dispose();
    }
  });

  it("Stop ends a Continue of a one-line endless loop, keeping the steps it made", async () => {
    // A live worker sees the Stop and answers, however busy the machine: never a restart.
    const h = harness();
    try {
      await stopTaken(h);
    } finally {
      h.w.dispose();
    }
  });

  it("a worker that saw a Stop is waited for, not restarted, however long its answer takes past the grace", async () => {
    // The answer comes 1.5 s after the worker saw the Stop, 7 times the grace: a loaded
    // machine. A restart here would replay every step the run made, for nothing.
    const hx = hinderedHost(1500);
    const h = harness(200, hx.host);
    try {
      await stopTaken(h, { before: () => { hx.slow = true; }, after: () => { hx.slow = false; } });
      assert.equal(hx.spawned, 1, "the same worker goes on");
    } finally {
      h.w.dispose();
    }
  });

  it("a worker that never sees a Stop is replaced, Stop does not wait for the replay, and the new worker replays the session exactly", async () => {
    const hx = hinderedHost();
    const { w, mirror, told, open, act, replays } = harness(200, hx.host);
    try {
      await open(LOOP, {});
      await act({ kind: "continue", limit: 3 });
      const run = act({ kind: "continue", limit: 100_000 });
      await new Promise((r) => setTimeout(r, 700));
      hx.stuck = true;
      const held = JSON.stringify(mirror.history);
      assert.equal(await w.stop(), "restarted");
      assert.equal(replays(), 0, "Stop came back before the replay (requests wait for it instead)");
      assert.equal(w.running, 0, "nothing is left running: the editor shows no running… during the replay");
      assert.equal((await run).stopped, true);
      assert.match(told.join("\n"), /did not answer Stop/);
      const n = mirror.index;
      assert.equal((await act({ kind: "step" })).ok, true, "the new worker steps on, once it replayed the session");
      assert.equal(hx.spawned, 2);
      assert.equal(replays(), 1);
      assert.equal(mirror.index, n + 1);
      assert.equal(JSON.stringify(mirror.history.slice(0, n + 1)), held, "the replayed history is the one the editor held");
    } finally {
      w.dispose();
    }
  });

  it("on the web with no shared memory, Stop is a message the worker lets in between slices: it says it saw it and answers, and is not restarted", async () => {
    const h = harness(undefined, webBundleHost());
    try {
      await stopTaken(h);
    } finally {
      h.w.dispose();
    }
  });

  it("a worker that ends is replaced; the new one holds the same timeline, recorded future and place in it", async () => {
    const { w, mirror, told, open, act } = harness();
    try {
      await open(LOOP, {});
      await act({ kind: "continue", limit: 8 });
      await act({ kind: "goto", step: 3 });
      const held = JSON.stringify(mirror.timeline);
      assert.equal(mirror.index, 3);
      assert.ok(mirror.timeline.length > 4);
      // The worker thread ends as if it had crashed: the client starts a new one.
      await (w as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await act({ kind: "goto", step: 3 })).ok, true, "the new worker answers");
      assert.match(told.join("\n"), /worker ended/);
      assert.equal(JSON.stringify(mirror.timeline), held);
      assert.equal(mirror.index, 3);
      assert.equal((await act({ kind: "goto", step: mirror.timeline.length - 1 })).ok, true, "Last goes to the recorded end");
      assert.equal(mirror.index, mirror.timeline.length - 1);
    } finally {
      w.dispose();
    }
  });

  it("an open request its host prepares first (the web's folder reading) still reaches the worker before the steps sent after it", async () => {
    const node = nodeWorkerHost(DIST);
    const prepared: string[] = [];
    const w = new ModelWorker({
      spawn: node.spawn,
      prepare: async (req) => { await new Promise((r) => setTimeout(r, 200)); prepared.push(req.file); return req; },
    }, { reopen: () => [], reopened: () => undefined, tell: () => undefined });
    try {
      const input: OpenInput = { session: "p", file: ECHO, text: readFileSync(ECHO, "utf8"), scenario: echoScenario, policy: "round-robin", maxSteps: 1000 };
      // Not awaited: the step is sent while the open request is still being prepared.
      const opened = w.open(input);
      const stepped = w.act("p", { kind: "step" });
      assert.equal((await opened).type, "opened");
      const r = await stepped;
      assert.equal(r.outcome.ok, true, r.outcome.message);
      assert.equal(r.update?.length, 2);
      assert.deepEqual(prepared, [ECHO]);
    } finally {
      w.dispose();
    }
  });

  for (const [where, make] of [["node", () => nodeWorkerHost(DIST)], ["the web bundle", webBundleHost]] as const) {
    it(`ahead of the first open (${where}): nothing starts until asked; then the worker starts, says it is warm, and the open runs in it`, async () => {
      const base = make();
      let spawned = 0;
      const readAhead: string[] = [];
      const w = new ModelWorker({
        spawn: (events, stop) => { spawned++; return base.spawn(events, stop); },
        ahead: async (file) => { readAhead.push(file); },
      }, { reopen: () => [], reopened: () => undefined, tell: () => undefined });
      try {
        assert.equal(spawned, 0, "no worker before it is asked for");
        assert.equal(w.warmed, false);
        assert.equal(w.warm(), w.warm(), "one warm-up, however often asked");
        await w.ahead(ECHO);
        assert.equal(w.warmed, true, "the worker answered the warm request");
        assert.equal(spawned, 1);
        assert.deepEqual(readAhead, [ECHO], "the host read ahead what the file's open needs");
        const r = await w.open({ session: "a", file: ECHO, text: readFileSync(ECHO, "utf8"), scenario: echoScenario, policy: "round-robin", maxSteps: 1000 });
        assert.equal(r.type, "opened", JSON.stringify(r));
        assert.equal(r.type === "opened" && r.update?.length, 1, "the open starts at step 0, the warm-up's program left no trace");
        assert.equal(spawned, 1, "the open runs in the worker warmed");
        const stepped = await w.act("a", { kind: "step" });
        assert.equal(stepped.outcome.ok, true, stepped.outcome.message);
        assert.equal((await w.clients("a")).length, 0);
      } finally {
        w.dispose();
      }
    });
  }

  it("a view's goto must land inside the history it was shown", () => {
    assert.deepEqual(viewCommand({ v: 1, type: "goto", step: 3 }, { length: 4, clientLines: [] }), { kind: "goto", step: 3 });
    assert.match(viewCommand({ v: 1, type: "goto", step: 4 }, { length: 4, clientLines: [] }) as string, /not in the history \(0\.\.3\)/);
    assert.match(viewCommand({ v: 1, type: "goto", step: 1e9 }, { length: 4, clientLines: [] }) as string, /not in the history/);
  });

  it("an update that does not follow what the editor holds is refused, not half-applied", () => {
    const m = new SessionMirror();
    const u: Update = { from: 2, steps: [], calls: [], length: 2, at: 1, mainPid: 1, actionsFrom: 0, actions: [], cursor: 0 };
    assert.throws(() => m.apply(u), /does not follow/);
  });
});
