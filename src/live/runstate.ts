// Which server we started, per port: a small JSON file in a per-user run directory, so
// that `stop` and the live view find the process group even from another process.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { readStat } from "./procfs";

export interface RunState {
  pid: number;
  pgid: number;
  /** /proc start time of pid: tells our server from a later process that got its pid. */
  starttime: number;
  address: string;
  port: number;
  program: string;
  /** The pid of the `forklab serve` process that watches it. */
  watcher: number;
}

export function runDir(): string {
  return join(process.env.XDG_RUNTIME_DIR || tmpdir(), `forklab-${userInfo().uid}`);
}

const file = (port: number, dir: string): string => join(dir, `server-${port}.json`);

export function saveRunState(s: RunState, dir = runDir()): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file(s.port, dir), JSON.stringify(s));
}

/** The recorded server on port, if that very process is still there. */
export function loadRunState(port: number, dir = runDir()): RunState | undefined {
  try {
    const s = JSON.parse(readFileSync(file(port, dir), "utf8")) as RunState;
    if (process.platform !== "linux") {
      process.kill(s.pid, 0); // throws when it is gone; no start time to check without /proc
      return s;
    }
    const st = readStat(s.pid);
    return st && st.starttime === s.starttime ? s : undefined;
  } catch {
    return undefined;
  }
}

export function clearRunState(port: number, dir = runDir()): void {
  rmSync(file(port, dir), { force: true });
}
