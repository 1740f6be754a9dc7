// `forklab check` as a command: exit statuses, the --json shape, and instructor mode over a
// folder of submissions with its table and JUnit XML.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVERS_DIR } from "../check/expected";

const ROOT = join(__dirname, "..", "..");

function forklab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "check", ...args], { encoding: "utf8", timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("forklab check (the command)", function () {
  this.timeout(240_000);

  it("exit 0 and the JSON shape for the right server, both halves", () => {
    const r = forklab(join(SERVERS_DIR, "echo-correct.c"), "--json");
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { checks: Array<{ id: string; ok: boolean; message: string; model: { ok: boolean } | null; real: { ok: boolean } | null }> };
    assert.deepEqual(out.checks.map((c) => [c.id, c.ok, c.model?.ok, c.real?.ok]), [
      ["echo", true, true, true], ["concurrent", true, true, true], ["reaps", true, true, true],
      ["parent-closes", true, true, true], ["child-closes-listenfd", true, true, true], ["survives-reset", true, true, true],
    ]);
  });

  it("exit 1 when a check fails; --model-only leaves the real half out", () => {
    const r = forklab(join(SERVERS_DIR, "echo-noreap.c"), "--json", "--model-only");
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { checks: Array<{ id: string; ok: boolean; real: unknown }> };
    assert.deepEqual(out.checks.filter((c) => !c.ok).map((c) => c.id), ["reaps"]);
    assert.ok(out.checks.every((c) => c.real === null));
  });

  it("exit 2 when the server cannot be built, and on wrong arguments", () => {
    const r = forklab(join(ROOT, "test/check/unruly/broken.c"), "--real-only");
    assert.equal(r.status, 2);
    assert.match(r.stdout, /cannot run: gcc failed for broken\.c/);
    assert.equal(forklab(join(SERVERS_DIR, "echo-correct.c"), "--exercise", "chess").status, 2);
    assert.equal(forklab(join(SERVERS_DIR, "echo-correct.c"), "--model-only", "--real-only").status, 2);
  });

  it("instructor mode: a folder of submissions, a table, JUnit XML", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-class-"));
    try {
      copyFileSync(join(SERVERS_DIR, "echo-correct.c"), join(dir, "alice.c"));
      mkdirSync(join(dir, "bob"));
      copyFileSync(join(SERVERS_DIR, "echo-iterative.c"), join(dir, "bob", "server.c"));
      mkdirSync(join(dir, "carol"));
      const junit = join(dir, "out.xml");
      const r = forklab(dir, "--exercise", "echo", "--junit", junit, "--model-only");
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^alice\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+all pass$/m);
      assert.match(r.stdout, /^bob\s+pass\s+FAIL\s+pass\s+pass\s+pass\s+pass\s+1 failed$/m);
      assert.match(r.stdout, /^carol\s+cannot run: no \.c file with main\(\)$/m);
      const xml = readFileSync(junit, "utf8");
      assert.equal((xml.match(/<testcase /g) ?? []).length, 13);
      assert.match(xml, /<testcase classname="bob" name="concurrent"><failure message="model: client 2 sent /);
      assert.match(xml, /<testsuite name="carol" tests="1" failures="0" errors="1"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
