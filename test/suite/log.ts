// The suite's own output. The workbench forwards everything the extension host logs,
// mixed with its own logging; the runner prints only lines carrying LINE_MARKER.
import { format } from "node:util";

export const LINE_MARKER = "forklab-suite| ";

/** The line that carries the suite's counts (the runner reads it when no stats file is written). */
export const STATS_MARKER = "forklab-suite-stats ";

/** Print like console.log, one marked line per output line. */
export function report(...args: unknown[]): void {
  for (const line of format(...args).split("\n")) console.log(LINE_MARKER + line);
}
