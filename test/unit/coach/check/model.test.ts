// The model half of `forklab check` on our student-style servers: the right ones pass
// every check, each mistake fails the check named for it and no other.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { loadProgram } from "../../../../src/host/load";
import { CHECK_IDS } from "../../../../src/coach/check/checks";
import { EXERCISES, SCHEDULE_DATA } from "../../../../src/coach/check/exercises";
import { modelSession, runModelCheck } from "../../../../src/coach/check/model";
import { checkScenario } from "../../../../src/coach/check/scenarios";
import { EXPECTED, SERVERS_DIR } from "../../../check/expected";

describe("forklab check, model half", () => {
  it("lists every server in test/check/servers", () => {
    assert.deepEqual(readdirSync(SERVERS_DIR).filter((f) => f.endsWith(".c")).sort(), EXPECTED.filter((e) => dirname(e.path) === SERVERS_DIR).map((e) => basename(e.path)).sort());
  });

  for (const { path, exercise, fails } of EXPECTED) {
    it(`${basename(path)}: ${fails ? `fails ${fails} and no other check` : "passes every check"}`, async () => {
      const prog = await loadProgram(path);
      assert.deepEqual(prog.diagnostics.filter((d) => d.severity === "error"), []);
      const failed = CHECK_IDS.filter((id) => !runModelCheck(id, prog, EXERCISES[exercise], 15213).ok);
      assert.deepEqual(failed, fails ? [fails] : []);
    });
  }

  it("says where a failure shows: the step and the line", async () => {
    const prog = await loadProgram(join(SERVERS_DIR, "echo-noreap.c"));
    const r = runModelCheck("reaps", prog, EXERCISES.echo, 15213);
    assert.equal(r.ok, false);
    assert.match(r.message, /^after 3 clients left at the same moment, pid \d+, pid \d+ and pid \d+ are zombies; their parent, pid \d+, waits in accept\(3\): step \d+, line \d+$/);
    assert.ok(r.where && r.where.step > 0 && r.where.line! > 0);
  });

  it("a reaping handler that calls waitpid once loses the merged SIGCHLDs, and says so", async () => {
    const prog = await loadProgram(join(SERVERS_DIR, "echo-reaponce.c"));
    const r = runModelCheck("reaps", prog, EXERCISES.echo, 15213);
    assert.match(r.message, /are zombies.*was lost/);
  });

  it("each check's clients are a Scenario the session replays to the same step", async () => {
    const prog = await loadProgram(join(SERVERS_DIR, "echo-noclose.c"));
    const r = runModelCheck("parent-closes", prog, EXERCISES.echo, 15213);
    assert.equal(r.ok, false);
    // The scenario alone reproduces the failing state (the view opens it there).
    const s = modelSession(prog, checkScenario("parent-closes", EXERCISES.echo, 15213));
    while (s.steps < r.where!.step && !s.ended) s.step();
    const main = s.snapshot().processes.find((p) => p.pid === s.mainPid)!;
    assert.equal(main.fds.filter((f) => f !== null).length, 6);
  });
});

describe("the exercises' starter files", () => {
  const EXERCISES_DIR = join(__dirname, "..", "..", "..", "..", "examples", "exercises");

  it("the schedule data file is the one the checks use", () => {
    assert.equal(readFileSync(join(EXERCISES_DIR, "schedule.txt"), "utf8"), SCHEDULE_DATA);
  });

  for (const [file, exercise] of [["echo-starter.c", "echo"], ["schedule-starter.c", "schedule"]] as const) {
    it(`${file} is right but iterative: it fails concurrent alone`, async () => {
      const prog = await loadProgram(join(EXERCISES_DIR, file));
      assert.deepEqual(CHECK_IDS.filter((id) => !runModelCheck(id, prog, EXERCISES[exercise], 15213).ok), ["concurrent"]);
    });
  }
});
