// Programs written for these tests only (test/unseen/*.c), in the course's style, run
// unchanged: the stepper has never been tuned to them. Each also builds with cc -Wall
// -Werror and prints the same on real Linux (stdout a pipe, as in the model's default),
// under its NAME.scenario.json when it has one (stdin, files).
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { run } from "../c/helpers";
import { defaultScenarioFor } from "../../../src/host/scenario";
import { runScenario } from "../../../src/fidelity/scenario-driver";
import type { Scenario } from "../../../src/contract/scenario";

const exec = promisify(execFile);
const dir = join(__dirname, "..", "..", "unseen");
const unseen = (name: string): string => readFileSync(join(dir, name), "utf8");
const scenarioOf = (name: string): Scenario => defaultScenarioFor(join(dir, name));

const expected: Record<string, { stdout: string; why: string }> = {
  "pipeline-sum.c": { stdout: "total 55, child exit 3\n", why: "ints cross a pipe; read sees EOF after the child's close; exit code via WEXITSTATUS" },
  "fan-out.c": { stdout: "worker 0 -> 10\nworker 1 -> 11\nworker 2 -> 12\n", why: "waitpid(pid) reaps each worker with its own exit code" },
  "counter-signal.c": { stdout: "hits=4\n", why: "a handler runs once per kill to self (each is delivered before kill returns)" },
  "log-redirect.c": {
    stdout: "offset after the child: 24\nlog has 24 bytes:\nentry 1\nentry 2\nentry 3\n",
    why: "dup2 sends the child's printf into a file; parent and child share the offset, so lseek back and read",
  },
  "select-two-pipes.c": {
    stdout: "pipe 1: fast\npipe 0: slow\nboth at EOF, 2 children reaped\n",
    why: "select reports whichever pipe is ready first (the one written sooner), then each EOF",
  },
  "stdin-shared.c": {
    stdout: "round 1: build\nround 2: test\nround 3: deploy\nround 4: test\nround 5: deploy\nround 6: deploy\nstdin offset at the end: 18\n",
    why: "each child's exit() lseeks the shared stdin file back to its first unread byte, so the parent reads the lines again",
  },
  "config-file.c": {
    stdout: "parent read: port=15213\nchild read: workers=4\nparent read: log=on\noffset 28\n",
    why: "a file opened before fork has one offset: the line the child reads, the parent skips (the scenario's file is in the working directory)",
  },
};

describe("unseen programs", function () {
  this.timeout(60000);
  let tmp: string;
  before(() => { tmp = mkdtempSync(join(tmpdir(), "forklab-unseen-")); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  for (const [file, want] of Object.entries(expected)) {
    it(`${file.replace(/\.c$/, "")} in the model: ${want.why}`, async () => {
      const r = await run(unseen(file), scenarioOf(file));
      assert.equal(r.stdout, want.stdout);
      assert.match(r.ended, /every process has exited/);
      assert.equal(r.session.mainStatus, 0);
    });

    it(`${file.replace(/\.c$/, "")} for real: cc -Wall -Werror builds it and it prints the same`, async () => {
      const bin = join(tmp, file.replace(/\.c$/, ""));
      await exec("cc", ["-Wall", "-Werror", "-o", bin, join(dir, file)]);
      // Through the fidelity harness's driver: the scenario's stdin and files, as in the model.
      const { stdout } = await runScenario(bin, scenarioOf(file), { timeoutMs: 20000 });
      assert.equal(stdout, want.stdout);
    });
  }
});
