// Every example compiles with cc -Wall -Werror and, run for real on Linux under its
// scenario, shows what examples/expected/NAME.json says a learner will see: stdout, the
// exit status, what the loopback clients received and whether they saw EOF, and the
// process group's zombies and descriptors at the moment a signal is sent.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scenario } from "../../../src/contract/scenario";
import { freePort } from "../../../src/host/ports";
import { runScenario, type RealRun } from "../../../src/fidelity/scenario-driver";
import { compileAll } from "./compile";
import { EXAMPLES_DIR, loadExpected, type ExpectedRun } from "./expected";

const expected = loadExpected();
const sources = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".c") && f !== "csapp.c");

function loadScenario(file: string | null): Scenario {
  return file ? (JSON.parse(readFileSync(join(EXAMPLES_DIR, file), "utf8")) as Scenario) : {};
}

function checkRun(run: RealRun, want: ExpectedRun, port: number) {
  const where = `stdout was:\n${run.stdout}\nstderr was:\n${run.stderr}`;
  assert.equal(run.timedOut, false, `the run did not end by itself\n${where}`);
  if ("code" in want.exit) assert.deepEqual([run.exitCode, run.signal], [want.exit.code, null], where);
  else assert.deepEqual([run.exitCode, run.signal], [null, want.exit.signal], where);
  if (want.stdout !== undefined) assert.equal(run.stdout, want.stdout.replaceAll("{port}", String(port)));
  const lines = run.stdout.split("\n").filter((l) => l !== "");
  if (want.stdoutLines) assert.deepEqual([...lines].sort(), [...want.stdoutLines].sort(), where);
  if (want.stdoutLineCount !== undefined) assert.equal(lines.length, want.stdoutLineCount, where);
  for (const text of want.stdoutIncludes ?? []) assert.ok(run.stdout.includes(text), `stdout lacks "${text}"\n${where}`);
  for (const text of want.stderrIncludes ?? []) assert.ok(run.stderr.includes(text), `stderr lacks "${text}"\n${where}`);
  if (want.clients) assert.deepEqual(run.clients, want.clients);
  for (const p of want.probes ?? []) {
    const probe = run.probes.find((q) => q.when === p.when);
    assert.ok(probe, `no probe "${p.when}" (have: ${run.probes.map((q) => q.when).join(", ")})`);
    const main = probe.procs.find((q) => q.pid === run.pid);
    if (p.processes !== undefined) assert.equal(probe.procs.length, p.processes, `processes ${p.when}`);
    if (p.zombies !== undefined)
      assert.equal(probe.procs.filter((q) => q.state === "Z").length, p.zombies, `zombies ${p.when}`);
    if (p.mainFds !== undefined) assert.equal(main?.fds, p.mainFds, `descriptors of the first process ${p.when}`);
    if (p.mainState !== undefined) assert.equal(main?.state, p.mainState, `state of the first process ${p.when}`);
  }
}

describe("examples run for real under their scenarios", function () {
  this.timeout(30000);
  let outDir = "";
  let bins = new Map<string, string>();

  before(async function () {
    this.timeout(120000);
    outDir = mkdtempSync(join(tmpdir(), "forklab-examples-"));
    bins = await compileAll(sources, outDir);
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it("every example compiles with cc -Wall -Werror and has an expected file", () => {
    assert.equal(bins.size, sources.length);
    assert.deepEqual(expected.map((e) => e.example).sort(), [...sources].sort());
  });

  for (const exp of expected)
    for (const want of exp.runs)
      it(`${exp.example} ${want.scenario ?? "(no scenario)"}: ${exp.concepts.join(" ")}`, async () => {
        const port = await freePort();
        const bin = bins.get(exp.example);
        assert.ok(bin, `${exp.example} was not built`);
        // A client example's scenario names its server (Scenario.programs): the driver starts
        // it first, waits until it listens, runs the client, then stops the server's group.
        const scenario = loadScenario(want.scenario);
        if (exp.server) assert.deepEqual((scenario.programs ?? []).map((p) => p.file), [exp.server], "the client's scenario starts its server");
        const programs = (scenario.programs ?? []).map((p) => ({ exe: bins.get(p.file) ?? assert.fail(`${p.file} was not built`) }));
        const run = await runScenario(bin, scenario, { port, cwd: outDir, programs });
        checkRun(run, want, port);
      });
});
