// How much one step may do before it stops with a note (Step again goes on), and the
// interruption of a step halfway: the bounds that keep a line stuck in a loop from hanging
// the model or flooding the trace and the output.

/** A step abandoned halfway (MachineOptions.interrupted): the machine's state is then
 *  partway through a line, so its owner must rebuild it from the steps that completed. */
export class StepInterrupted extends Error {
  constructor() {
    super("the step was interrupted");
    this.name = "StepInterrupted";
  }
}

/** Instructions between two interruption checks. */
export const INTERRUPT_EVERY = 2048;

/** Instructions one step may run (MachineOptions.stepBudget's default). */
export const DEFAULT_BUDGET = 1_000_000;
/** System calls, and bytes written, one step may make before it stops (Step again goes on):
 *  a line in a loop of writes or forks cannot flood the trace or the output in one step.
 *  Checked when the line comes round again; a loop with no statement inside is stopped at
 *  HARD_FACTOR times these. */
export const MAX_CALLS_PER_STEP = 1000;
export const MAX_BYTES_PER_STEP = 65536;
export const HARD_FACTOR = 10;
/** Steps in a row that all ended on a bound (whichever threads ran them) before a run stops. */
export const STUCK_STEPS = 20;

/** What a step that made `calls` system calls and wrote `bytes` bytes has done past factor
 *  times the bounds, if anything, in the words of the note. */
export function overBound(calls: number, bytes: number, factor: number): string | undefined {
  if (calls > MAX_CALLS_PER_STEP * factor) return `${calls.toLocaleString("en")} system calls`;
  if (bytes > MAX_BYTES_PER_STEP * factor) return `writing ${bytes.toLocaleString("en")} bytes`;
  return undefined;
}
