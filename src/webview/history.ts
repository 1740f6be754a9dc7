// The view's copy of the session history: the snapshots (rebuilt from the host's deltas,
// unchanged rows shared between steps), the terminal as it stood at each step, and the
// timeline. The host sends only what the view does not have yet; this applies it.
import type { Snapshot } from "../contract/snapshot";
import { TimelineEntry, timelineOf } from "../render/events";
import { Terminal, TerminalLog } from "../render/terminal";
import type { HostMessage } from "../contract/protocol";
import { WireStep, decodeStep } from "../contract/wire";

type History = Extract<HostMessage, { type: "history" }>;

export class ViewHistory {
  readonly steps: Snapshot[] = [];
  /** Each step as it came (a delta against the step before it), for saving the state. */
  readonly wire: WireStep[] = [];
  /** Timeline entries per step, with the step's index as their step. */
  readonly events: TimelineEntry[][] = [];
  terminal = new TerminalLog();
  current = 0;
  title: string | undefined;
  /** How many steps before the first one the history no longer holds. */
  dropped = 0;

  get length(): number {
    return this.steps.length;
  }

  snapshot(i = this.current): Snapshot {
    return this.steps[i];
  }

  previous(i = this.current): Snapshot | undefined {
    return i > 0 ? this.steps[i - 1] : undefined;
  }

  terminalAt(i = this.current): Terminal {
    return this.terminal.at(i);
  }

  /** Applies a history message: all of it, or nothing and the reason. The index the
   *  history changed from is returned, so the caller redraws only from there. */
  apply(m: History): { problem: string } | { changedFrom: number } {
    const shift = m.shift ?? 0;
    if (shift > this.steps.length) return { problem: `history.shift: the view holds only ${this.steps.length} steps` };
    if (m.from > this.steps.length - shift) return { problem: `history.from: step ${m.from} follows steps the view does not hold` };
    // Decode first: a malformed step leaves the history as it was.
    const fresh: Snapshot[] = [];
    let prev = m.from > 0 ? this.steps[shift + m.from - 1] : undefined;
    for (let i = 0; i < m.steps.length; i++) {
      const s = decodeStep(m.steps[i], prev, `history.steps[${i}]`);
      if (typeof s === "string") return { problem: s };
      fresh.push(s);
      prev = s;
    }
    if (shift) this.dropFront(shift);
    if (m.from === 0) {
      this.terminal = new TerminalLog(m.before ?? []);
      this.dropped = m.dropped ?? 0;
    }
    this.truncate(m.from);
    fresh.forEach((s, i) => this.push(s, m.steps[i]));
    this.current = m.current;
    this.title = m.title ?? this.title;
    return { changedFrom: m.from };
  }

  /** Forgets every step: the file on screen has no session (it did not compile). */
  clear(title: string): void {
    this.truncate(0);
    this.terminal = new TerminalLog();
    this.dropped = 0;
    this.current = 0;
    this.title = title;
  }

  private truncate(from: number): void {
    this.steps.length = Math.min(this.steps.length, from);
    this.wire.length = this.steps.length;
    this.events.length = this.steps.length;
    this.terminal.truncate(from);
  }

  private push(s: Snapshot, w: WireStep): void {
    const at = this.steps.length;
    this.steps.push(s);
    this.wire.push(w);
    this.events.push(timelineOf(s, at));
    this.terminal.append(s);
  }

  /** The caller keeps a window of its history: forget the oldest steps. */
  private dropFront(n: number): void {
    const before = this.terminal.before(n);
    const kept = this.steps.splice(n);
    const keptWire = this.wire.slice(n);
    this.steps.length = 0;
    this.wire.length = 0;
    this.events.length = 0;
    this.terminal = new TerminalLog(before);
    this.dropped += n;
    // The first step kept has no step before it any more: it goes in full.
    kept.forEach((s, i) => this.push(s, i === 0 ? s : keptWire[i]));
  }
}
