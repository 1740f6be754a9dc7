// Each process's variables for its Snapshot row, recomputed only for processes that ran
// since the last snapshot (a process's memory changes only when it runs, or, for pages it
// shares, when another process writes them; a fresh child is computed on first sight). Unchanged results are the very same arrays as before, so the
// Snapshot shares the row and the view redraws nothing for them.
import type { StackFrame, Variable } from "../contract/snapshot";
import type { Machine } from "../c/vm";
import { globalsOf, stackOf } from "../c/variables";

interface Vars {
  frames: StackFrame[];
  globals: Variable[];
  /** Both as JSON, to tell a recomputation that changed nothing. */
  text: string;
}

export class ProcVars {
  private readonly cache = new Map<number, Vars>();
  /** Processes that ran a line since the last snapshot. */
  private readonly ran = new Set<number>();

  /** pid ran (part of) a line. */
  touch(pid: number | undefined): void {
    if (pid !== undefined) this.ran.add(pid);
  }

  /** The variables of pid now, or undefined for a process the machine does not run. */
  of(m: Machine, pid: number): Vars | undefined {
    const p = m.procs.get(pid);
    if (!p) { this.cache.delete(pid); return undefined; }
    const old = this.cache.get(pid);
    if (old && !this.ran.has(pid) && !p.mem.sharesPages()) return old;
    const frames = stackOf(m, p);
    const globals = globalsOf(p);
    const text = JSON.stringify([frames, globals]);
    if (old && old.text === text) return old;
    const v = { frames, globals, text };
    this.cache.set(pid, v);
    return v;
  }

  /** A snapshot was taken: what ran before it is accounted for. */
  taken(): void {
    this.ran.clear();
  }
}
