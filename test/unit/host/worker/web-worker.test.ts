// The model's Web Worker bundle (dist/worker-web.js, what the web extension starts) speaks
// the same protocol as the node worker: run here in a bare script context that has only a
// worker's globals (web-bundle.ts), it opens examples/echoserverp.c from the folder it is
// sent and answers steps with the same Snapshots as an in-process Stepper.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../../../src/contract/scenario";
import { loadProgram } from "../../../../src/host/load";
import type { Request, Response, WorkerMessage } from "../../../../src/host/worker/protocol";
import { Stepper } from "../../../../src/session/stepper";
import { waitFor } from "../../../wait";
import { folder, webBundle } from "./web-bundle";

const ROOT = join(__dirname, "..", "..", "..", "..");
const EXAMPLES = join(ROOT, "examples");
const ECHO = join(EXAMPLES, "echoserverp.c");

describe("the model's Web Worker bundle (dist/worker-web.js)", function () {
  this.timeout(60_000);

  it("answers open and step requests with the Snapshots an in-process Stepper makes", async () => {
    const heard: WorkerMessage[] = [];
    const { post, ownBytes } = webBundle((m) => heard.push(m));
    const files = Object.fromEntries(Object.entries(folder(EXAMPLES)).map(([p, b]) => [p, ownBytes(b)]));
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
