// The web's check runner: the model half of the checks in the model's worker (the same
// checks `forklab check --model-only` runs, through the worker's protocol). The real half
// compiles and runs the server, which a browser cannot: it is absent, and the run says so.
import { joinHalves } from "../../coach/check/checks";
import { modelWorker } from "../../host/worker-client";
import type { CheckRunner } from "./runner";

export const NO_REAL_HALF_ON_THE_WEB = "the real half of the checks (your server compiled and run on 127.0.0.1) needs the desktop VS Code on Linux; here in the browser: the model only";

export const runChecksInModel: CheckRunner = async (_context, job, out) => {
  try {
    const r = await modelWorker().check({ file: job.file, text: job.text, exercise: job.exercise, only: job.only });
    if (r.cannotRun) return { report: { cannotRun: r.cannotRun, checks: [] }, noRealHalf: NO_REAL_HALF_ON_THE_WEB };
    const checks = r.results.map(({ id, model }) => ({ ...joinHalves(id, model), model, real: null }));
    return { report: { checks }, noRealHalf: NO_REAL_HALF_ON_THE_WEB };
  } catch (e) {
    out(`the model could not run the checks: ${e instanceof Error ? e.message : String(e)}\n`);
    return { noRealHalf: NO_REAL_HALF_ON_THE_WEB };
  }
};
