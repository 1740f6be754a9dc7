// select(2) over descriptors: which are ready to read (data, EOF, a queued connection),
// which to write; blocks until one is, or until the timeout in logical time.
import { deadline } from "./clock";
import { readable as canRead, writable as canWrite } from "./file";
import type { KFile, KState, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted } from "./signal";
import { sockReadable, sockWritable } from "./socket";
import { ttyReadable } from "./tty";
import { PIPE_BUF } from "./fcntl";

export interface SelectSets {
  read?: number[];
  write?: number[];
  except?: number[];
}

function readyToRead(f: KFile): boolean {
  const o = f.obj;
  if (!canRead(f)) return false;
  switch (o.kind) {
    case "pipe": return o.buf.length > 0 || o.writers === 0;
    case "socket": return sockReadable(o);
    case "tty": return ttyReadable(o.dev);
    default: return true;
  }
}

function readyToWrite(k: KState, f: KFile): boolean {
  const o = f.obj;
  if (!canWrite(f)) return false;
  switch (o.kind) {
    case "pipe": return o.readers === 0 || o.capacity - o.buf.length >= PIPE_BUF;
    case "socket": return sockWritable(k, o);
    default: return true;
  }
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
  const poll = (): { readable: number[]; writable: number[] } => ({
    readable: rs.filter((fd) => p.fds[fd] && readyToRead(p.fds[fd]!)),
    writable: ws.filter((fd) => p.fds[fd] && readyToWrite(k, p.fds[fd]!)),
  });
  const r = poll();
  const n = r.readable.length + r.writable.length;
  const due = timeoutMs === null ? undefined : deadline(k, t, call, timeoutMs);
  if (n > 0 || (due !== undefined && k.clock >= due)) {
    t.timer = undefined;
    return ok(n, r);
  }
  return block(k, t, call, () => (due !== undefined && k.clock >= due) || (() => {
    const q = poll();
    return q.readable.length + q.writable.length > 0;
  })());
}
