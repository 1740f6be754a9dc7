// `forklab run` as a script or a grader sees it: exit 0 when the model ran the program,
// 1 when it cannot run (nothing runs then), 2 for a usage error; the main process's end
// in words, and in --json the raw wait status with exitCode or signal beside it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRunArgs } from "../../../src/cli/run";
import { statusFields, statusWords } from "../../../src/cli/status";
import { modelCli } from "../../../src/fidelity/model";

const ROOT = join(__dirname, "..", "..", "..");

/** The built CLI (npm test builds first), as graders run it. */
function forklab(args: string[], cwd = ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [modelCli(ROOT), ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("forklab run: exit status and wording", function () {
  this.timeout(60_000);
  let dir: string;
  const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
  before(() => { dir = mkdtempSync(join(tmpdir(), "forklab-run-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a syntax error: exit 1, the error with its line, and nothing runs", () => {
    const r = forklab(["run", file("syntax.c", "#include <stdio.h>\nint main(void) { printf(\"ran\\n\"); return 0 }\n")]);
    assert.equal(r.code, 1);
    assert.match(r.err, /syntax\.c:2:\d+: error/);
    assert.match(r.err, /cannot run: 1 error/);
    assert.doesNotMatch(r.out, /ran/);
  });

  it("a missing header: exit 1 and no run at all", () => {
    const r = forklab(["run", "--json", file("header.c", "#include \"nothere.h\"\n#include <stdio.h>\nint main(void) { printf(\"ran\\n\"); return 0; }\n")]);
    assert.equal(r.code, 1);
    assert.match(r.err, /nothere\.h/);
    assert.equal(r.out, "", "no JSON: the program did not run");
  });

  it("exit(2) says \"exited with status 2\"; --json keeps waitStatus 512 and adds exitCode 2", () => {
    const f = file("two.c", "#include <stdlib.h>\nint main(void) { exit(2); }\n");
    const text = forklab(["run", f]);
    assert.equal(text.code, 0);
    assert.match(text.out, /main process: exited with status 2\n/);
    const json = forklab(["run", "--json", f]);
    const o = JSON.parse(json.out) as Record<string, unknown>;
    assert.equal(o.waitStatus, 512);
    assert.equal(o.exitCode, 2);
    assert.equal(o.signal, undefined);
  });

  it("death by SIGINT says \"killed by SIGINT\"; --json has signal SIGINT and no exitCode", () => {
    const f = file("int.c", "#include <signal.h>\n#include <unistd.h>\nint main(void) { kill(getpid(), SIGINT); pause(); return 0; }\n");
    assert.match(forklab(["run", f]).out, /main process: killed by SIGINT\n/);
    const o = JSON.parse(forklab(["run", "--json", f]).out) as Record<string, unknown>;
    assert.deepEqual([o.waitStatus, o.signal, o.exitCode], [2, "SIGINT", undefined]);
  });

  it("usage errors exit 2: no file, an unknown option, a bad --max-steps, a missing file", () => {
    for (const args of [["run"], ["run", "--nope", "x.c"], ["run", "--max-steps", "-5", "x.c"], ["run", "--max-steps"], ["run", join(dir, "absent.c")]]) {
      const r = forklab(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, /usage: forklab run/);
    }
  });

  it("a file named like an option runs after \"--\"", () => {
    file("-fdump-tree-all.c", "int main(void) { return 3; }\n");
    const r = forklab(["run", "--", "-fdump-tree-all.c"], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /exited with status 3/);
  });
});

describe("forklab run: arguments and statuses", () => {
  it("parses options anywhere before \"--\" and refuses two files", () => {
    assert.deepEqual(parseRunArgs(["a.c", "--json", "--max-steps", "7"]), { file: "a.c", json: true, maxSteps: 7, scenario: undefined });
    assert.deepEqual(parseRunArgs(["--", "--json"]), { file: "--json", json: false, maxSteps: undefined, scenario: undefined });
    assert.match(parseRunArgs(["a.c", "b.c"]) as string, /one C file at a time/);
    assert.match(parseRunArgs(["--max-steps", "1e3", "a.c"]) as string, /positive whole number/);
  });

  it("reads a wait status as a shell does", () => {
    assert.equal(statusWords(2 << 8), "exited with status 2");
    assert.equal(statusWords(2), "killed by SIGINT");
    assert.equal(statusWords(11 | 0x80), "killed by SIGSEGV (core dumped)");
    assert.equal(statusWords(null), "still running");
    assert.deepEqual(statusFields(0), { waitStatus: 0, exitCode: 0 });
    assert.deepEqual(statusFields(9), { waitStatus: 9, signal: "SIGKILL" });
  });
});
