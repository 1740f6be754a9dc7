// Marks under the timeline slider: the steps where a process was forked, exited, got a
// signal or blocked, so a learner scrubbing the history sees where things happen. One
// mark per step and kind, placed by CSSOM (the CSP allows no style attributes).
import type { Snapshot } from "../contract/snapshot";
import { h } from "./dom";

export type MarkKind = "fork" | "exit" | "signal" | "block";

const ORDER: MarkKind[] = ["fork", "exit", "signal", "block"];

/** The kinds of event a step's snapshot holds, in a fixed order. */
export function stepMarks(s: Snapshot): MarkKind[] {
  const seen = new Set<MarkKind>();
  for (const e of s.events) {
    if (e.kind === "fork" || e.kind === "exit" || e.kind === "signal" || e.kind === "block") seen.add(e.kind);
  }
  return ORDER.filter((k) => seen.has(k));
}

export class SliderMarks {
  readonly el = h("div", { class: "fl-marks", "aria-hidden": "true" });
  /** The marks drawn per step, to redraw only from the step the history changed at. */
  private kinds: MarkKind[][] = [];
  private length = 0;

  /** Brings the marks in line with the history (steps from `from` on are new). */
  draw(steps: readonly Snapshot[], from: number): void {
    const n = steps.length;
    this.kinds.length = Math.min(this.kinds.length, from);
    for (let i = this.kinds.length; i < n; i++) this.kinds.push(stepMarks(steps[i]));
    if (n === this.length && from >= n) return;
    this.length = n;
    const frag = document.createDocumentFragment();
    const last = Math.max(1, n - 1);
    this.kinds.forEach((kinds, i) => {
      for (const k of kinds) {
        const m = h("span", { class: `fl-mark fl-mark-${k}` });
        m.style.left = `${(100 * i) / last}%`;
        frag.append(m);
      }
    });
    this.el.replaceChildren(frag);
  }
}
