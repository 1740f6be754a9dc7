// The checkpoints a stepping session keeps, so that a jump to any step restores the nearest
// one at or before it and replays only the few steps after it (instead of every step from
// the start). One is taken every `spacing` steps; when there are too many, or they hold too
// much memory, the spacing doubles and every other one goes, so a long history keeps a
// bounded number spread evenly over it.
import type { Frozen } from "./checkpoint";

/** A checkpoint: the state right after step `steps`'s line, when `cursor` actions had been
 *  applied, before any outside action taken at that step. */
export interface Checkpoint {
  steps: number;
  cursor: number;
  frozen: Frozen;
  /** What the session keeps beside its copied state (its history up to here). */
  extra: unknown;
}

/** Steps between checkpoints at the start (a replay of this many costs a few ms). */
export const FIRST_SPACING = 32;
/** Most checkpoints kept. */
const MAX_COUNT = 160;
/** Most bytes (Frozen.bytes, an estimate) all checkpoints together keep alive. */
const MAX_BYTES = 128 << 20;

export class Checkpoints {
  /** Ascending by cursor (and so by steps). */
  private list: Checkpoint[] = [];
  private bytes = 0;

  constructor(private spacing = FIRST_SPACING) {}

  /** A checkpoint is wanted after step `steps` (none kept there yet). */
  due(steps: number): boolean {
    return steps % this.spacing === 0 && !this.list.some((c) => c.steps === steps);
  }

  add(c: Checkpoint): void {
    let i = this.list.length;
    while (i > 0 && this.list[i - 1].cursor > c.cursor) i--;
    this.list.splice(i, 0, c);
    this.bytes += c.frozen.bytes;
    while ((this.list.length > MAX_COUNT || this.bytes > MAX_BYTES) && this.list.length > 1) this.thin();
  }

  /** The latest checkpoint at or before step `steps` (and at or before action `cursorMax`). */
  latest(steps: number, cursorMax = Infinity): Checkpoint | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const c = this.list[i];
      if (c.steps <= steps && c.cursor <= cursorMax) return c;
    }
    return undefined;
  }

  /** The actions from `cursor` on were replaced: the checkpoints after it no longer hold. */
  dropAfter(cursor: number): void {
    while (this.list.length && this.list[this.list.length - 1].cursor > cursor) this.bytes -= this.list.pop()!.frozen.bytes;
  }

  get count(): number { return this.list.length; }
  get keptBytes(): number { return this.bytes; }

  /** Double the spacing and keep only the checkpoints on it (the first always stays). */
  private thin(): void {
    this.spacing *= 2;
    this.list = this.list.filter((c, i) => i === 0 || c.steps % this.spacing === 0);
    this.bytes = this.list.reduce((n, c) => n + c.frozen.bytes, 0);
  }
}
