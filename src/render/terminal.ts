// What reached the terminal up to a step. A Snapshot's output holds only the chunks its own
// step wrote (docs/snapshot.md: keeping all of it in every snapshot would make a history
// quadratic), so the terminal at step N is the output of steps 0..N concatenated.
// TerminalLog keeps that concatenation for a history and extends it as the history grows,
// so moving to any step costs a lookup, not a pass over the history.
import type { OutputChunk, Snapshot } from "../contract/snapshot";

export interface OutputLine {
  pid: number;
  fd: number;
  text: string;
  /** The terminal's echo of what was typed (no process wrote it). */
  typed?: true;
}

/** An output line as the chunk it comes from marks it. */
function lineOf(ch: OutputChunk, text: string): OutputLine {
  return ch.typed ? { pid: ch.pid, fd: ch.fd, text, typed: true } : { pid: ch.pid, fd: ch.fd, text };
}

/** The terminal at one step: the first `end` chunks of `chunks`. */
export interface Terminal {
  chunks: readonly OutputChunk[];
  end: number;
  /** lines[i] = lines in chunks[0..i), when known (TerminalLog keeps it). */
  lines?: readonly number[];
}

/** A chunk's lines: each chunk starts a line (it carries one writer's pid); a final newline ends the last. */
function chunkLines(ch: OutputChunk): string[] {
  const pieces = ch.text.split("\n");
  if (pieces.length > 1 && pieces[pieces.length - 1] === "") pieces.pop();
  return pieces;
}

function countLines(ch: OutputChunk): number {
  let n = 1;
  const t = ch.text;
  for (let i = t.indexOf("\n"); i >= 0 && i < t.length - 1; i = t.indexOf("\n", i + 1)) n++;
  return n;
}

/** Terminal output lines, each marked with the writer's pid (and descriptor). */
export function outputLines(output: readonly OutputChunk[]): OutputLine[] {
  const out: OutputLine[] = [];
  for (const ch of output) for (const text of chunkLines(ch)) out.push(lineOf(ch, text));
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
  for (let i = 0; i < t.end; i++) n += countLines(t.chunks[i]);
  return n;
}

/** The last `max` lines, and how many of them the last `fresh` chunks wrote. Walks back
 *  from the end, so a long session's terminal costs only what is shown. */
export function terminalTail(t: Terminal, max: number, fresh: number): { lines: OutputLine[]; fresh: number } {
  const lines: OutputLine[] = [];
  let freshLines = 0;
  for (let i = t.end - 1; i >= 0 && lines.length < max; i--) {
    const ch = t.chunks[i];
    const mine = chunkLines(ch);
    for (let j = mine.length - 1; j >= 0 && lines.length < max; j--) {
      lines.push(lineOf(ch, mine[j]));
      if (i >= t.end - fresh) freshLines++;
    }
  }
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
    this.chunks.push(ch);
    this.lines.push(this.lines[this.lines.length - 1] + countLines(ch));
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
