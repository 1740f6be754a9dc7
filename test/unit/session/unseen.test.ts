// Programs written for these tests only (test/unseen/*.c), in the course's style, run
// unchanged: the stepper has never been tuned to them.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../c/helpers";

const unseen = (name: string): string => readFileSync(join(__dirname, "..", "..", "unseen", name), "utf8");

describe("unseen programs", () => {
  it("pipeline-sum: ints cross a pipe; read sees EOF after the child's close; exit code via WEXITSTATUS", async () => {
    const r = await run(unseen("pipeline-sum.c"));
    assert.equal(r.stdout, "total 55, child exit 3\n");
  });

  it("fan-out: waitpid(pid) reaps each worker with its own exit code", async () => {
    const r = await run(unseen("fan-out.c"));
    assert.equal(r.stdout, "worker 0 -> 10\nworker 1 -> 11\nworker 2 -> 12\n");
  });

  it("counter-signal: a handler runs once per kill to self (each is delivered before kill returns)", async () => {
    const r = await run(unseen("counter-signal.c"));
    assert.equal(r.stdout, "hits=4\n");
  });
});
