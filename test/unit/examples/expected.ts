// The shape of examples/expected/NAME.json: what a learner should see when an example runs,
// as facts a test can assert on the real run (and the stepper tests on the model).

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const EXAMPLES_DIR = join(__dirname, "..", "..", "..", "examples");

export interface ExpectedProbe {
  /** Matches Probe.when from the scenario driver, e.g. "before SIGINT". */
  when: string;
  /** Processes in the program's process group at that moment (zombies included). */
  processes?: number;
  zombies?: number;
  /** Open descriptors of the first process. */
  mainFds?: number;
  /** The first process's /proc state letter: S sleeping, T stopped, ... */
  mainState?: string;
}

export interface ExpectedRun {
  /** A file in examples/, or null for the default world (no argv, empty stdin, stdout a pipe). */
  scenario: string | null;
  /** Exact stdout; "{port}" stands for the port the run used. */
  stdout?: string;
  /** Stdout lines in any order (processes and threads interleave). */
  stdoutLines?: string[];
  stdoutLineCount?: number;
  stdoutIncludes?: string[];
  stderrIncludes?: string[];
  exit: { code: number } | { signal: string };
  clients?: Array<{ received: string; sawEof: boolean }>;
  probes?: ExpectedProbe[];
}

export interface Expected {
  example: string;
  /** Curriculum ids, C1-C30 (docs/curriculum-map.md). */
  concepts: string[];
  /** A server example a client example needs running (echoclient.c needs echoserverp.c). */
  server?: string;
  runs: ExpectedRun[];
  /** Statements for lessons and model tests, not all observable from outside a real run. */
  facts: string[];
}

export function loadExpected(): Expected[] {
  const dir = join(EXAMPLES_DIR, "expected");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Expected);
}
