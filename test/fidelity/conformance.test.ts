// The conformance corpus (test/conformance/*.c): small programs that each exercise built-in
// library functions, their return values and the errno cases their man pages list, and
// print what they see. Each runs on real Linux under strace and in the model; the calls,
// their results and every byte written must agree. One test per program.
import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { checkFidelity } from "../../src/fidelity/check";
import { defaultScenarioFor } from "../../src/host/scenario";
import { formatComparison } from "../../src/fidelity/report";

const root = join(__dirname, "..", "..");
const dir = join(root, "test", "conformance");
const corpus = readdirSync(dir).filter((f) => f.endsWith(".c")).sort();

describe("conformance: each built-in function behaves as on Linux", function () {
  this.timeout(60000);
  const t0 = Date.now();
  after(() => console.log(`      ${corpus.length} conformance programs checked against Linux in ${((Date.now() - t0) / 1000).toFixed(1)} s`));
  for (const name of corpus) {
    it(`${name}: model and Linux agree`, async () => {
      const file = join(dir, name);
      const r = await checkFidelity(file, defaultScenarioFor(file), { root });
      assert.ok(r.linux.procs[0].entries.length > 0, "the program's own calls were attributed to its lines");
      assert.ok(r.comparison.agree, "\n" + formatComparison(r.comparison, `test/conformance/${name}`));
    });
  }
});
