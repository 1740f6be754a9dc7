// A look at a real process group through /proc: who is in it, in what state, holding how
// many descriptors. The scenario driver uses it to see zombies and leaked descriptors.

import { readdirSync, readFileSync } from "node:fs";

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** The kernel's one-letter state: R running, S sleeping, T stopped, Z zombie, ... */
  state: string;
  name: string;
  /** Open descriptors (0 for a zombie: exit already closed them). */
  fds: number;
}

/** Parse /proc/PID/stat; the name sits in parentheses and may itself contain spaces. */
function readStat(pid: number): ProcInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // gone between readdir and read
  }
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const rest = text.slice(close + 2).split(" ");
  let fds = 0;
  try {
    fds = readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    fds = 0;
  }
  return {
    pid,
    name: text.slice(open + 1, close),
    state: rest[0],
    ppid: Number(rest[1]),
    pgid: Number(rest[2]),
    fds,
  };
}

/** Every process whose process group is pgid (orphans keep their group when adopted). */
export function probeGroup(pgid: number): ProcInfo[] {
  const procs: ProcInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readStat(Number(entry));
    if (info && info.pgid === pgid) procs.push(info);
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

/** Zombies among the group's processes. */
export function zombies(procs: ProcInfo[]): ProcInfo[] {
  return procs.filter((p) => p.state === "Z");
}

/**
 * Wait until no process in the group is runnable (R) or in uninterruptible sleep (D):
 * the moment a real run has "settled", e.g. children have finished exiting. Gives up
 * after limitMs and returns the last look either way.
 */
export async function settle(pgid: number, limitMs = 3000): Promise<ProcInfo[]> {
  const deadline = Date.now() + limitMs;
  let calm = 0;
  for (;;) {
    const procs = probeGroup(pgid);
    // Two calm looks in a row: a process between two calls can be caught sleeping once.
    calm = procs.every((p) => p.state !== "R" && p.state !== "D") ? calm + 1 : 0;
    if (calm >= 2 || Date.now() >= deadline) return procs;
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** The pid of the process tracing this one (strace), 0 when untraced or gone. */
export function tracerOf(pid: number): number {
  try {
    return Number(/TracerPid:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
