// The model against real Linux: our fixtures agree, and two deliberately wrong models are each
// caught by the harness. The wrong ones are the real model built with one kernel file swapped
// for a wrong one from test/fidelity/wrong/ (bundle.ts); the production kernel has no wrong mode.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { checkFidelity } from "../../src/fidelity/check";
import { runModelSession } from "../../src/fidelity/model-session";
import { wrongModel, type WrongPart } from "./wrong/bundle";

const root = join(__dirname, "..", "..");
const fixture = (name: string) => join(__dirname, "fixtures", name);

/** Run a fixture through Linux and through the model, or a model with a wrong `part`. */
async function check(name: string, part?: WrongPart) {
  const model = part ? await wrongModel(part) : runModelSession;
  return checkFidelity(fixture(name), {}, { root, model: (file, scenario) => model(file, scenario) });
}

describe("fidelity: the model against Linux", function () {
  this.timeout(30000);

  it("lowest_free.c agrees: pipe after close(3) gives 3 and 7, dup gives 7 again", async () => {
    const r = await check("lowest_free.c");
    assert.deepEqual(r.comparison.divergences, []);
    assert.equal(r.comparison.agree, true);
  });

  it("catches a kernel whose fdalloc never reuses a lower free number", async () => {
    const r = await check("lowest_free.c", "fdtable");
    assert.equal(r.comparison.agree, false);
    const first = r.comparison.divergences[0];
    assert.equal(first.proc, "P1");
    assert.equal(first.linux, "10: pipe(3, 7) = 0");
    assert.equal(first.model, "10: pipe(7, 8) = 0");
  });

  it("sigchld_once.c: three children exit while SIGCHLD is blocked; Linux runs the handler once", async () => {
    const r = await check("sigchld_once.c");
    assert.deepEqual(r.comparison.divergences, []);
    assert.equal(r.linux.procs[0].stdout, "reaped one\ndone\n");
  });

  it("catches a kernel that queues SIGCHLD instead of keeping one pending bit", async () => {
    const r = await check("sigchld_once.c", "signal");
    assert.equal(r.comparison.agree, false);
    const whats = r.comparison.divergences.map((d) => d.what);
    assert.ok(whats.includes("signal handlers did different work"), whats.join("; "));
    assert.equal(r.model.procs[0].stdout, "reaped one\nreaped one\nreaped one\ndone\n");
  });

  it("thread_asleep.c: a thread that never made a call ends with its process, as on Linux", async () => {
    const r = await check("thread_asleep.c");
    assert.deepEqual(r.comparison.divergences, []);
    const worker = r.model.procs.find((p) => p.thread);
    assert.deepEqual(worker?.end, { kind: "exited", code: 0 });
  });
});
