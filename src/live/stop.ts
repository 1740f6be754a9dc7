// Ending a server's whole process group: SIGTERM to every member, SIGKILL to whatever is
// left after a grace period, then check /proc that no process of the group remains.
import { readdirSync } from "node:fs";
import { findServer } from "./discover";
import { PROC, readStat } from "./procfs";
import { loadRunState } from "./runstate";

/** Whether any process is left in group pgid, where there is no /proc (macOS). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Pids in process group pgid, zombies included. Without /proc: [pgid] while any is left. */
export function groupMembers(pgid: number, proc = PROC): number[] {
  if (process.platform !== "linux") return groupAlive(pgid) ? [pgid] : [];
  const out: number[] = [];
  for (const name of readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    if (readStat(Number(name), proc)?.pgid === pgid) out.push(Number(name));
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Members that have not ended: a zombie has ended, and only waits for its parent's wait. */
function running(pgid: number): number[] {
  return groupMembers(pgid).filter((p) => readStat(p)?.state !== "Z");
}

/** Waits (bounded) until members() is empty; whether it became so. */
async function until(members: () => number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (members().length === 0) return true;
    await sleep(25);
  }
  return members().length === 0;
}

/** How long the parents of the group's zombies (our `serve`, the server itself, init) may
 *  take to reap them: on a loaded machine they may not run for a while. */
const REAP_MS = 10_000;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nobody left to signal
  }
}

export interface StopResult {
  /** Nothing of the group is left in /proc. */
  ok: boolean;
  message: string;
  pgid?: number;
}

/**
 * Ends process group pgid: SIGTERM, and SIGKILL only to a group with a member still running
 * after the grace period. Zombies left to their parents (or to init) count until reaped, but
 * they have ended: a slow reaper is waited for, never taken for a process ignoring SIGTERM.
 */
export async function stopGroup(pgid: number, graceMs = 2000): Promise<StopResult> {
  const before = groupMembers(pgid).length;
  signalGroup(pgid, "SIGTERM");
  let how = "SIGTERM";
  if (!(await until(() => running(pgid), graceMs))) {
    signalGroup(pgid, "SIGKILL");
    how = "SIGKILL (it ignored SIGTERM)";
  }
  if (!(await until(() => running(pgid), graceMs)) || !(await until(() => groupMembers(pgid), REAP_MS))) {
    const left = groupMembers(pgid).map((p) => `${p} (${readStat(p)?.state ?? "?"})`);
    return { ok: false, pgid, message: `process group ${pgid} still has ${left.join(", ")} after ${how}` };
  }
  return { ok: true, pgid, message: `stopped process group ${pgid} (${before} process${before === 1 ? "" : "es"}) with ${how}; none is left` };
}

/** Stops the server on port: the one our `serve` recorded, else whoever listens there. */
export async function stopServer(port: number, address = "127.0.0.1"): Promise<StopResult> {
  const recorded = loadRunState(port);
  const linux = process.platform === "linux";
  const pid = recorded?.pid ?? (linux ? findServer(port, address) : undefined);
  if (pid === undefined) return { ok: true, message: `no server is running on ${address}:${port}` };
  if (!linux) {
    const r = await stopGroup(recorded!.pgid);
    return { ...r, message: `pid ${pid}: ${r.message}` };
  }
  const st = readStat(pid);
  if (!st) return { ok: true, message: `the server on ${address}:${port} has already exited` };
  if (st.pgid !== st.pid && !recorded) {
    return {
      ok: false,
      message: `pid ${pid} (${st.comm}) listens on ${address}:${port} but does not lead its own process group ` +
        `(group ${st.pgid}); not stopping a group it merely belongs to. Stop it with: kill ${pid}`,
    };
  }
  const r = await stopGroup(st.pgid);
  return { ...r, message: `${st.comm} (pid ${pid}): ${r.message}` };
}
