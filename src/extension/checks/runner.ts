// How the checks of a learner's server run: the Test Explorer's glue (checks.ts) is the same
// on every platform and asks the platform's runner. On the desktop that is `forklab check`
// in a child process, the model half and (on Linux, in a trusted workspace) the real half
// (cli.ts); on the web it is the model half in the model's worker (model-half.ts), the real
// half being absent there with a word that says so.
import type * as vscode from "vscode";
import type { CheckId, HalfResult } from "../../coach/check/checks";
import type { ExerciseName } from "../../coach/check/exercises";

/** One server's checks to run: its file, its text as the editor holds it, which checks. */
export interface CheckJob { file: string; text: string; exercise: ExerciseName; only: CheckId[] }

/** What `forklab check --json` prints (coach/check/report.ts reportJson). */
export interface JsonCheck { id: CheckId; ok: boolean; message: string; model: HalfResult | null; real: HalfResult | null }
export interface JsonReport { cannotRun?: string; checks: JsonCheck[] }

export interface CheckRun {
  /** Missing when the run gave no report (its output says why). */
  report?: JsonReport;
  /** Why the real half did not run, when it did not (the model only). */
  noRealHalf?: string;
}

/** Runs a job; `out` takes the run's output (the Test Explorer's terminal). */
export type CheckRunner = (context: vscode.ExtensionContext, job: CheckJob, out: (text: string) => void, token: vscode.CancellationToken) => Promise<CheckRun>;
