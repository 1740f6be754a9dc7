// Pipes: one byte queue in a fixed number of pages, counted readers and writers.
// A reader blocks while the pipe is empty and some writer remains (EOF only after the
// last write end closes); a writer blocks while every page is in use; with no readers left
// a write raises SIGPIPE and fails with EPIPE. As Linux's pipe_write, a write's tail (its
// length modulo a page) joins the last page when it fits there, and the rest takes whole
// pages: so a pipe of 16 pages holds 65536 bytes of 4096-byte writes but 64000 of
// 1000-byte ones (four to a page). Writes of at most PIPE_BUF bytes take one page or join
// one, and so are atomic.
import { ByteQueue } from "./bytequeue";
import { O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_WRONLY, PAGE_SIZE } from "./fcntl";
import { fdalloc } from "./fdtable";
import { fileclose, filealloc, nonblocking, objalloc } from "./file";
import type { KFile, KState, Pipe, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted, sigpipe } from "./signal";
import { objChan, touch, waitTest } from "./waitq";

/** The pipe a sleeper names, or undefined once it is gone (then the call runs again and sees why). */
const pipeOf = (k: KState, id: number): Pipe | undefined => {
  const o = k.objects.get(id);
  return o?.kind === "pipe" ? o : undefined;
};
/** A read would not wait: data, or EOF once no writer is left. */
export const pipeReadable = (p: Pipe): boolean => p.buf.length > 0 || p.writers === 0;
/** Every page holds bytes (Linux's pipe_full). */
export const pipeFull = (p: Pipe): boolean => p.pages.length >= p.capacity / PAGE_SIZE;
/** A write would not wait (and select calls the pipe writable): a page free, or no reader left (EPIPE). */
export const pipeWritable = (p: Pipe): boolean => p.readers === 0 || !pipeFull(p);

waitTest("piperead", (k, _t, c) => { const p = pipeOf(k, c.pipe); return !p || pipeReadable(p); });
waitTest("pipewrite", (k, _t, c) => { const p = pipeOf(k, c.pipe); return !p || pipeWritable(p); });

export function pipealloc(k: KState, sink = false): Pipe {
  return objalloc<Pipe>(k, (id) => ({
    id, kind: "pipe", refs: 0, buf: new ByteQueue(), capacity: k.limits.pipeCapacity, pages: [], readers: 0, writers: 0, sink,
  }));
}

/**
 * Bytes into the pipe as Linux's pipe_write puts them: on a call's first try at a pipe that
 * is not empty, the write's tail (its length modulo a page, its first bytes) joins the last
 * page when it fits there; then whole pages while one is free (all of them for `unbounded`,
 * the Scenario's stdin, which the outside writes before the program starts). Returns how
 * many bytes went in.
 */
export function pipeput(p: Pipe, bytes: Uint8Array, first: boolean, unbounded = false): number {
  let at = 0;
  const tail = bytes.length % PAGE_SIZE;
  const last = p.pages[p.pages.length - 1];
  if (first && tail && last && last.end + tail <= PAGE_SIZE) {
    last.len += tail;
    last.end += tail;
    at = tail;
  }
  while (at < bytes.length && (unbounded || !pipeFull(p))) {
    const len = Math.min(PAGE_SIZE, bytes.length - at);
    p.pages.push({ len, end: len });
    at += len;
  }
  p.buf.push(bytes.subarray(0, at));
  return at;
}

/** `n` bytes were read: a page whose bytes are all read is free again. */
function pipetake(p: Pipe, n: number): void {
  for (let left = n; left > 0 && p.pages.length; ) {
    const page = p.pages[0];
    const m = Math.min(page.len, left);
    page.len -= m;
    left -= m;
    if (page.len === 0) p.pages.shift();
  }
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
    pipetake(p, data.length);
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
    sigpipe(k, t.proc);
    return done > 0 ? ok(done) : fail("EPIPE");
  }
  const n = bytes.length;
  // The outside reader takes the bytes at once (file.ts captures them as output).
  if (n === 0 || p.sink) return ok(n);
  // The tail tries the last page before any of the write is in; a write that waited after
  // putting some in goes on with whole pages, as Linux's pipe_write loop does.
  const wrote = done + pipeput(p, bytes.subarray(done), done === 0);
  if (wrote > done) touch(k, objChan(p.id));
  if (wrote === n) return ok(n);
  if (nonblocking(f)) return wrote > 0 ? ok(wrote) : fail("EAGAIN");
  if (wrote > 0) t.partial = { call, done: wrote };
  return block(k, t, call, { kind: "pipewrite", pipe: p.id }, [objChan(p.id)]);
}
