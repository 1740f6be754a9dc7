// The model's server where the stop flag cannot be shared memory (a Web Worker in a page
// that is not cross-origin isolated): long commands run in slices with a turn of the event
// loop between them, so a stop message gets in. A sliced command makes the same history and
// says the same as one run straight through; a Stop set between slices ends it at once, and
// the server says it saw it before it answers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../../src/contract/scenario";
import { loadProgram } from "../../../../src/host/load";
import { ModelServer } from "../../../../src/host/worker/server";
import { Command, OpenRequest, Response, STOP_SLOT, Update, WorkerMessage } from "../../../../src/host/worker/protocol";

const ROOT = join(__dirname, "..", "..", "..", "..");
const ECHO = join(ROOT, "examples", "echoserverp.c");
const LOOP = join(ROOT, "test", "unit", "host", "worker", "fixtures", "loop.c");
const echoScenario = JSON.parse(readFileSync(join(ROOT, "examples", "echoserverp.scenario.json"), "utf8")) as Scenario;

/** A server on its own thread's loader; `sliceMs` as a Web Worker without shared memory gets it. */
function server(sliceMs?: number) {
  const heard: WorkerMessage[] = [];
  const stop = new Int32Array(1);
  const s = new ModelServer((file, text) => loadProgram(file, { text }), (m) => heard.push(m), stop, undefined, sliceMs);
  let id = 0;
  const ask = async (req: Record<string, unknown>): Promise<Response> => {
    const full = { ...req, id: ++id } as unknown as OpenRequest;
    await s.handle(full);
    return heard.find((m): m is Response => m.type !== "progress" && m.type !== "stopSeen" && m.id === full.id)!;
  };
  const open = (file: string, scenario: Scenario) => ask({ type: "open", session: "s", file, text: readFileSync(file, "utf8"), scenario, policy: "round-robin", maxSteps: 100000 });
  const act = (command: Command) => ask({ type: "act", session: "s", command, stopGen: 0 });
  return { open, act, stop, heard };
}

function history(updates: Update[]): unknown[] {
  const h: unknown[] = [];
  for (const u of updates) h.splice(u.from, h.length, ...u.steps);
  return h;
}

describe("the model's server in slices (no shared memory for the stop flag)", function () {
  this.timeout(60_000);

  it("a sliced Run to line and Continue make the history and outcomes of unsliced ones", async () => {
    const runs = [];
    for (const sliceMs of [undefined, 0]) {
      const s = server(sliceMs);
      const opened = await s.open(ECHO, echoScenario);
      assert.equal(opened.type, "opened");
      const outcomes = [];
      for (const c of [{ kind: "runToLine", line: 35, limit: 5000 }, { kind: "continue", limit: 10 }, { kind: "continue", limit: 100000 }] as Command[]) {
        const r = await s.act(c);
        assert.equal(r.type, "done");
        if (r.type === "done") outcomes.push(r.outcome);
      }
      // Every update in the order the editor gets them: a command that takes a while also
      // sends progress updates (each after PROGRESS_MS), and the final one follows them.
      const updates = s.heard.flatMap((m) => ("update" in m && m.update ? [m.update] : []));
      runs.push({ outcomes, history: history(updates) });
    }
    const [straight, sliced] = runs;
    assert.deepEqual(sliced.outcomes, straight.outcomes);
    assert.ok(straight.history.length > 30, `only ${straight.history.length} steps`);
    assert.equal(JSON.stringify(sliced.history), JSON.stringify(straight.history));
  });

  it("a Stop set between slices ends an endless Continue, keeping its steps", async () => {
    // How soon is a bench figure (worker.stop.*), not a timed test: here, that it can at all.
    const s = server(20);
    assert.equal((await s.open(LOOP, {})).type, "opened");
    let set = false;
    const timer = setTimeout(() => { set = true; Atomics.store(s.stop, STOP_SLOT, 1); }, 300);
    const r = await s.act({ kind: "continue", limit: 10_000_000 });
    clearTimeout(timer);
    assert.ok(set, "the Stop could not get in while the command ran");
    assert.equal(r.type, "done");
    if (r.type !== "done") return;
    assert.equal(r.outcome.stopped, true, JSON.stringify(r.outcome));
    assert.match(r.outcome.message ?? "", /^stopped after [\d,]+ steps$/);
    assert.ok(r.update.length > 1, "the steps made before the Stop are kept");
    // Said as soon as it was seen, before the answer (the editor then waits for that answer).
    const seen = s.heard.findIndex((m) => m.type === "stopSeen" && m.stopGen === 1);
    assert.ok(seen >= 0 && seen < s.heard.indexOf(r), `stopSeen before the answer: ${s.heard.map((m) => m.type).join(", ")}`);
  });
});
