// The editor's copy of a session that runs in the model's worker: its timeline of
// Snapshots (the steps up to the current one, then the recorded future after a step back),
// the system calls of each step, where the session is in it, why the run ended, the notes
// and the recorded actions (what a restarted worker replays). It changes only by the
// worker's Updates, so what the editor shows is always a state the model was in.
import type { TraceEntry } from "../../c/trace";
import type { Note } from "../../c/vm";
import type { Snapshot } from "../../contract/snapshot";
import type { Action } from "../../session/session";
import type { Update } from "./protocol";

export class SessionMirror {
  timeline: Snapshot[] = [];
  private calls: TraceEntry[][] = [];
  /** The timeline entry shown as the session's state now. */
  at = 0;
  actions: Action[] = [];
  /** How many of `actions` the current entry applied. */
  cursor = 0;
  notes: Note[] = [];
  mainPid = 0;
  ended: string | undefined;

  /** The entries up to the current one (what the model ran to reach it). */
  get history(): Snapshot[] { return this.timeline.slice(0, this.at + 1); }
  get current(): Snapshot { return this.timeline[this.at]; }
  get index(): number { return this.at; }

  /** System calls made by the step that produced timeline entry i. */
  callsAt(i: number): TraceEntry[] {
    return this.calls[i] ?? [];
  }

  apply(u: Update): void {
    if (u.from > this.timeline.length || u.actionsFrom > this.actions.length) {
      throw new Error(`an update from entry ${u.from} (action ${u.actionsFrom}) does not follow the ${this.timeline.length} entries (${this.actions.length} actions) held`);
    }
    const end = u.from + u.steps.length;
    if (u.length < end || (u.length > end && u.length > this.timeline.length)) {
      throw new Error(`an update of entries ${u.from}..${end} leaving ${u.length} does not fit the ${this.timeline.length} entries held`);
    }
    // One by one: a long run's update can hold more entries than a call may take arguments.
    for (let i = 0; i < u.steps.length; i++) {
      this.timeline[u.from + i] = u.steps[i];
      this.calls[u.from + i] = u.calls[i];
    }
    this.timeline.length = u.length;
    this.calls.length = u.length;
    if (u.at < 0 || u.at >= u.length) throw new Error(`the update's entry ${u.at} is not among its ${u.length}`);
    this.at = u.at;
    this.actions.length = u.actionsFrom;
    for (const a of u.actions) this.actions.push(a);
    this.cursor = u.cursor;
    if (u.notes) this.notes = u.notes;
    this.mainPid = u.mainPid;
    this.ended = u.ended;
  }
}
