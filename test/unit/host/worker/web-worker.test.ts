// The model's Web Worker bundle (dist/worker-web.js, what the web extension starts) speaks
// the same protocol as the node worker: run here in a bare script context that has only a
// worker's globals (postMessage, onmessage; no require, no process), it opens
// examples/echoserverp.c from the folder it is sent and answers steps with the same
// Snapshots as an in-process Stepper.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import type { Scenario } from "../../../../src/contract/scenario";
import { loadProgram } from "../../../../src/host/load";
import type { Request, Response, WorkerMessage } from "../../../../src/host/worker/protocol";
import { Stepper } from "../../../../src/session/stepper";
import { waitFor } from "../../../wait";

const ROOT = join(__dirname, "..", "..", "..", "..");
const DIST = join(ROOT, "dist");
const EXAMPLES = join(ROOT, "examples");
const ECHO = join(EXAMPLES, "echoserverp.c");

describe("the model's Web Worker bundle (dist/worker-web.js)", function () {
  this.timeout(60_000);

  it("answers open and step requests with the Snapshots an in-process Stepper makes", async () => {
    const heard: WorkerMessage[] = [];
    const scope: Record<string, unknown> = {
      postMessage: (m: WorkerMessage) => heard.push(m),
      TextDecoder, TextEncoder, WebAssembly, URL, console, performance, setTimeout, clearTimeout, queueMicrotask, structuredClone,
    };
    const context = vm.createContext(scope);
    vm.runInContext(readFileSync(join(DIST, "worker-web.js"), "utf8"), context, { filename: "worker-web.js" });
    // Bytes as a real postMessage delivers them: arrays of the worker's own realm.
    const ownBytes = (b: Uint8Array): Uint8Array => (vm.runInContext("Uint8Array", context) as typeof Uint8Array).from(b);
    assert.equal(typeof scope.onmessage, "function", "the bundle listens for messages");
    const post = (data: unknown) => (scope.onmessage as (e: { data: unknown }) => void)({ data });
    post({ type: "init", runtime: ownBytes(readFileSync(join(DIST, "web-tree-sitter.wasm"))), grammar: ownBytes(readFileSync(join(DIST, "tree-sitter-c.wasm"))) });

    // The folder as the web extension sends it: every regular file, by path.
    const files: Record<string, Uint8Array> = {};
    for (const name of readdirSync(EXAMPLES)) {
      const p = join(EXAMPLES, name);
      if (statSync(p).isFile()) files[p] = ownBytes(readFileSync(p));
    }
    const scenario = JSON.parse(readFileSync(join(EXAMPLES, "echoserverp.scenario.json"), "utf8")) as Scenario;
    const open: Request = { type: "open", id: 1, session: "s", file: ECHO, text: readFileSync(ECHO, "utf8"), scenario, policy: "round-robin", maxSteps: 10000, files };
    post(open);
    for (let id = 2; id < 12; id++) post({ type: "act", id, session: "s", command: { kind: "step" }, stopGen: 0 } satisfies Request);
    post({ type: "act", id: 12, session: "s", command: { kind: "continue", limit: 300 }, stopGen: 0 } satisfies Request);
    await waitFor(() => heard.some((m) => m.type !== "progress" && m.type !== "stopSeen" && m.id === 12), "the worker's answer to the last request", 30_000);

    const answers = heard.filter((m): m is Response => m.type !== "progress" && m.type !== "stopSeen");
    assert.deepEqual(answers.map((m) => m.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "one answer per request, in order");
    const opened = answers[0];
    assert.ok(opened.type === "opened" && opened.hasMain, JSON.stringify(opened).slice(0, 300));
    for (const m of answers.slice(1)) assert.equal(m.type, "done", JSON.stringify(m).slice(0, 300));
    // Every update in the order sent: a command longer than PROGRESS_MS (a loaded machine)
    // also sends progress events, whose updates the answer's update follows on from.
    const history: unknown[] = [];
    for (const m of heard) if ("update" in m && m.update) history.splice(m.update.from, history.length, ...m.update.steps);

    const loaded = await loadProgram(ECHO);
    const st = new Stepper({ program: loaded.program, name: loaded.name, scenario, maxSteps: 10000, loadProgram: loaded.loadProgram, readFile: loaded.readFile });
    for (let i = 0; i < 10; i++) st.step();
    st.continue(300);
    assert.ok(history.length > 11, `only ${history.length} steps`);
    assert.equal(JSON.stringify(history), JSON.stringify(st.history));
  });
});
