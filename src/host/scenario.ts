// Scenario files on the host: which file goes with a program, and reading one. Every front
// end (the CLI, the extension, the fidelity harness) finds and reads scenarios through here,
// so the naming rule and the parsing live in one place.
import { existsSync, readFileSync } from "node:fs";
import type { Scenario } from "../contract/scenario";

/** NAME.scenario.json next to NAME.c, when there is one. */
export function scenarioFileFor(file: string): string | undefined {
  const path = file.replace(/\.c$/, ".scenario.json");
  return path !== file && existsSync(path) ? path : undefined;
}

/** The scenario in a JSON file. */
export function readScenario(path: string): Scenario {
  return JSON.parse(readFileSync(path, "utf8")) as Scenario;
}

/** The scenario that goes with a program: NAME.scenario.json next to NAME.c, else none. */
export function defaultScenarioFor(file: string): Scenario {
  const path = scenarioFileFor(file);
  return path ? readScenario(path) : {};
}
