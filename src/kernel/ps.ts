// ps(1)'s view of the process table: every process but init, zombies included, with the
// state letter Linux shows (R running or ready, S asleep in a call, T stopped, Z zombie).
import type { KState } from "./kstate";

export interface PsEntry {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  name: string;
  state: "R" | "S" | "T" | "Z";
  /** The process leads its process group (ps's "s"/"+" flags are left out; pgid tells it). */
  kind: "program" | "client";
}

export function processes(k: KState): PsEntry[] {
  const out: PsEntry[] = [];
  for (const p of [...k.procs.values()].sort((a, b) => a.pid - b.pid)) {
    if (p.kind === "init") continue;
    const state = p.zombie ? "Z" : p.stopped ? "T" : p.tasks.some((t) => t.state === "ready") ? "R" : "S";
    out.push({ pid: p.pid, ppid: p.ppid, pgid: p.pgid, sid: p.sid, name: p.name, state, kind: p.kind });
  }
  return out;
}
