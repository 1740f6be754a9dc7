// The marker at the end of the line each live process runs next ("◀ pid 3"): its text, and
// which lines carry whose. One rule for the decorations that draw the markers and for the
// presentation layout, which sizes the code's column to hold them (view/code.ts).
import type { Proc } from "../../contract/snapshot";
import { perLine } from "../../coach/lenses";

/** The space between a line's text (or the marker before) and a marker, in ems. */
export const MARKER_MARGIN_EM = 1.5;

/** What a process's marker says. */
export function pidMarker(pid: number): string {
  return ` \u25C0 pid ${pid}`;
}

/** What the marker counting a line's other processes says. */
export function moreMarker(n: number): string {
  return ` \u25C0 ${n} more`;
}

/** A line's markers: the pids shown one by one, and how many more the line counts in one
 *  marker (coach/lenses.ts perLine: as many as its lenses show). */
export interface LineMarks {
  pids: number[];
  more: number;
}

/** The markers each line carries (0-based; a line past the end is the last), in the order
 *  of `processes`: the program's live processes, each on its current line. */
export function markedLines(processes: readonly Proc[], lineCount: number): Map<number, LineMarks> {
  const all = new Map<number, number[]>();
  for (const p of processes) {
    if (p.kind !== "program" || p.state === "zombie" || !p.line) continue;
    const line = Math.min(lineCount - 1, p.line - 1);
    const pids = all.get(line);
    if (pids) pids.push(p.pid);
    else all.set(line, [p.pid]);
  }
  const lines = new Map<number, LineMarks>();
  for (const [line, pids] of all) {
    const { shown, more } = perLine(pids);
    lines.set(line, { pids: shown, more });
  }
  return lines;
}
