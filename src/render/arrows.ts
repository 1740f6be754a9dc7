// The picture's arrows: from a process's descriptors to their open files (all of one
// process's as one unit), from an open file to its v-node, and the path data they share.
// Arrows longer than a few screens are stubs that name their target.
import type { Unit } from "./figure";
import { BRACKET } from "./geometry";
import { vnodeLabel } from "./lookup";
import { pidHue } from "./palette";
import { hueClass, text } from "./svgparts";

/** Whether two lists of numbers (or both none) are the same. */
export function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An arrow's curve from (x1, y1) to just before (x2, y2), and its head there, as path data:
 *  one arrow, or many arrows' pieces joined into one path each (ProcArrows). */
function curveD(x1: number, y1: number, x2: number, y2: number): string {
  const dx = Math.max(24, (x2 - x1) / 2);
  const ex = x2 - 7;
  return `M${x1} ${y1}C${x1 + dx} ${y1} ${ex - dx} ${y2} ${ex} ${y2}`;
}
const headD = (x2: number, y2: number): string => `M${x2} ${y2}l-8 -4.5v9z`;

/** An arrow's line and head (an open file's to its v-node, a process's to its shared
 *  memory). */
export function link(x1: number, y1: number, x2: number, y2: number, kind: "o" | "s" | "g"): string {
  return `<path class="fl-link fl-link-${kind}" d="${curveD(x1, y1, x2, y2)}"/><path class="fl-head-${kind}" d="${headD(x2, y2)}"/>`;
}

/** An arrow from a file row's right end to the right edge of a v-node box below or above
 *  it in the same column (the narrow layout): out to the right, along, and back in. */
function bracket(x1: number, y1: number, x2: number, y2: number, kind: "o" | "g"): string {
  const out = x2 + BRACKET - 10;
  return `<path class="fl-link fl-link-${kind}" d="M${x1} ${y1}H${out}V${y2}H${x2 + 7}"/>` +
    `<path class="fl-head-${kind}" d="M${x2} ${y2}l8 -4.5v9z"/>`;
}

/** Arrows longer than this (a few screens) become short stubs naming their target: a
 *  curve across 30,000 px of a 200-process picture shows nothing a reader can follow. */
const LONG_LINK = 1600;

/** Whether an arrow from y1 to y2 is drawn as a stub. */
export const isLong = (y1: number, y2: number): boolean => Math.abs(y2 - y1) > LONG_LINK;

/** The rows of the figure an arrow from y1 to y2 is drawn over (a stub's: its start's), with
 *  room for its head. */
export function arrowSpan(y1: number, y2: number): [number, number] {
  return isLong(y1, y2) ? [y1 - 5, y1 + 5] : [Math.min(y1, y2) - 5, Math.max(y1, y2) + 5];
}

/** A stub arrow's line and head: out of the row at (x1, y1), as path data. */
const stubD = (x1: number, y1: number): string => `M${x1} ${y1}h30`;
const stubHeadD = (x1: number, y1: number): string => `M${x1 + 38} ${y1}l-8 -4.5v9z`;

/** A stub's label: the target's name and which way it lies. */
function stubLabel(x1: number, y1: number, y2: number, label: string): string {
  return text(x1 + 42, y1 + 4, `${label} ${y2 < y1 ? "\u2191" : "\u2193"}`, "fl-m fl-mono fl-small");
}

/** A stub arrow from an open file: out of the row, with the v-node's name and which way it lies. */
function stub(x1: number, y1: number, y2: number, label: string): string {
  return `<path class="fl-link fl-link-o" d="${stubD(x1, y1)}"/><path class="fl-head-o" d="${stubHeadD(x1, y1)}"/>` +
    stubLabel(x1, y1, y2, label);
}

/** The arrows from one process's descriptors to their open files, as one unit of two paths
 *  (every line, every head) and the labels of its stubs: a unit, a group and two paths for
 *  each arrow cost Chromium style and layout for each, and a screen of a forking server
 *  crosses forty. Made anew only when an arrow of the process moved, came or went. */
export class ProcArrows implements Unit {
  readonly layer = "links";
  readonly x = 0;
  readonly y = 0;
  constructor(readonly key: string, readonly top: number, readonly bottom: number, private readonly pid: number,
    private readonly x1: number, private readonly x2: number,
    /** Per arrow, three numbers: its start's y, its end's y, the open file it points at. */
    private readonly ends: readonly number[]) {}
  /** `last` when it draws the same arrows, else a new unit. */
  static at(last: ProcArrows | undefined, pid: number, x1: number, x2: number, ends: number[]): ProcArrows {
    if (last && last.x1 === x1 && last.x2 === x2 && sameNumbers(last.ends, ends)) return last;
    let top = Infinity;
    let bottom = -Infinity;
    for (let i = 0; i < ends.length; i += 3) {
      const [lo, hi] = arrowSpan(ends[i], ends[i + 1]);
      top = Math.min(top, lo);
      bottom = Math.max(bottom, hi);
    }
    return new ProcArrows(`a:${pid}`, top, bottom, pid, x1, x2, ends);
  }
  sameAs(drawn: Unit): boolean {
    return drawn === this;
  }
  get body(): string {
    const { x1, x2, ends } = this;
    let lines = "";
    let heads = "";
    let labels = "";
    for (let i = 0; i < ends.length; i += 3) {
      const [y1, y2, file] = [ends[i], ends[i + 1], ends[i + 2]];
      if (isLong(y1, y2)) {
        lines += stubD(x1, y1);
        heads += stubHeadD(x1, y1);
        labels += stubLabel(x1, y1, y2, `#${file}`);
      } else {
        lines += curveD(x1, y1, x2, y2);
        heads += headD(x2, y2);
      }
    }
    const hue = hueClass(pidHue(this.pid));
    return `<path class="fl-link fl-link-p ${hue}" d="${lines}"/><path class="fl-head-p ${hue}" d="${heads}"/>` + labels;
  }
}

type ArrowKind = "o" | "g";

/** The unit of an arrow from an open file to its v-node, its markup made when first shown (a
 *  class, not a closure: a big figure has a thousand, placed anew on every step). */
export class Arrow implements Unit {
  readonly layer = "links";
  readonly x = 0;
  readonly y = 0;
  constructor(readonly key: string, readonly top: number, readonly bottom: number,
    private readonly x1: number, private readonly y1: number, private readonly x2: number, private readonly y2: number,
    private readonly long: boolean,
    /** The v-node the arrow points at: a stub names it. */
    private readonly target: number, private readonly kind: ArrowKind,
    /** Round the right side into the same column (bracket()), not across to the next. */
    private readonly round = false) {}
  /** `last` when it is this same arrow, else a new one: a step allocates nothing for
   *  arrows it did not move. (Plain parameters, no rest array: this runs for every arrow.) */
  static at(last: Arrow | undefined, key: string, top: number, bottom: number, x1: number, y1: number, x2: number, y2: number,
    long: boolean, target: number, kind: ArrowKind, round = false): Arrow {
    return last && last.key === key && last.top === top && last.bottom === bottom && last.is(x1, y1, x2, y2, long, target, kind, round)
      ? last : new Arrow(key, top, bottom, x1, y1, x2, y2, long, target, kind, round);
  }
  /** Whether this arrow has these ends and marks. */
  private is(x1: number, y1: number, x2: number, y2: number, long: boolean, target: number, kind: ArrowKind, round: boolean): boolean {
    return x1 === this.x1 && y1 === this.y1 && x2 === this.x2 && y2 === this.y2 && long === this.long &&
      target === this.target && kind === this.kind && round === this.round;
  }
  /** An arrow between the same points with the same marks: same markup. */
  sameAs(drawn: Unit): boolean {
    return drawn instanceof Arrow && this.is(drawn.x1, drawn.y1, drawn.x2, drawn.y2, drawn.long, drawn.target, drawn.kind, drawn.round);
  }
  get body(): string {
    const { x1, y1, x2, y2, kind } = this;
    return this.long ? stub(x1, y1, y2, `v-node ${vnodeLabel(this.target)}`)
      : this.round ? bracket(x1, y1, x2, y2, kind) : link(x1, y1, x2, y2, kind);
  }
}
