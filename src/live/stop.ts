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

async function gone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0) return true;
    await sleep(25);
  }
  return groupMembers(pgid).length === 0;
}

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

/** Ends process group pgid; zombies left to init count until init reaps them. */
export async function stopGroup(pgid: number, graceMs = 2000): Promise<StopResult> {
  const before = groupMembers(pgid).length;
  signalGroup(pgid, "SIGTERM");
  let how = "SIGTERM";
  if (!(await gone(pgid, graceMs))) {
    signalGroup(pgid, "SIGKILL");
    how = "SIGKILL (it ignored SIGTERM)";
  }
  if (!(await gone(pgid, graceMs))) {
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
