// Each claim a lesson makes (walkthroughs' lessons.json) agrees with the text of
// examples/expected/<example>.json where that file says the same thing: the facts it lists,
// what the real run printed (stdout), and what /proc showed just before SIGINT (probes).
// These tests compare two files; test/unit/examples/examples.test.ts checks the expected
// files' stdout and probes against real runs on Linux (their facts are prose).
import * as assert from "node:assert";
import { allClaims, Claim, loadLessons } from "./lessons";
import { Expected, ExpectedRun, loadExpected } from "../examples/expected";
import { DEFAULT_PORT } from "../../../src/contract/scenario";

const ls = loadLessons();
const expected = new Map(loadExpected().map((e) => [e.example, e]));
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** The numbers a sentence mentions, in digits or as words. */
function numbersIn(text: string): number[] {
  const digits = [...text.matchAll(/\b\d+\b/g)].map((m) => Number(m[0]));
  const words = WORDS.flatMap((w, i) => (new RegExp(`\\b${w}\\b`, "i").test(text) ? [i] : []));
  return [...digits, ...words];
}

function runOf(e: Expected, c: Claim): ExpectedRun | undefined {
  return e.runs.find((r) => r.scenario === c.scenario);
}

/** Model runs use the scenario's port; the expected files write {port}. */
const portless = (s: string): string => s.replaceAll("{port}", String(DEFAULT_PORT));

/** What the expected file says about the claim, as [what, its value, the claim's value], or undefined. */
function comparable(e: Expected, c: Claim): Array<[string, unknown, unknown]> {
  const out: Array<[string, unknown, unknown]> = [];
  const run = runOf(e, c);
  if (c.check === "stdout" && c.at === "end" && run) {
    if (run.stdout !== undefined && c.equals !== undefined) out.push(["stdout", portless(run.stdout), c.equals]);
    if (run.stdout !== undefined && c.includes !== undefined) out.push(["stdout includes", portless(run.stdout).includes(String(c.includes)), true]);
    if (run.stdoutLines && c.includes !== undefined) out.push(["a stdout line includes", run.stdoutLines.some((l) => l.includes(String(c.includes))), true]);
    if (run.stdoutIncludes && c.includes !== undefined && !run.stdout && !run.stdoutLines) out.push(["stdout includes", run.stdoutIncludes.some((l) => l.includes(String(c.includes))), true]);
  }
  const probe = run?.probes?.find((p) => p.when === "before SIGINT");
  if (probe && typeof c.at === "object" && "beforeSignal" in c.at && c.at.beforeSignal === "SIGINT" && c.equals !== undefined) {
    if (c.check === "zombies" && probe.zombies !== undefined) out.push(["probe zombies", probe.zombies, c.equals]);
    if (c.check === "processes" && probe.processes !== undefined) out.push(["probe processes", probe.processes, c.equals]);
    if (c.check === "fdCount" && c.pid === "parent" && probe.mainFds !== undefined) out.push(["probe mainFds", probe.mainFds, c.equals]);
  }
  if (c.fact !== undefined && typeof c.equals === "number" && numbersIn(c.fact).length > 0) {
    out.push([`a number in the fact "${c.fact}"`, numbersIn(c.fact).includes(c.equals), true]);
  }
  return out;
}

describe("lessons: claims agree with examples/expected", () => {
  for (const { claim } of allClaims(ls)) {
    const e = expected.get(claim.example);
    if (claim.fact !== undefined) {
      it(`${claim.id}: lessons.json quotes a fact listed in examples/expected for ${claim.example}`, () => {
        assert.ok(e, `no expected file for ${claim.example}`);
        assert.ok(e.facts.includes(claim.fact!), `examples/expected/${claim.example.replace(/\.c$/, ".json")} has no fact ${JSON.stringify(claim.fact)}`);
      });
    }
    if (e && comparable(e, claim).length > 0) {
      it(`${claim.id}: lessons.json agrees with examples/expected for ${claim.example} on ${comparable(e, claim).map(([what]) => what.replace(/ ".*"$/, "")).join(", ")}`, () => {
        for (const [what, theirs, ours] of comparable(e, claim)) assert.deepStrictEqual(ours, theirs, `${claim.id}: ${what}`);
      });
    }
  }

  it("examples/expected backs at least half of the lessons' claims (a fact or a recorded run)", () => {
    const all = allClaims(ls);
    const covered = all.filter(({ claim }) => claim.fact !== undefined || comparable(expected.get(claim.example)!, claim).length > 0);
    // The rest are about the kernel's tables at one instant, which only the model shows.
    assert.ok(covered.length >= all.length / 2, `${covered.length} of ${all.length} claims are backed by examples/expected`);
  });
});
