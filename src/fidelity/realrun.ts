// The real side of a fidelity check: compile the file, run it under strace with a
// Scenario (clients, stdin, signals via the scenario driver), and read back one parsed
// trace per process with every stack frame in our executable resolved to a source line.

import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { listensInSource, type Scenario } from "../contract/scenario";
import { compile, type Compiled } from "./compile";
import { mirrorFolder } from "./folder";
import { probeGroup, tracerOf } from "./proc-probe";
import { freePort } from "../host/ports";
import { runScenario, scenarioPortOf } from "./scenario-driver";
import { parseStrace, type StraceEvent } from "./strace";
import { symbolize, type Site } from "./symbolize";

const run = promisify(execFile);

/** How long a real run may take before it is killed (RealRunOptions.timeoutMs). */
export const DEFAULT_TIMEOUT_MS = 15000;

/** Every call the model knows about, by its Linux name (and the variants libc really uses). */
export const TRACED_CALLS = [
  "clone", "clone3", "fork", "vfork", "execve", "exit_group", "wait4", "waitid", "kill",
  "getpid", "getppid", "setpgid", "open", "openat", "creat", "close", "read", "write", "pread64", "pwrite64", "lseek",
  "dup", "dup2", "dup3", "pipe", "pipe2", "socket", "socketpair", "bind", "listen", "accept", "accept4",
  "connect", "setsockopt", "getsockopt", "shutdown", "writev", "readv", "poll", "ppoll", "sendto", "recvfrom", "select", "pselect6",
  "rt_sigaction", "rt_sigprocmask", "rt_sigsuspend", "pause", "alarm", "nanosleep",
  "clock_nanosleep", "restart_syscall", "shmget", "shmat", "shmdt", "shmctl", "semget", "semop", "semtimedop", "semctl",
  "fcntl", "getpgrp", "setsid", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir", "getsockname", "getpeername", "rt_sigpending",
  "tgkill", "tkill", "exit",
];

/** One traced program: the main one, or one the Scenario starts first (a server). */
export interface TracedProgram {
  compiled: Compiled;
  /** Parsed strace events per pid, in each process's own order. */
  procs: Map<number, StraceEvent[]>;
  /** The pid that exec'd the executable: its first process. */
  mainPid: number;
  /** Return address (offset into the executable) -> source site. */
  sites: Map<number, Site>;
  /** Resolved path of the executable as strace names it in stack frames. */
  exePath: string;
}

export interface LinuxRun extends TracedProgram {
  /** Parsed strace events per pid, in each process's own order. */
  procs: Map<number, StraceEvent[]>;
  /** The pid that exec'd our executable: P1. */
  mainPid: number;
  /** Return address (offset into the executable) -> source site. */
  sites: Map<number, Site>;
  /** Resolved path of the executable as strace names it in stack frames. */
  exePath: string;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Pids the harness killed at the end because they would not end by themselves. */
  harnessKilled: Set<number>;
  /** The port the real server used (a free one, substituted for the scenario's), if any. */
  port?: number;
  scenarioPort?: number;
  /** The machine's node name, what the program's gethostname read (renamed to the model's). */
  hostname?: string;
  /** Wall time of the traced run, ms. */
  ms: number;
  /** The Scenario's `programs`, each traced by a strace of its own (named S1, S2... in the
   *  normalised trace), in the Scenario's order. */
  programs?: TracedProgram[];
}

export class StraceUnavailable extends Error {}

/** Fails plainly when strace is missing or ptrace is not allowed here (containers often forbid it). */
export async function checkStrace(): Promise<void> {
  try {
    await run("strace", ["-V"]);
  } catch {
    throw new StraceUnavailable("strace is not installed: the real side of the fidelity check needs it (apt-get install strace)");
  }
  try {
    await run("strace", ["-f", "-o", "/dev/null", "true"], { timeout: 10000 });
  } catch (err) {
    const e = err as { stderr?: string };
    throw new StraceUnavailable(`strace cannot trace here (ptrace is not permitted: ${String(e.stderr ?? "").trim() || "unknown error"}); ` +
      "the fidelity check needs ptrace (e.g. docker --cap-add=SYS_PTRACE, or kernel.yama.ptrace_scope <= 1)");
  }
}

export interface RealRunOptions {
  examplesDir?: string;
  timeoutMs?: number;
}

export async function realRun(file: string, scenario: Scenario, opts: RealRunOptions = {}): Promise<LinuxRun> {
  const compiled = await compile(file, { examplesDir: opts.examplesDir });
  const programs: Compiled[] = [];
  try {
    // The Scenario's programs are NAME.c next to the program, compiled the same way.
    for (const p of scenario.programs ?? []) programs.push(await compile(join(dirname(compiled.source), p.file), { examplesDir: opts.examplesDir }));
    return await traceCompiled(compiled, scenario, opts, programs);
  } catch (err) {
    compiled.dispose();
    for (const p of programs) p.dispose();
    throw err;
  }
}

/** Remove every compiled executable of a run (the main one and the Scenario's programs). */
export function disposeRun(run: LinuxRun): void {
  run.compiled.dispose();
  for (const p of run.programs ?? []) p.compiled.dispose();
}

export async function traceCompiled(compiled: Compiled, scenario: Scenario, opts: RealRunOptions = {}, programs: Compiled[] = []): Promise<LinuxRun> {
  const traceDir = join(compiled.dir, "strace");
  mkdirSync(traceDir);
  mirrorFolder(dirname(compiled.source), compiled.dir, new Set([basename(compiled.exe), "strace"]));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // strace's options; each program writes its own files: t.PID (the main one), s1.PID...
  const straceFor = (prefix: string) => [
    // A backstop if this process dies; the driver's own timer kills the whole group first.
    // --foreground: timeout must not re-send the scenario's signals to the group.
    "timeout", "--foreground", "-s", "KILL", String(Math.ceil(timeoutMs / 1000) + 5),
    // -I4: strace shares the program's process group, so Ctrl-C and Ctrl-Z sent to the
    // group must not stop or kill strace itself.
    "strace", "-ff", "-k", "-ttt", "-T", "-q", "-I4", "-s", "65536", "-o", join(traceDir, prefix),
    "-e", `trace=${TRACED_CALLS.join(",")}`,
    // The model's clients answer an echo before the program's next select: a select waits
    // 5 ms before it looks, time enough for a real client to answer (docs/fidelity.md).
    ...(scenario.clients?.length ? ["-e", "inject=select,pselect6,poll,ppoll:delay_enter=5000"] : []),
  ];
  const hasClients = (scenario.clients?.length ?? 0) > 0;
  // A free port for the run, renamed in the main program's and the extra programs' argv alike:
  // a fixed one (15213) would be taken by a concurrent run or any other server on the machine.
  // A program that listens takes it too, even with no client of the Scenario's (it may be its
  // own client, as socket-tuple.c is); the normaliser names it back in the output.
  const usesPort = hasClients || programs.length > 0 || listensInSource(readFileSync(compiled.source, "utf8"));
  const port = usesPort ? await freePort() : undefined;
  const t0 = Date.now();
  const harnessKilled = new Set<number>();
  const result = await runScenario(compiled.exe, scenario, {
    wrap: straceFor("t"), port, timeoutMs, cwd: compiled.dir,
    stopWhenDone: (pgid) => stopTracees(pgid, traceDir, t0 + timeoutMs, harnessKilled),
    programs: programs.map((p, i) => ({ exe: p.exe, wrap: straceFor(`s${i + 1}`) })),
    // A server outlives its client: once the client has ended and the server is calm, kill
    // its traced processes as a stopped server would be (their ends read "still running").
    stopPrograms: async (pgids) => {
      for (const pgid of pgids) await stopTracees(pgid, traceDir, Date.now() + timeoutMs, harnessKilled);
    },
  });
  const ms = Date.now() - t0;

  const main = await readTraces(compiled, traceDir, "t");
  const traced: TracedProgram[] = [];
  for (const [i, p] of programs.entries()) traced.push(await readTraces(p, traceDir, `s${i + 1}`));
  const scenarioPort = usesPort ? scenarioPortOf(scenario) : undefined;
  return {
    ...main, stdout: result.stdout, stderr: result.stderr,
    timedOut: result.timedOut, harnessKilled, port, scenarioPort, hostname: hostname(), ms, programs: traced,
  };
}

/** One program's strace files (PREFIX.PID), its first process and its call sites resolved. */
async function readTraces(compiled: Compiled, traceDir: string, prefix: string): Promise<TracedProgram> {
  const procs = new Map<number, StraceEvent[]>();
  for (const name of readdirSync(traceDir)) {
    const m = /^(\w+)\.(\d+)$/.exec(name);
    if (m && m[1] === prefix) procs.set(Number(m[2]), parseStrace(readFileSync(join(traceDir, name), "utf8")));
  }
  const exePath = realpathSync(compiled.exe);
  // Started by its path, or as ./name from its folder (scenario-driver.ts).
  const started = [JSON.stringify(compiled.exe), JSON.stringify(`./${basename(compiled.exe)}`)];
  const mainPid = [...procs.entries()].find(([, evs]) =>
    evs.some((e) => e.kind === "syscall" && e.name === "execve" && e.ret === 0 && started.includes(e.args[0])))?.[0];
  if (mainPid === undefined) throw new Error(`strace recorded no execve of ${compiled.exe}: the program did not start`);
  const addresses: number[] = [];
  for (const evs of procs.values())
    for (const e of evs)
      if (e.kind === "syscall" || e.kind === "signal")
        for (const f of e.stack) if (f.object === exePath) addresses.push(f.address);
  const sites = await symbolize(compiled.exe, addresses);
  return { compiled, procs, mainPid, sites, exePath };
}

// Linux x86-64 numbers of the calls that sleep for a while and then go on by themselves.
const TIMED_SLEEPS = new Set([35 /* nanosleep */, 230 /* clock_nanosleep */, 37 /* alarm */]);

/**
 * A server never ends by itself: once the scenario is over, wait until nothing traced is
 * running or sleeping on a timer and the trace files stop growing, then kill the traced
 * processes (not strace, which then writes their last lines and exits).
 */
async function stopTracees(pgid: number, traceDir: string, deadline: number, killed: Set<number>): Promise<void> {
  let lastSize = -1;
  let calm = 0;
  while (Date.now() < deadline) {
    // A zombie has ended already (e.g. by the scenario's own SIGKILL): not ours to kill.
    const traced = probeGroup(pgid).filter((p) => p.state !== "Z" && p.state !== "X" && tracerOf(p.pid) !== 0);
    if (traced.length === 0) return;
    const size = readdirSync(traceDir).reduce((n, f) => n + safeSize(join(traceDir, f)), 0);
    const busy = traced.some((p) => p.state === "R" || p.state === "D" || TIMED_SLEEPS.has(syscallOf(p.pid)));
    calm = !busy && size === lastSize ? calm + 1 : 0;
    lastSize = size;
    if (calm >= 3 && alarmDue(traceDir) > Date.now()) {
      // Blocked, but an alarm it set will wake it (eintr-accept.c's accept): not done yet.
      calm = 0;
    } else if (calm >= 3) {
      for (const p of traced) {
        try {
          killed.add(p.pid);
          process.kill(p.pid, "SIGKILL");
        } catch {
          // it ended by itself meanwhile
        }
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 60));
  }
}

/**
 * When the last alarm(2) a traced process set will fire (epoch ms, from strace's -ttt stamp
 * and the seconds asked for), or 0 when none is pending. alarm(0) cancels; a later alarm
 * replaces an earlier one, so each trace file's last call counts.
 */
export function alarmDue(traceDir: string): number {
  let due = 0;
  for (const f of readdirSync(traceDir)) {
    let text: string;
    try {
      text = readFileSync(join(traceDir, f), "utf8");
    } catch {
      continue;
    }
    let last: RegExpExecArray | undefined;
    for (const m of text.matchAll(/^(\d+\.\d+) alarm\((\d+)\)/gm)) last = m;
    if (last && Number(last[2]) > 0) due = Math.max(due, Math.round((Number(last[1]) + Number(last[2])) * 1000));
  }
  return due;
}

function syscallOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/syscall`, "utf8").split(" ")[0]);
  } catch {
    return -1;
  }
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
