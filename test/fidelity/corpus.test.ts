// Every example (with its scenario, examples/NAME.scenario.json) and every unseen program
// (test/unseen/*.c) run on real Linux under strace and in the model: per process, the same
// calls on the same lines with the same results, the same children, ends and bytes, and
// on both sides the orderings every correct kernel keeps. One test per program, so a
// failure names it and prints the side-by-side report with the first divergence marked.
import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { checkFidelity } from "../../src/fidelity/check";
import { defaultScenarioFor } from "../../src/host/scenario";
import { formatComparison } from "../../src/fidelity/report";

const root = join(__dirname, "..", "..");
const programs = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".c") && f !== "csapp.c").sort().map((f) => join(dir, f));
const corpus = [...programs(join(root, "examples")), ...programs(join(root, "test", "unseen"))];

describe("fidelity: every example and unseen program agrees with Linux", function () {
  this.timeout(60000);
  const t0 = Date.now();
  after(() => console.log(`      corpus of ${corpus.length} programs checked against Linux in ${((Date.now() - t0) / 1000).toFixed(1)} s`));
  for (const file of corpus) {
    const name = file.slice(root.length + 1);
    it(`${name}: model and Linux agree call by call`, async () => {
      const r = await checkFidelity(file, defaultScenarioFor(file), { root });
      assert.equal(r.linux.procs[0]?.name, "P1");
      assert.ok(r.linux.procs[0].entries.length > 0, "the program's own calls were attributed to its lines");
      assert.ok(r.comparison.agree, "\n" + formatComparison(r.comparison, name));
    });
  }
});
