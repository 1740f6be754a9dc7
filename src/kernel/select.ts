// select(2) over descriptors: which are ready to read (data, EOF, a queued connection),
// which to write; blocks until one is, or until the timeout in logical time.
import { deadline } from "./clock";
import { readable as canRead, writable as canWrite } from "./file";
import type { KFile, KState, Task, WaitCond } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted } from "./signal";
import { sockChans, sockReadable, sockWritable } from "./socket";
import { ttyReadable } from "./tty";
import { pipeReadable, pipeWritable } from "./pipe";
import { Chan, CLOCK_CHAN, objChan, TTY_CHAN, waitTest } from "./waitq";

export interface SelectSets {
  read?: number[];
  write?: number[];
  except?: number[];
}

function readyToRead(f: KFile): boolean {
  const o = f.obj;
  if (!canRead(f)) return false;
  switch (o.kind) {
    case "pipe": return pipeReadable(o);
    case "socket": return sockReadable(o);
    case "tty": return ttyReadable(o.dev);
    default: return true;
  }
}

function readyToWrite(k: KState, f: KFile): boolean {
  const o = f.obj;
  if (!canWrite(f)) return false;
  switch (o.kind) {
    case "pipe": return pipeWritable(o);
    case "socket": return sockWritable(k, o);
    default: return true;
  }
}

/** The descriptors of rs and ws that are ready now, as select leaves its sets. */
function poll(k: KState, t: Task, rs: number[], ws: number[]): { readable: number[]; writable: number[] } {
  const fds = t.proc.fds;
  return {
    readable: rs.filter((fd) => fds[fd] && readyToRead(fds[fd]!)),
    writable: ws.filter((fd) => fds[fd] && readyToWrite(k, fds[fd]!)),
  };
}

waitTest("select", (k, t, c) => {
  if (c.deadline !== undefined && k.clock >= c.deadline) return true;
  const q = poll(k, t, c.read, c.write);
  return q.readable.length + q.writable.length > 0;
});

/** The channels of the objects behind the descriptors, and the clock for a timeout. */
export function selectChans(t: Task, rs: number[], ws: number[], timed: boolean): Chan[] {
  const chans = new Set<Chan>(timed ? [CLOCK_CHAN] : []);
  const add = (fd: number, write: boolean): void => {
    const o = t.proc.fds[fd]?.obj;
    if (!o) return;
    if (o.kind === "socket") for (const c of sockChans(o, write)) chans.add(c);
    else chans.add(o.kind === "tty" ? TTY_CHAN : objChan(o.id));
  };
  for (const fd of rs) add(fd, false);
  for (const fd of ws) add(fd, true);
  return [...chans];
}

export function select(k: KState, t: Task, nfds: number, sets: SelectSets, timeoutMs: number | null): SysResult {
  if (!Number.isInteger(nfds) || nfds < 0 || nfds > k.limits.maxFds) return fail("EINVAL");
  if (timeoutMs !== null && (!Number.isFinite(timeoutMs) || timeoutMs < 0)) return fail("EINVAL");
  const p = t.proc;
  const want = (list?: number[]): number[] => [...new Set((list ?? []).filter((fd) => fd < nfds))].sort((a, b) => a - b);
  const rs = want(sets.read), ws = want(sets.write), es = want(sets.except);
  for (const fd of [...rs, ...ws, ...es]) if (!(fd >= 0 && p.fds[fd])) return fail("EBADF");
  const call = `select(${nfds})`;
  if (interrupted(t, call) === "eintr") {
    t.timer = undefined;
    return fail("EINTR");
  }
  const r = poll(k, t, rs, ws);
  const n = r.readable.length + r.writable.length;
  const due = timeoutMs === null ? undefined : deadline(k, t, call, timeoutMs);
  if (n > 0 || (due !== undefined && k.clock >= due)) {
    t.timer = undefined;
    return ok(n, r);
  }
  const cond: WaitCond = { kind: "select", read: rs, write: ws };
  if (due !== undefined) cond.deadline = due;
  return block(k, t, call, cond, selectChans(t, rs, ws, due !== undefined));
}
