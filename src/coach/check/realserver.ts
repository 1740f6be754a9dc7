// One real run of a learner's server for one check: started under the reaper helper (its
// own process group, every orphan reaped), output kept short, stopped with SIGTERM then
// SIGKILL to the whole group, and checked gone in /proc. Linux only.

import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import type { Readable } from "node:stream";
import { listeningInodes } from "../../live/discover";
import { readProcess, type Descriptor } from "../../live/procfs";
import { blockedOn } from "../../live/blockedon";
import { groupMembers } from "../../live/stop";
import { probeGroup, type ProcInfo } from "../../fidelity/proc-probe";

/** Bytes of stdout and of stderr kept (the tail); the rest is counted and dropped. */
const KEEP_BYTES = 4096;
/** How long a server may take to listen on its port. */
const START_MS = 3000;
/** How long SIGTERM has before SIGKILL. */
export const GRACE_MS = 300;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The tail of a stream, bounded, with a count of everything seen. */
class Tail {
  text = "";
  bytes = 0;
  constructor(stream: Readable | null) {
    stream?.setEncoding("latin1");
    stream?.on("data", (chunk: string) => {
      this.bytes += chunk.length;
      this.text = (this.text + chunk).slice(-KEEP_BYTES);
    });
  }
  lastLine(): string {
    return this.text.trim().split("\n").pop() ?? "";
  }
}

export interface ServerExit {
  /** Raw wait status. */
  status: number;
}

/** "exited with status 1", "was killed by SIGPIPE". */
export function describeStatus(status: number): string {
  const sig = status & 0x7f;
  if (sig) return `was killed by signal ${sig}${signalName(sig) ? ` (${signalName(sig)})` : ""}`;
  return `exited with status ${(status >> 8) & 0xff}`;
}

function signalName(n: number): string | undefined {
  return Object.entries(constants.signals).find(([, v]) => v === n)?.[0];
}

export class RealServer {
  readonly stdout: Tail;
  readonly stderr: Tail;
  /** The server's pid, which is also its process group id. */
  pid = 0;
  exit?: ServerExit;
  private readonly reaper: ChildProcess;
  private reaperDone: Promise<void>;
  private pidKnown: Promise<number>;

  constructor(reaperBin: string, exe: string, readonly port: number, cwd: string) {
    this.reaper = spawn(reaperBin, [exe, String(port)], { cwd, stdio: ["ignore", "pipe", "pipe", "pipe"] });
    this.stdout = new Tail(this.reaper.stdout);
    this.stderr = new Tail(this.reaper.stderr);
    this.reaperDone = new Promise((r) => this.reaper.once("close", () => r()));
    const ctl = this.reaper.stdio[3] as Readable;
    ctl.setEncoding("latin1");
    this.pidKnown = new Promise((resolve) => {
      let buf = "";
      ctl.on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const [word, a, b] = buf.slice(0, nl).split(" ");
          buf = buf.slice(nl + 1);
          if (word === "pid") { this.pid = Number(a); resolve(this.pid); }
          if (word === "exit") this.exit = { status: Number(b) };
        }
      });
      this.reaper.once("close", () => resolve(0));
    });
  }

  /** Waits until the server listens on its port; the reason it did not otherwise. */
  async listening(): Promise<string | undefined> {
    const pid = await this.pidKnown;
    if (!pid) return `the server could not be started: ${this.stderr.lastLine() || "the launcher failed"}`;
    const deadline = Date.now() + START_MS;
    while (Date.now() < deadline) {
      if (listeningInodes(this.port, "127.0.0.1").length) return undefined;
      if (this.exit) return `the server ${describeStatus(this.exit.status)} before it listened on port ${this.port}${this.stderr.lastLine() ? ` ("${this.stderr.lastLine()}")` : ""}`;
      await sleep(10);
    }
    return `the server did not listen on 127.0.0.1:${this.port} within ${START_MS / 1000} s (it takes its port as argv[1])`;
  }

  alive(): boolean {
    return !this.exit;
  }

  /** Every process of the server's group, zombies included. */
  procs(): ProcInfo[] {
    return this.pid ? probeGroup(this.pid) : [];
  }

  /** Waits until none of the group is running (R or D) twice in a row, up to ms. */
  async settle(ms = 500): Promise<ProcInfo[]> {
    const deadline = Date.now() + ms;
    let calm = 0;
    for (;;) {
      const procs = this.procs();
      calm = procs.every((p) => p.state !== "R" && p.state !== "D") ? calm + 1 : 0;
      if (calm >= 2 || Date.now() >= deadline) return procs;
      await sleep(10);
    }
  }

  /** Stops the whole group (SIGTERM, then SIGKILL after the grace period), lets the reaper
   *  reap everything, and returns the pids still found in /proc (none, normally). */
  async stop(): Promise<number[]> {
    const pgid = this.pid;
    const signal = (sig: NodeJS.Signals) => { try { process.kill(-pgid, sig); } catch { /* nobody left */ } };
    if (pgid) {
      signal("SIGCONT"); // a stopped group would not act on SIGTERM
      signal("SIGTERM");
      const deadline = Date.now() + GRACE_MS;
      while (Date.now() < deadline && groupMembers(pgid).some((p) => readProcess(p)?.stat.state !== "Z")) await sleep(10);
      signal("SIGKILL");
    }
    // EOF on the control channel: the reaper kills the group too, reaps all and exits.
    (this.reaper.stdio[3] as Readable & { end?: () => void }).destroy();
    await Promise.race([this.reaperDone, sleep(10_000)]);
    if (this.reaper.exitCode === null && this.reaper.signalCode === null) this.reaper.kill("SIGKILL");
    if (!pgid) return [];
    // On a busy machine the last exits may still be under way: look again for a while.
    const until = Date.now() + 2000;
    let left = groupMembers(pgid);
    while (left.length && Date.now() < until) {
      await sleep(20);
      left = groupMembers(pgid);
    }
    return left;
  }
}

/** "pid 123 (echo) is in read(4)" from /proc, for evidence lines. */
export function describeProc(p: ProcInfo): string {
  if (p.state === "Z") return `pid ${p.pid} (${p.name}) is a zombie (state Z in /proc/${p.pid}/stat), parent ${p.ppid}`;
  const r = readProcess(p.pid);
  const call = r?.syscall ? blockedOn(r.syscall) : undefined;
  return `pid ${p.pid} (${p.name}, parent ${p.ppid}) is ${call ? `in ${call}` : `in state ${p.state}`} with ${p.fds} descriptors (/proc/${p.pid})`;
}

/** The descriptors of a process, from /proc/PID/fd. */
export function descriptors(pid: number): Descriptor[] {
  return readProcess(pid)?.fds ?? [];
}
