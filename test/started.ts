// The processes a test itself started, found in /proc whatever became of them: other test
// runs may share the machine and run the same programs, so a test that looks for leftovers by
// program name would see theirs. Linux only.
//
// Two marks, because each misses what the other sees:
// - a token in the environment: every process started while it is set inherits it, through
//   fork and exec, even once orphaned and re-parented away from us (a zombie's environment
//   is gone, though);
// - descent from this process (parent links in /proc/PID/stat), zombies included, counting
//   only processes that began after the test did.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readStat } from "../src/live/procfs";

const VAR = "FORKLAB_TEST_STARTED";

const pids = (): number[] => readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);

/** NUL-separated /proc/PID/environ; empty for a zombie or another user's process. */
function environ(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, "latin1");
  } catch {
    return "";
  }
}

export class Started {
  private readonly mark = `${VAR}=${randomUUID()}`;
  /** Processes that existed before: long-lived helpers of the test runner are not the test's. */
  private readonly before = new Set<string>();

  /** Runs fn with the token in the environment that child processes inherit. */
  async during<T>(fn: () => Promise<T>): Promise<T> {
    for (const pid of pids()) this.before.add(identity(pid));
    const saved = process.env[VAR];
    process.env[VAR] = this.mark.slice(VAR.length + 1);
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env[VAR];
      else process.env[VAR] = saved;
    }
  }

  /** "pid 123 (name, state S)" for each process the test started that is still in /proc. */
  left(): string[] {
    const all = pids();
    const parent = new Map(all.map((pid) => [pid, readStat(pid)?.ppid ?? 0]));
    const descends = (pid: number): boolean => {
      for (let p = parent.get(pid) ?? 0, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
      return false;
    };
    const marked = (pid: number): boolean => environ(pid).split("\0").includes(this.mark);
    return all
      .filter((pid) => pid !== process.pid && !this.before.has(identity(pid)) && (descends(pid) || marked(pid)))
      .map((pid) => {
        const s = readStat(pid);
        return `pid ${pid} (${s?.comm ?? "?"}, state ${s?.state ?? "?"})`;
      })
      .filter((line) => !line.endsWith("state ?)")); // ended while we looked
  }
}

/** What is left once exits under way have had up to ms to finish (a leak stays; an exit
 *  being reaped on a loaded machine goes). */
export async function leftAfter(started: Started, ms = 2000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let left = started.left();
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    left = started.left();
  }
  return left;
}

/** A pid and its start time: a pid reused later is another process. */
function identity(pid: number): string {
  return `${pid}@${readStat(pid)?.starttime ?? "?"}`;
}
