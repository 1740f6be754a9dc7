// Pipes: one byte queue with a fixed capacity, counted readers and writers.
// A reader blocks while the pipe is empty and some writer remains (EOF only after the
// last write end closes); a writer blocks while it is full; with no readers left a write
// raises SIGPIPE and fails with EPIPE. Writes of at most PIPE_BUF bytes are atomic.
import { ByteQueue } from "./bytequeue";
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_WRONLY, PIPE_BUF } from "./fcntl";
import { fdalloc } from "./fdtable";
import { fileclose, filealloc, nonblocking, objalloc } from "./file";
import type { KFile, KState, Pipe, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted, sendsig } from "./signal";
import { SIG } from "./signum";
import { objChan, touch, waitTest } from "./waitq";

/** The pipe a sleeper names, or undefined once it is gone (then the call runs again and sees why). */
const pipeOf = (k: KState, id: number): Pipe | undefined => {
  const o = k.objects.get(id);
  return o?.kind === "pipe" ? o : undefined;
};
/** A read would not wait: data, or EOF once no writer is left. */
export const pipeReadable = (p: Pipe): boolean => p.buf.length > 0 || p.writers === 0;
/** A write of `need` bytes would not wait: room for them, or no reader left (EPIPE). */
export const pipeHasRoom = (p: Pipe, need: number): boolean => p.readers === 0 || p.capacity - p.buf.length >= need;

waitTest("piperead", (k, _t, c) => { const p = pipeOf(k, c.pipe); return !p || pipeReadable(p); });
waitTest("pipewrite", (k, _t, c) => { const p = pipeOf(k, c.pipe); return !p || pipeHasRoom(p, c.need); });

export function pipealloc(k: KState, sink = false): Pipe {
  return objalloc<Pipe>(k, (id) => ({
    id, kind: "pipe", refs: 0, buf: new ByteQueue(), capacity: k.limits.pipeCapacity, readers: 0, writers: 0, sink,
  }));
}

export function pipeopen(k: KState, p: Pipe): { r: KFile; w: KFile } {
  const r = filealloc(k, p, O_RDONLY, "read");
  const w = filealloc(k, p, O_WRONLY, "write");
  p.readers++;
  p.writers++;
  return { r, w };
}

/** pipe2(fds, flags). */
export function pipe(k: KState, t: Task, flags: number): SysResult {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) return fail("EINVAL");
  const { r, w } = pipeopen(k, pipealloc(k));
  r.flags |= flags & O_NONBLOCK;
  w.flags |= flags & O_NONBLOCK;
  const p = t.proc;
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const rfd = fdalloc(k, p, r, 0, cloexec);
  const wfd = rfd < 0 ? -1 : fdalloc(k, p, w, 0, cloexec);
  if (wfd < 0) {
    if (rfd >= 0) p.fds[rfd] = null;
    fileclose(k, r);
    fileclose(k, w);
    return fail("EMFILE");
  }
  return ok(0, { fds: [rfd, wfd] });
}

/** One open file of this pipe went away: count the end. */
export function pipeclose(k: KState, p: Pipe, writeEnd: boolean): void {
  if (writeEnd) p.writers--;
  else p.readers--;
  touch(k, objChan(p.id));
}

export function piperead(k: KState, t: Task, fd: number, f: KFile, p: Pipe, n: number): SysResult {
  if (interrupted(t, `read(${fd})`) === "eintr") return fail("EINTR");
  if (n === 0) return ok(0, { data: new Uint8Array(0) });
  if (p.buf.length > 0) {
    const data = p.buf.take(n);
    touch(k, objChan(p.id));
    return ok(data.length, { data });
  }
  if (p.writers === 0) return ok(0, { data: new Uint8Array(0) });
  if (nonblocking(f)) return fail("EAGAIN");
  return block(k, t, `read(${fd})`, { kind: "piperead", pipe: p.id }, [objChan(p.id)]);
}

export function pipewrite(k: KState, t: Task, fd: number, f: KFile, p: Pipe, bytes: Uint8Array): SysResult {
  const call = `write(${fd})`;
  const how = interrupted(t, call);
  const done = t.partial?.call === call ? t.partial.done : 0;
  t.partial = undefined;
  // Interrupted after part of a large write: the bytes already written are the result.
  if (how === "eintr") return done > 0 ? ok(done) : fail("EINTR");
  if (p.readers === 0) {
    sendsig(k, t.proc, SIG.SIGPIPE);
    return done > 0 ? ok(done) : fail("EPIPE");
  }
  const n = bytes.length;
  // The outside reader takes the bytes at once (file.ts captures them as output).
  if (n === 0 || p.sink) return ok(n);
  const space = p.capacity - p.buf.length;
  let wrote = done;
  if (n <= PIPE_BUF) {
    // Atomic: all n bytes go in together or the writer waits.
    if (space >= n) {
      p.buf.push(bytes);
      touch(k, objChan(p.id));
      return ok(n);
    }
  } else if (space > 0) {
    const chunk = Math.min(space, n - done);
    p.buf.push(bytes.subarray(done, done + chunk));
    touch(k, objChan(p.id));
    wrote += chunk;
    if (wrote === n) return ok(n);
  }
  if (nonblocking(f)) return wrote > 0 ? ok(wrote) : fail("EAGAIN");
  if (wrote > 0) t.partial = { call, done: wrote };
  const need = n <= PIPE_BUF ? n : 1;
  return block(k, t, call, { kind: "pipewrite", pipe: p.id, need }, [objChan(p.id)]);
}

