import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkScenario, parseScenario } from "../../../src/contract/scenario-check";
import { readScenario, ScenarioError } from "../../../src/host/scenario";
import type { ClientScript, ProgramScript, Scenario, SignalScript } from "../../../src/contract/scenario";
import { SIG } from "../../../src/kernel/signum";
import schema from "../../../src/contract/scenario.schema.json";

/** Every field of T, by name: adding a field to the type without listing it here does not compile. */
type Fields<T> = Record<keyof Required<T>, true>;
const scenarioFields: Fields<Scenario> = { argv: true, stdin: true, stdinFrom: true, stdout: true, clients: true, signals: true, maxSteps: true, files: true, programs: true };
const clientFields: Fields<ClientScript> = { port: true, after: true, actions: true };
const signalFields: Fields<SignalScript> = { signal: true, to: true, atStep: true, afterClientsClosed: true, afterOutput: true };
const programFields: Fields<ProgramScript> = { file: true, argv: true };
const keys = (o: object): string[] => Object.keys(o).sort();

const root = join(__dirname, "..", "..", "..");

/** The problems checkScenario finds in `value` (none: []). */
function problems(value: unknown): string[] {
  const r = checkScenario(value);
  return r.ok ? [] : r.errors;
}

describe("scenario files: the JSON Schema and its check at load", () => {
  // Every scenario the project ships or runs (the probes' are invalid on purpose).
  for (const dir of ["examples", "test/unseen", "test/fidelity/fixtures", "docs/screenshots"]) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith(".scenario.json"))) {
      it(`${dir}/${f} is valid`, () => {
        assert.deepEqual(problems(JSON.parse(readFileSync(join(root, dir, f), "utf8"))), []);
      });
    }
  }

  it("the schema has exactly the fields of the Scenario type (and $schema for editors), its parts' likewise", () => {
    assert.deepEqual(keys(schema.properties), keys({ ...scenarioFields, $schema: true }));
    assert.deepEqual(keys(schema.definitions.client.properties), keys(clientFields));
    assert.deepEqual(keys(schema.definitions.signal.properties), keys(signalFields));
    assert.deepEqual(keys(schema.definitions.program.properties), keys(programFields));
  });

  it("the signal names allowed are the kernel's signals", () => {
    assert.deepEqual([...schema.definitions.signal.properties.signal.enum].sort(), keys(SIG));
  });

  it("stdinFrom is pipe or file", () => {
    assert.deepEqual(problems({ stdin: "a\n", stdinFrom: "file" }), []);
    assert.deepEqual(problems({ stdinFrom: "pipe" }), []);
    assert.deepEqual(problems({ stdinFrom: "socket" }), [`stdinFrom: "socket" is not one of pipe, file`]);
  });

  it("an unknown signal name is an error naming its place and the names allowed", () => {
    const [e] = problems({ signals: [{ signal: "SIGNOPE" }] });
    assert.match(e, /^signals\[0\]\.signal: "SIGNOPE" is not one of SIGHUP, SIGINT, /);
  });

  it("unknown fields are errors, at the top level and inside", () => {
    assert.deepEqual(problems({ argv: [], colour: "red" }), [`(the top level): unknown field "colour" (expected one of $schema, argv, stdin, stdinFrom, stdout, clients, signals, maxSteps, files, programs)`]);
    assert.match(problems({ clients: [{ actions: [], delay: 3 }] })[0], /^clients\[0\]: unknown field "delay"/);
  });

  it("wrong types and ranges say what was expected", () => {
    assert.deepEqual(problems({ clients: {} }), [`clients: expected an array, not {}`]);
    assert.deepEqual(problems({ maxSteps: -5 }), [`maxSteps: -5 is out of range (expected a number >= 1)`]);
    assert.deepEqual(problems({ maxSteps: 2.5 }), [`maxSteps: expected a whole number, not 2.5`]);
    assert.deepEqual(problems({ clients: [{ port: 70000, actions: [] }] }), [`clients[0].port: 70000 is out of range (expected a number <= 65535)`]);
    assert.deepEqual(problems({ stdout: "printer" }), [`stdout: "printer" is not one of tty, pipe, file`]);
    assert.deepEqual(problems({ clients: [{}] }), [`clients[0]: missing field "actions"`]);
    assert.deepEqual(problems({ programs: [{ file: "../x.c" }] }), [`programs[0].file: "../x.c" is not a file name NAME.c in the program's folder`]);
  });

  it("a client action that is none of the forms is one error, not one per form", () => {
    const e = problems({ clients: [{ actions: [{ send: "a" }, { close: false }] }] });
    assert.equal(e.length, 1);
    assert.match(e[0], /^clients\[0\]\.actions\[1\]: \{"close":false\} is not a client action: \{"send": "a line"\}/);
  });

  it("a file that is not JSON, or breaks the schema, is named in every message; readScenario throws them", () => {
    const bad = parseScenario("x.scenario.json", "{ \"argv\": [1] }");
    assert.deepEqual(bad, { ok: false, errors: ["x.scenario.json: argv[0]: expected a string, not 1"] });
    const notJson = parseScenario("y.scenario.json", "{ argv: }");
    assert.ok(!notJson.ok && /^y\.scenario\.json: not valid JSON: /.test(notJson.errors[0]));
    const dir = mkdtempSync(join(tmpdir(), "forklab-scenario-"));
    try {
      const path = join(dir, "z.scenario.json");
      writeFileSync(path, JSON.stringify({ signals: [{ signal: "SIGNOPE" }] }));
      assert.throws(() => readScenario(path), (e: unknown) => e instanceof ScenarioError && e.problems.length === 1 && e.message.startsWith(`${path}: signals[0].signal:`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
