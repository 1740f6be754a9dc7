// Kernel events in words, and the timeline of a session: the steps worth jumping to.
import type { KEvent, Snapshot } from "../contract/snapshot";
import { syscallText } from "../contract/syscalltext";
import { waitStatusText } from "./text";

export function describeEvent(e: KEvent): string {
  switch (e.kind) {
    case "syscall": return `pid ${e.pid}: ${syscallText(e)}`;
    case "fork": return `pid ${e.pid}: fork \u2192 child ${e.child}`;
    case "exit": return `pid ${e.pid} ${waitStatusText(e.status)}`;
    case "reap": return `pid ${e.pid} reaped child ${e.child} (${waitStatusText(e.status)})`;
    case "signal": return `pid ${e.pid}: ${signalText(e)}`;
    case "block": return `pid ${e.pid} blocks in ${e.on}`;
    case "wake": return wakeText(e);
    case "adopt": return `init adopts pid ${e.child} (its parent${e.parent === undefined ? "" : ` ${e.parent}`} exited)`;
    // pid 0: the world outside the program (the learner typed at the terminal, a kill from outside).
    case "note": return e.pid === 0 ? e.text : `pid ${e.pid}: ${e.text}`;
  }
}

/** "SIGCHLD ignored by default (SIG_DFL)" against plain "ignored" (SIG_IGN): under SIG_DFL
 *  a child still becomes a zombie, under SIG_IGN it does not. */
function signalText(e: Extract<KEvent, { kind: "signal" }>): string {
  return `${e.signal} ${e.action}${e.action === "ignored" && e.byDefault ? " by default (SIG_DFL)" : ""}`;
}

/** What can go on, not just that it "wakes up": what it waited for has come, or a signal
 *  interrupts the call (its handler runs first; the call then fails with EINTR or restarts). */
function wakeText(e: Extract<KEvent, { kind: "wake" }>): string {
  if (e.by !== undefined) return e.on === undefined ? `${e.by} interrupts pid ${e.pid}` : `${e.by} interrupts pid ${e.pid}'s ${e.on}`;
  return e.on === undefined ? `pid ${e.pid} can run again` : `pid ${e.pid}'s ${e.on} can go on`;
}

export type TimelineKind = "fork" | "exit" | "reap" | "signal" | "descriptor";

export interface TimelineEntry {
  step: number;
  pid: number;
  kind: TimelineKind;
  text: string;
}

/** Calls that change a descriptor table: the ones a learner wants to jump to. */
const DESCRIPTOR_CALLS = new Set(["close", "dup", "dup2", "dup3", "open", "openat", "pipe", "pipe2",
  "socket", "accept", "accept4", "connect", "shmat", "shmdt"]);

function timelineKind(e: KEvent): TimelineKind | undefined {
  if (e.kind === "fork" || e.kind === "exit" || e.kind === "reap" || e.kind === "signal") return e.kind;
  if (e.kind === "syscall" && DESCRIPTOR_CALLS.has(e.call)) return "descriptor";
  return undefined;
}

/** Timeline entries of one snapshot (the events of the step that produced it); `at` is
 *  the step number to give them (the view uses the snapshot's index in its history). */
export function timelineOf(snap: Snapshot, at = snap.step): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of snap.events) {
    const kind = timelineKind(e);
    if (kind) out.push({ step: at, pid: e.pid, kind, text: describeEvent(e) });
  }
  return out;
}

export function timeline(history: Snapshot[]): TimelineEntry[] {
  return history.flatMap(timelineOf);
}
