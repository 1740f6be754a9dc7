// System calls on processes (xv6's sysproc.c) whose bodies are more than a call into
// proc.ts, signal.ts or clock.ts: spawning a process from outside with its standard
// descriptors, resource limits, and the calls that wait for a signal or for time.
import * as clock from "./clock";
import { O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from "./fcntl";
import { fdinstall } from "./fdtable";
import { filealloc, filedup, fileclose } from "./file";
import * as fs from "./fs";
import type { KFile, KState, Task } from "./kstate";
import { latin1Bytes } from "./latin1";
import { pipealloc, pipeopen, pipeput } from "./pipe";
import * as proc from "./proc";
import { fail, ok, SysResult } from "./result";
import * as sig from "./signal";
import { UNBLOCKABLE } from "./signum";
import * as tty from "./tty";

/** What a descriptor of a spawned process is connected to. */
export type StdioSpec =
  | { tty: true }
  /** A pipe whose write end the outside world holds: preloaded with `input`, then EOF. */
  | { input: string }
  /** A pipe whose read end the outside world holds and drains at once (captured output). */
  | { pipe: true }
  /** A file in the model's file system (created/truncated for writing; captured output). */
  | { file: string }
  /** An existing file of the model's file system opened for reading (`prog < path`). */
  | { readFile: string }
  | { none: true };

export interface SpawnOptions {
  name: string;
  /** "program" for the learner's program, "client" for scripted outside processes. */
  kind?: "program" | "client";
  /** Parent pid; default 1 (init). */
  ppid?: number;
  /** Descriptors 0, 1, 2. Default: programs all three on the terminal, clients none. */
  stdin?: StdioSpec;
  stdout?: StdioSpec;
  stderr?: StdioSpec;
  /** Make the new process group the terminal's foreground group (as a shell does). Default true for programs. */
  foreground?: boolean;
}

/** A process created from outside (the session): the learner's program or a scripted client. */
export function spawn(k: KState, opts: SpawnOptions): number {
  const kind = opts.kind ?? "program";
  const ppid = opts.ppid !== undefined && k.procs.has(opts.ppid) ? opts.ppid : proc.INIT_PID;
  const p = proc.allocproc(k, ppid, opts.name, kind);
  p.sid = kind === "program" ? 1 : p.pid;
  const dflt: StdioSpec = kind === "program" ? { tty: true } : { none: true };
  let ttyFile: KFile | undefined;
  [opts.stdin ?? dflt, opts.stdout ?? dflt, opts.stderr ?? dflt].forEach((spec, fd) => {
    const f = stdio(k, spec, fd, () => ttyFile ?? (ttyFile = filealloc(k, tty.ttyvnode(k), O_RDWR)));
    if (!f) return;
    fdinstall(k, p, f, fd, false);
    fileclose(k, f); // the slot holds its own reference now
  });
  if (ttyFile) fileclose(k, ttyFile);
  if (kind === "program" && opts.foreground !== false) k.tty.foreground = p.pgid;
  return p.pid;
}

function stdio(k: KState, spec: StdioSpec, fd: number, ttyFile: () => KFile): KFile | undefined {
  if ("tty" in spec) return filedup(ttyFile());
  if ("input" in spec) {
    const pp = pipealloc(k);
    const { r, w } = pipeopen(k, pp);
    pipeput(pp, latin1Bytes(spec.input), true, true); // may exceed the capacity: the writer is the outside
    fileclose(k, w);
    return r;
  }
  if ("pipe" in spec) {
    const pp = pipealloc(k, true);
    pp.capture = true;
    pp.readers = 1; // the outside world's read end
    const w = filealloc(k, pp, O_WRONLY, "write");
    pp.writers++;
    return w;
  }
  if ("readFile" in spec) {
    const v = fs.namei(k, spec.readFile, O_RDONLY);
    return "ret" in v ? undefined : filealloc(k, v, O_RDONLY);
  }
  if ("file" in spec) {
    const v = fs.namei(k, spec.file, O_WRONLY | O_CREAT | O_TRUNC);
    if ("ret" in v) return undefined;
    v.capture = true;
    return filealloc(k, v, fd === 0 ? O_RDWR : O_WRONLY);
  }
  return undefined;
}

/** setrlimit(2) for RLIMIT_NPROC (6) and RLIMIT_NOFILE (7). Every program here runs as one
 *  user, so the new limit is the kernel's, not only the caller's: fork then fails with
 *  EAGAIN at maxProcs (zombies count), open/dup/pipe with EMFILE at maxFds. */
export function setrlimit(k: KState, resource: number, value: number): SysResult {
  if (!Number.isInteger(value) || value < 0) return fail("EINVAL");
  if (resource === 6) k.limits.maxProcs = value;
  else if (resource === 7) k.limits.maxFds = value;
  else return fail("EINVAL");
  return ok(0);
}

/** pause(2): blocks until a signal; returns -1/EINTR after a handler ran. */
export function pause(k: KState, t: Task): SysResult {
  if (sig.interrupted(t, "pause()")) return fail("EINTR");
  return proc.block(k, t, "pause()", { kind: "signal" }, []);
}

/** sigsuspend(2): swap in mask and wait for a signal; returns -1/EINTR after a handler ran, old mask back. */
export function sigsuspend(k: KState, t: Task, mask: number): SysResult {
  if (sig.interrupted(t, "sigsuspend()")) return fail("EINTR");
  if (t.suspendMask === undefined) {
    t.suspendMask = t.mask;
    t.mask = (mask & ~UNBLOCKABLE) >>> 0;
  }
  const r = proc.block(k, t, "sigsuspend()", { kind: "signal" }, []);
  sig.dispatch(k, t.proc);
  return r;
}

/** sleep(3): 0 when the time is up; the seconds left (rounded up) when a handler interrupted it. */
export function sleep(k: KState, t: Task, seconds: number): SysResult {
  if (!Number.isInteger(seconds) || seconds < 0) return fail("EINVAL");
  const r = clock.msleep(k, t, `sleep(${seconds})`, seconds * 1000);
  return "left" in r ? ok(Math.ceil(r.left / 1000)) : r;
}

/** usleep(3): 0 when done, -1/EINTR when a handler interrupted it. */
export function usleep(k: KState, t: Task, usec: number): SysResult {
  if (!Number.isInteger(usec) || usec < 0) return fail("EINVAL");
  const r = clock.msleep(k, t, `usleep(${usec})`, Math.ceil(usec / 1000));
  return "left" in r ? fail("EINTR") : r;
}
