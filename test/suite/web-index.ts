// The integration suite's entry in the web worker extension host (scripts/integration.mjs,
// FORKLAB_HOST=web): the part of the suite that applies where Fork Lab runs with no node,
// bundled for the browser (node:assert and node:util from their npm ports) and run by
// mocha's browser build. The counts go out as one marked log line (no file system here).
import { report, STATS_MARKER } from "./log";

interface BrowserMocha {
  setup(opts: Record<string, unknown>): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
}

/** The suite files that apply on the web, loaded once mocha has defined describe and it. */
const WEB_SUITE = [
  /* eslint-disable @typescript-eslint/no-require-imports */
  () => require("./activation.test"),
  () => require("./web/learner"),
  () => require("./web/checks"),
  () => require("./commands.test"),
  () => require("./page.test"),
  () => require("./view.test"),
  () => require("./walkthrough.test"),
  () => require("./demos.test"),
  () => require("./worker.test"),
  /* eslint-enable @typescript-eslint/no-require-imports */
];

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("mocha/mocha");
  const g = globalThis as unknown as { mocha: BrowserMocha; Mocha: typeof import("mocha") };
  g.Mocha.reporters.Base.useColors = false;
  g.Mocha.reporters.Base.consoleLog = report;
  // .only and pending tests fail the run, as on the desktop.
  // FORKLAB_SUITE_GREP (written into the bundle by the runner) runs only the tests whose titles match.
  const grep = process.env.FORKLAB_SUITE_GREP;
  g.mocha.setup({ ui: "bdd", timeout: 60000, reporter: "spec", forbidOnly: true, forbidPending: true, ...(grep ? { grep } : {}) });
  for (const load of WEB_SUITE) load();
  return new Promise((resolve, reject) => {
    const runner = g.mocha.run((failures) => {
      const stats = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? failures, pending: runner.stats?.pending ?? 0 };
      report(STATS_MARKER + JSON.stringify(stats));
      if (failures) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
