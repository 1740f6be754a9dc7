// One fidelity check end to end: the file on real Linux under strace and in the model,
// both normalised, compared. Used by `forklab fidelity` and by the fidelity tests.

import { basename, join, resolve } from "node:path";
import type { Scenario } from "../contract/scenario";
import { compare, type Comparison } from "./compare";
import { normalizeModel, type ModelRun } from "./model";
import { runModelSession } from "./model-session";
import type { NormTrace } from "./normal";
import { normalizeLinux } from "./normalize";
import { DEFAULT_TIMEOUT_MS, checkStrace, disposeRun, realRun } from "./realrun";

export interface FidelityResult {
  file: string;
  comparison: Comparison;
  linux: NormTrace;
  model: NormTrace;
  ms: { linux: number; model: number };
}

export interface CheckOptions {
  /** Repository root: examples/ (csapp.c) and dist/cli.js (the model runner) are found from it. */
  root: string;
  /** Replace the model run, e.g. with a deliberately wrong kernel in tests. */
  model?: (file: string, scenario: Scenario) => Promise<ModelRun>;
  timeoutMs?: number;
}

/** The real program did not end in time and was killed: there is nothing to compare (an
 *  endless loop, or a server the Scenario does not stop), which is not a disagreement. */
export class RealRunTimedOut extends Error {
  constructor(file: string, readonly ms: number) {
    super(`the real run of ${basename(file)} did not end within ${Math.round(ms / 1000)} s and was killed: nothing was compared`);
  }
}

export async function linuxTrace(file: string, scenario: Scenario, opts: CheckOptions): Promise<{ trace: NormTrace; ms: number }> {
  await checkStrace();
  const real = await realRun(file, scenario, { examplesDir: join(opts.root, "examples"), timeoutMs: opts.timeoutMs });
  try {
    if (real.timedOut) throw new RealRunTimedOut(file, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return { trace: normalizeLinux(real), ms: real.ms };
  } finally {
    disposeRun(real);
  }
}

export async function checkFidelity(file: string, scenario: Scenario, opts: CheckOptions): Promise<FidelityResult> {
  const abs = resolve(file);
  // One after the other: an in-process model run is synchronous work that would starve
  // the real run's clients and timers of the event loop.
  const linux = await linuxTrace(abs, scenario, opts);
  const t0 = Date.now();
  const m = await (opts.model ?? ((f, s) => runModelSession(f, s)))(abs, scenario);
  const model = normalizeModel(m, abs);
  const given = [...Object.values(scenario.files ?? {}), scenario.stdin ?? ""];
  return { file: abs, comparison: compare(linux.trace, model, given), linux: linux.trace, model, ms: { linux: linux.ms, model: Date.now() - t0 } };
}
