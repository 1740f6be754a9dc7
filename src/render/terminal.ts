// What reached the terminal up to a step. A Snapshot's output holds only the chunks its own
// step wrote (docs/snapshot.md: keeping all of it in every snapshot would make a history
// quadratic), so the terminal at step N is the output of steps 0..N concatenated.
// TerminalLog keeps that concatenation for a history and extends it as the history grows,
// so moving to any step costs a lookup, not a pass over the history.
import type { OutputChunk, Snapshot } from "../contract/snapshot";

/** What one writer put on a line (a line holds several when a write did not end it). */
export interface OutputRun {
  pid: number;
  fd: number;
  text: string;
  /** The terminal's echo of what was typed (no process wrote it). */
  typed?: true;
}

/** A line of the terminal as it shows: the text, its writers' runs in order, and the first
 *  run's writer (the line's mark). A terminal makes lines of newlines, not of writes: a
 *  prompt and the answer typed after it are one line, as are a parent's "a" and a child's "b\n". */
export interface OutputLine {
  pid: number;
  fd: number;
  text: string;
  typed?: true;
  runs: OutputRun[];
}

/** The terminal at one step: the first `end` chunks of `chunks`. */
export interface Terminal {
  chunks: readonly OutputChunk[];
  end: number;
  /** lines[i] = lines in chunks[0..i), when known (TerminalLog keeps it). */
  lines?: readonly number[];
}

const runOf = (ch: OutputChunk, text: string): OutputRun =>
  (ch.typed ? { pid: ch.pid, fd: ch.fd, text, typed: true } : { pid: ch.pid, fd: ch.fd, text });

/** A line from its runs (`at`: the chunk whose newline ends it, for an empty line). */
function lineOf(runs: OutputRun[], at: OutputChunk): OutputLine {
  const first = runs[0] ?? runOf(at, "");
  const line: OutputLine = { pid: first.pid, fd: first.fd, text: runs.map((r) => r.text).join(""), runs: runs.length ? runs : [first] };
  if (first.typed) line.typed = true;
  return line;
}

/** Whether the terminal's text up to and with `ch` ends inside a line (`open`: before it). */
const openAfter = (ch: OutputChunk, open: boolean): boolean => (ch.text ? !ch.text.endsWith("\n") : open);

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Lines `ch` adds to a terminal whose text so far ends inside a line when `open`: each
 *  newline ends one, and an unended last line counts once. */
function addedLines(ch: OutputChunk, open: boolean): number {
  return newlines(ch.text) + (openAfter(ch, open) ? 1 : 0) - (open ? 1 : 0);
}

/** Terminal output lines, each with its writers' runs. */
export function outputLines(output: readonly OutputChunk[]): OutputLine[] {
  const out: OutputLine[] = [];
  let runs: OutputRun[] = [];
  for (const ch of output) {
    const pieces = ch.text.split("\n");
    pieces.forEach((piece, j) => {
      if (piece) runs.push(runOf(ch, piece));
      if (j < pieces.length - 1) { out.push(lineOf(runs, ch)); runs = []; }
    });
  }
  if (runs.length) out.push(lineOf(runs, output[output.length - 1]));
  return out;
}

/** The terminal of a history at index n, computed from scratch (the CLI draws one step). */
export function terminalAt(history: readonly Snapshot[], n = history.length - 1): Terminal {
  const chunks: OutputChunk[] = [];
  for (let i = 0; i <= n && i < history.length; i++) for (const ch of history[i].output) chunks.push(ch);
  return { chunks, end: chunks.length };
}

/** A lone snapshot: its own chunks are all of the terminal there is to show. */
export function ownTerminal(snap: Snapshot): Terminal {
  return { chunks: snap.output, end: snap.output.length };
}

/** Every line of the terminal (the text view and the Markdown list them all). */
export function terminalLines(t: Terminal): OutputLine[] {
  return outputLines(t.chunks.slice(0, t.end));
}

/** How many lines the terminal holds. */
export function lineCount(t: Terminal): number {
  if (t.lines) return t.lines[t.end];
  let n = 0;
  let open = false;
  for (let i = 0; i < t.end; i++) {
    n += addedLines(t.chunks[i], open);
    open = openAfter(t.chunks[i], open);
  }
  return n;
}

/** The last `max` lines, and how many of them the last `fresh` chunks wrote to. Walks back
 *  from the end, so a long session's terminal costs only what is shown. */
export function terminalTail(t: Terminal, max: number, fresh: number): { lines: OutputLine[]; fresh: number } {
  const lines: OutputLine[] = [];
  let freshLines = 0;
  // Built from the right: the runs of the line being read back, whether a fresh chunk wrote
  // to it, and the chunk whose newline ends it.
  let runs: OutputRun[] = [];
  let isFresh = false;
  let endedBy: OutputChunk | undefined;
  const close = (at: OutputChunk) => {
    lines.push(lineOf(runs, endedBy ?? at));
    if (isFresh) freshLines++;
    runs = [];
    isFresh = false;
  };
  for (let i = t.end - 1; i >= 0 && lines.length < max; i--) {
    const ch = t.chunks[i];
    const pieces = ch.text.split("\n");
    for (let j = pieces.length - 1; j >= 0 && lines.length < max; j--) {
      if (j < pieces.length - 1) {
        // A newline: it ends the line left of it; what was read back right of it is a line,
        // unless it is the nothing after the terminal's last newline.
        if (runs.length || endedBy) close(ch);
        endedBy = ch;
      }
      if (pieces[j]) {
        runs.unshift(runOf(ch, pieces[j]));
        if (i >= t.end - fresh) isFresh = true;
      } else if (j < pieces.length - 1 && i >= t.end - fresh) isFresh = true;
    }
  }
  if ((runs.length || endedBy) && lines.length < max) close(t.chunks[0]);
  return { lines: lines.reverse(), fresh: freshLines };
}

/** The concatenated output of a history, kept step by step. */
export class TerminalLog {
  private chunks: OutputChunk[] = [];
  private lines: number[] = [0];
  /** ends[i]: how many chunks steps 0..i wrote (with what came before the first step). */
  private ends: number[] = [];
  private readonly base: number;

  /** `before`: output of steps no longer in the history (a bounded history drops its start). */
  constructor(before: readonly OutputChunk[] = []) {
    for (const ch of before) this.push(ch);
    this.base = this.chunks.length;
  }

  private push(ch: OutputChunk): void {
    const open = this.openAt(this.chunks.length);
    this.chunks.push(ch);
    this.lines.push(this.lines[this.lines.length - 1] + addedLines(ch, open));
  }

  /** Whether the text of the first `n` chunks ends inside a line. */
  private openAt(n: number): boolean {
    for (let i = n - 1; i >= 0; i--) if (this.chunks[i].text) return !this.chunks[i].text.endsWith("\n");
    return false;
  }

  get steps(): number {
    return this.ends.length;
  }

  /** Forgets steps from index `from` on (the history changed there). */
  truncate(from: number): void {
    if (from >= this.ends.length) return;
    this.ends.length = Math.max(0, from);
    const keep = from > 0 ? this.ends[from - 1] : this.base;
    this.chunks.length = keep;
    this.lines.length = keep + 1;
  }

  /** Adds the next step's output. */
  append(snap: Snapshot): void {
    for (const ch of snap.output) this.push(ch);
    this.ends.push(this.chunks.length);
  }

  /** The output written before step i (with what came before the first step): what a
   *  history that drops its first i steps keeps as its terminal's start. */
  before(i = 0): OutputChunk[] {
    return this.chunks.slice(0, i > 0 ? this.ends[Math.min(i, this.ends.length) - 1] : this.base);
  }

  /** The terminal at step n (0 <= n < steps). */
  at(n: number): Terminal {
    return { chunks: this.chunks, end: this.ends[Math.max(0, Math.min(this.ends.length - 1, n))] ?? this.base, lines: this.lines };
  }
}
