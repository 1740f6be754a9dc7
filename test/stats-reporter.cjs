// Mocha's spec reporter, plus a JSON file of the counts (FORKLAB_STATS) so that
// scripts/test.mjs can print one closing line for the whole run.
const Mocha = require("mocha");
const { writeFileSync } = require("node:fs");

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once("end", () => {
      const out = process.env.FORKLAB_STATS;
      if (out) {
        const s = runner.stats || {};
        writeFileSync(out, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0 }));
      }
    });
  }
}
module.exports = StatsReporter;
