// Every forklab command answers --help with its own usage and does nothing else (bench and
// fuzz would otherwise start minutes of work), and a misspelt option is a usage error (2).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { modelCli } from "../../../src/fidelity/model";

const ROOT = join(__dirname, "..", "..", "..");

function forklab(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [modelCli(ROOT), ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const COMMANDS = ["run", "fidelity", "fuzz", "render", "bench", "build", "serve", "clients", "stop", "live", "check"];

describe("forklab: --help and unknown options", function () {
  this.timeout(60_000);

  for (const name of COMMANDS) {
    it(`forklab ${name} --help prints its usage line and exits 0 at once`, () => {
      const r = forklab([name, "--help"]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, new RegExp(`^usage:\\n  forklab ${name} `));
      assert.equal(r.out.trim().split("\n").length, 2, r.out);
      assert.equal(r.err, "", "nothing ran: no progress on stderr");
    });
  }

  it("forklab fuzz with a misspelt option: exit 2 naming it, no program generated", () => {
    const r = forklab(["fuzz", "--cuont", "5"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown argument --cuont/);
    assert.doesNotMatch(r.err, /programs/);
  });

  it("forklab bench with an unknown group or option: exit 2 listing the groups", () => {
    for (const args of [["bench", "kernl"], ["bench", "--jsno"]]) {
      const r = forklab(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.err, /groups: live, stepper, render, kernel, check, worker, bounded/);
      assert.doesNotMatch(r.err, /bench: live\.\.\./);
    }
  });
});
