// The editor's copy of a session that runs in the model's worker: the history of
// Snapshots, the system calls of each step, why the run ended, the notes and the applied
// actions (what a restarted worker replays). It changes only by the worker's Updates, so
// what the editor shows is always a state the model was in.
import type { TraceEntry } from "../../c/trace";
import type { Note } from "../../c/vm";
import type { Snapshot } from "../../contract/snapshot";
import type { Action } from "../../session/session";
import type { Update } from "./protocol";

export class SessionMirror {
  history: Snapshot[] = [];
  private calls: TraceEntry[][] = [];
  actions: Action[] = [];
  notes: Note[] = [];
  mainPid = 0;
  ended: string | undefined;

  get current(): Snapshot { return this.history[this.history.length - 1]; }
  get index(): number { return this.history.length - 1; }

  /** System calls made by the step that produced history entry i. */
  callsAt(i: number): TraceEntry[] {
    return this.calls[i] ?? [];
  }

  apply(u: Update): void {
    if (u.from > this.history.length || u.actionsFrom > this.actions.length) {
      throw new Error(`an update from entry ${u.from} (action ${u.actionsFrom}) does not follow the ${this.history.length} entries (${this.actions.length} actions) held`);
    }
    this.history.length = u.from;
    this.calls.length = u.from;
    // One by one: a long run's update can hold more entries than a call may take arguments.
    for (const s of u.steps) this.history.push(s);
    for (const c of u.calls) this.calls.push(c);
    if (this.history.length !== u.length) throw new Error(`the update left ${this.history.length} entries, not ${u.length}`);
    this.actions.length = u.actionsFrom;
    for (const a of u.actions) this.actions.push(a);
    if (u.notes) this.notes = u.notes;
    this.mainPid = u.mainPid;
    this.ended = u.ended;
  }
}
