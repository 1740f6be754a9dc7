// Scenario files on the host: which file goes with a program, and reading one. Every front
// end (the CLI, the extension, the fidelity harness) finds and reads scenarios through here,
// so the naming rule and the parsing live in one place.
import { existsSync, readFileSync } from "node:fs";
import type { Scenario } from "../contract/scenario";
import { parseScenario } from "../contract/scenario-check";

/** A scenario file that is not valid JSON or breaks the schema; `problems` each name the
 *  file, the place in the JSON and what was expected there. */
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** NAME.scenario.json next to NAME.c, when there is one. */
export function scenarioFileFor(file: string): string | undefined {
  const path = file.replace(/\.c$/, ".scenario.json");
  return path !== file && existsSync(path) ? path : undefined;
}

/** The scenario in a JSON file, checked against scenario.schema.json; throws ScenarioError. */
export function readScenario(path: string): Scenario {
  const r = parseScenario(path, readFileSync(path, "utf8"));
  if (!r.ok) throw new ScenarioError(r.errors);
  return r.scenario;
}

/** The scenario that goes with a program: NAME.scenario.json next to NAME.c, else none. */
export function defaultScenarioFor(file: string): Scenario {
  const path = scenarioFileFor(file);
  return path ? readScenario(path) : {};
}
