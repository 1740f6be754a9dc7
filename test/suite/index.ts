// The integration suite's entry point, loaded by VS Code's extension host (both runners):
// runs mocha over every *.test.js next to this file (compiled from test/suite/**/*.test.ts
// by scripts/integration.mjs) and reports the counts. The counts go to the file named by
// FORKLAB_SUITE_STATS and, as a fallback, to one log line the runner reads.
import Mocha from "mocha";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { report, STATS_MARKER } from "./log";

export function run(): Promise<void> {
  Mocha.reporters.Base.useColors = false;
  // The reporters print through Base.consoleLog; mark those lines as the suite's.
  Mocha.reporters.Base.consoleLog = report;
  // FORKLAB_SUITE_GREP runs only the tests whose titles match (while iterating on one feature).
  // .only and pending tests fail the run: a test that does not run must not look passed.
  const mocha = new Mocha({ ui: "bdd", timeout: 60000, reporter: "spec", grep: process.env.FORKLAB_SUITE_GREP || undefined, forbidOnly: true, forbidPending: true });
  const files = readdirSync(__dirname, { recursive: true }).map(String).filter((f) => f.endsWith(".test.js")).sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? failures, pending: runner.stats?.pending ?? 0 };
      const out = process.env.FORKLAB_SUITE_STATS;
      if (out) writeFileSync(out, JSON.stringify(stats));
      report(STATS_MARKER + JSON.stringify(stats));
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
