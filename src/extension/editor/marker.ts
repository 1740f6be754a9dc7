// The marker at the end of the line each live process runs next ("◀ pid 3"): its text, and
// which lines carry whose. One rule for the decorations that draw the markers and for the
// presentation layout, which sizes the code's column to hold them (view/code.ts).
import type { Proc } from "../../contract/snapshot";

/** The space between a line's text (or the marker before) and a marker, in ems. */
export const MARKER_MARGIN_EM = 1.5;

/** What a process's marker says. */
export function pidMarker(pid: number): string {
  return ` \u25C0 pid ${pid}`;
}

/** The pids whose markers each line carries (0-based; a line past the end is the last),
 *  in the order of `processes`: the program's live processes, each on its current line. */
export function markedLines(processes: readonly Proc[], lineCount: number): Map<number, number[]> {
  const lines = new Map<number, number[]>();
  for (const p of processes) {
    if (p.kind !== "program" || p.state === "zombie" || !p.line) continue;
    const line = Math.min(lineCount - 1, p.line - 1);
    lines.set(line, [...(lines.get(line) ?? []), p.pid]);
  }
  return lines;
}
