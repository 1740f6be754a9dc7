// The model half of `forklab check` through the worker's protocol (what the web extension
// runs in its Web Worker): a "check" request is answered with the verdicts the CLI's model
// half gives, the exercise's right server passing, its starter failing `concurrent` alone
// with the step and line where it shows, a server the model cannot compile not run at all.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECK_IDS } from "../../../../src/coach/check/checks";
import { EXERCISES } from "../../../../src/coach/check/exercises";
import { runModelCheck } from "../../../../src/coach/check/model";
import { MODEL_PORT } from "../../../../src/coach/check/scenarios";
import { loadProgram } from "../../../../src/host/load";
import type { CheckRequest, Response, WorkerMessage } from "../../../../src/host/worker/protocol";
import { ModelServer } from "../../../../src/host/worker/server";

const ROOT = join(__dirname, "..", "..", "..", "..");
const STARTER = join(ROOT, "examples", "exercises", "echo-starter.c");
const RIGHT = join(ROOT, "test", "check", "servers", "echo-correct.c");

async function check(file: string, text = readFileSync(file, "utf8"), only = [...CHECK_IDS]): Promise<Extract<Response, { type: "checked" }>> {
  const heard: WorkerMessage[] = [];
  const server = new ModelServer((f, t) => loadProgram(f, { text: t }), (m) => heard.push(m));
  const req: CheckRequest = { type: "check", id: 7, file, text, exercise: "echo", only };
  await server.handle(req);
  assert.equal(heard.length, 1);
  const r = heard[0];
  assert.equal(r.type, "checked", JSON.stringify(r).slice(0, 300));
  assert.equal(r.id, 7);
  return r as Extract<Response, { type: "checked" }>;
}

describe("the model's worker runs the model half of the checks", function () {
  this.timeout(120_000);

  it("a right echo server passes every check", async () => {
    const r = await check(RIGHT);
    assert.equal(r.cannotRun, undefined);
    assert.deepEqual(r.results.map((x) => x.id), [...CHECK_IDS]);
    assert.deepEqual(r.results.filter((x) => !x.model.ok).map((x) => `${x.id}: ${x.model.message}`), []);
  });

  it("the starter fails concurrent alone, where the CLI's model half fails it, at its step and line", async () => {
    const r = await check(STARTER);
    assert.deepEqual(r.results.filter((x) => !x.model.ok).map((x) => x.id), ["concurrent"]);
    const got = r.results.find((x) => x.id === "concurrent")!.model;
    assert.match(got.message, /client 2 sent "hello" and got no answer while client 1 stayed connected and silent/);
    const line = readFileSync(STARTER, "utf8").split("\n")[got.where!.line! - 1];
    assert.match(line, /rio_readlineb/i);
    // The same verdict as the CLI's model half, computed in this thread.
    assert.deepEqual(got, runModelCheck("concurrent", await loadProgram(STARTER), EXERCISES.echo, MODEL_PORT));
  });

  it("judges the editor's text, not the file on disk, and only the checks asked for", async () => {
    const r = await check(STARTER, readFileSync(RIGHT, "utf8"), ["concurrent", "reaps"]);
    assert.deepEqual(r.results.map((x) => [x.id, x.model.ok]), [["concurrent", true], ["reaps", true]]);
  });

  it("a server the model cannot compile: no check runs, and it says why", async () => {
    const r = await check(STARTER, "int main(void) { return undeclared_name; }\n");
    assert.deepEqual(r.results, []);
    assert.match(r.cannotRun ?? "", /^the model cannot run echo-starter\.c: line 1: /);
  });
});
