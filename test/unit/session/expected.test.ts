// Every course example runs unchanged in the stepper to its expected end, under each of its
// scenarios, and shows what examples/expected/NAME.json says real Linux shows: stdout (exact
// or as a set of lines), stderr, the exit status, what each client got back, and the /proc
// probes taken just before each scripted signal (processes, zombies, descriptors, state).
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { loadExpected, ExpectedRun, ExpectedProbe } from "../examples/expected";
import { Session } from "../../../src/session/session";
import { Scenario } from "../../../src/contract/scenario";
import type { Program } from "../../../src/c/program";
import { signo } from "../../../src/kernel/kernel";

/** /proc's state letter for a model process. */
const letter = (state: string): string => ({ stopped: "T", zombie: "Z", running: "R", ready: "R" } as Record<string, string>)[state] ?? "S";

function checkProbe(s: Session, want: ExpectedProbe): void {
  const seen = s.probes.find((p) => p.when === want.when);
  assert.ok(seen, `a probe ${want.when}`);
  const main = seen.processes.find((p) => p.pid === s.mainPid);
  if (want.processes !== undefined) assert.equal(seen.processes.length, want.processes, `processes ${want.when}`);
  if (want.zombies !== undefined) assert.equal(seen.processes.filter((p) => p.state === "zombie").length, want.zombies, `zombies ${want.when}`);
  if (want.mainFds !== undefined) assert.equal(main?.fds.filter((f) => f !== null).length, want.mainFds, `descriptors of the first process ${want.when}`);
  if (want.mainState !== undefined) assert.equal(letter(main?.state ?? "?"), want.mainState, `state of the first process ${want.when}`);
}

function check(s: Session, run: ExpectedRun, port: string): void {
  const out = s.stdout();
  if (run.stdout !== undefined) assert.equal(out, run.stdout.replace(/\{port\}/g, port));
  const lines = out.split("\n").filter((l) => l !== "");
  if (run.stdoutLines) assert.deepEqual([...lines].sort(), [...run.stdoutLines].sort());
  if (run.stdoutLineCount !== undefined) assert.equal(lines.length, run.stdoutLineCount);
  for (const t of run.stdoutIncludes ?? []) assert.ok(out.includes(t), `stdout includes ${JSON.stringify(t)}`);
  for (const t of run.stderrIncludes ?? []) assert.ok(s.stderr().includes(t), `stderr includes ${JSON.stringify(t)}`);
  const status = s.mainStatus;
  assert.notEqual(status, undefined, `the first process ended (${s.ended})`);
  if ("code" in run.exit) assert.equal(status, run.exit.code << 8, "exit status");
  else assert.equal(status! & 0x7f, signo(run.exit.signal), `killed by ${run.exit.signal}`);
  // The model's scripted clients read every echo; whether they saw EOF after closing is not
  // something they look for (they exit at once), so only what they received is compared.
  (run.clients ?? []).forEach((c, i) => assert.equal(s.clients.list[i]?.received, c.received, `client ${i + 1} received`));
  for (const p of run.probes ?? []) checkProbe(s, p);
}

describe("every example reaches its expected end in the stepper", function () {
  this.timeout(120000);

  for (const exp of loadExpected()) {
    const name = exp.example.replace(/\.c$/, "");
    for (const run of exp.runs) {
      it(`${name}${run.scenario ? ` [${run.scenario}]` : ""}: ${exp.facts[0]}`, async () => {
        const { program, diagnostics } = await compile(example(exp.example), exp.example);
        assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
        const scenario: Scenario = run.scenario ? exampleScenario(run.scenario) : {};
        // byte-cost copies 100,000 bytes one read/write at a time: about 500,000 lines.
        if (name === "byte-cost") scenario.maxSteps = 1_000_000;
        // A client example's scenario starts its server first (Scenario.programs, e.g.
        // echoserverp.c for echoclient.c): the model loads it as exec would, from examples/.
        const others = new Map<string, Program>();
        for (const p of scenario.programs ?? []) {
          const loaded = await compile(example(p.file), p.file);
          assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === "error"), []);
          others.set(p.file.replace(/\.c$/, ""), loaded.program);
        }
        if (exp.server) assert.deepEqual((scenario.programs ?? []).map((p) => p.file), [exp.server], "the client's scenario starts its server");
        const s = new Session({ program, name, scenario, loadProgram: (n) => others.get(n) });
        const ended = s.run();
        s.snapshot();
        const port = scenario.argv?.find((a) => /^\d+$/.test(a)) ?? "15213";
        // A server the scenario started never exits: it is left blocked in accept, as on Linux.
        assert.match(ended, others.size ? /every process is blocked: \d+ in accept/ : /every process has exited/);
        check(s, run, port);
      });
    }
  }
});
