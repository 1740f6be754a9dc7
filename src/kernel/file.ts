// The open file table (open file descriptions): xv6's filealloc, filedup, fileclose,
// and read/write dispatch to the object behind the description.
import { O_ACCMODE, O_NONBLOCK, O_RDONLY, O_WRONLY } from "./fcntl";
import type { KFile, KObj, KState, Task } from "./kstate";
import { fail, SysResult } from "./result";
import { readi, vnodeRelease, writei } from "./fs";
import { pipeclose, piperead, pipewrite } from "./pipe";
import { sockclose, sockread, sockwrite } from "./socket";
import { ttyread, ttyRelease } from "./tty";
import { latin1Text } from "./latin1";
import type { OutputChunk } from "../contract/snapshot";

export function objalloc<T extends KObj>(k: KState, make: (id: number) => T): T {
  const o = make(k.nextObjId++);
  k.objects.set(o.id, o);
  return o;
}

/** A new open file description with one reference, pointing at obj. */
export function filealloc(k: KState, obj: KObj, flags: number, end?: "read" | "write"): KFile {
  const f: KFile = { id: k.nextFileId++, refs: 1, offset: 0, flags, obj, end };
  obj.refs++;
  k.files.set(f.id, f);
  return f;
}

export function filedup(f: KFile): KFile {
  f.refs++;
  return f;
}

/** Drop one reference; the last one releases the description and its hold on the object. */
export function fileclose(k: KState, f: KFile): void {
  if (--f.refs > 0) return;
  k.files.delete(f.id);
  const o = f.obj;
  o.refs--;
  // A FIFO opened O_RDWR is both a reader and a writer.
  if (o.kind === "pipe" && f.end === undefined) { pipeclose(k, o, true); pipeclose(k, o, false); }
  else if (o.kind === "pipe") pipeclose(k, o, f.end === "write");
  // A FIFO's opener waiting in open already counts as a reader or writer (fifo.ts): the
  // pipe, and the bytes a writer left in it, stay for it, as Linux's pipe inode does.
  if (o.refs > 0 || (o.kind === "pipe" && o.readers + o.writers > 0)) return;
  k.objects.delete(o.id);
  if (o.kind === "file") vnodeRelease(o);
  else if (o.kind === "socket") sockclose(k, o);
  else if (o.kind === "tty") ttyRelease(o);
}

export const readable = (f: KFile): boolean => (f.flags & O_ACCMODE) !== O_WRONLY;
export const writable = (f: KFile): boolean => (f.flags & O_ACCMODE) !== O_RDONLY;
export const nonblocking = (f: KFile): boolean => (f.flags & O_NONBLOCK) !== 0;

export function fileread(k: KState, t: Task, fd: number, f: KFile, n: number): SysResult {
  if (!readable(f)) return fail("EBADF");
  if (!Number.isInteger(n) || n < 0) return fail("EINVAL");
  const o = f.obj;
  switch (o.kind) {
    case "file": return readi(f, o, n);
    case "pipe": return piperead(k, t, fd, f, o, n);
    case "socket": return sockread(k, t, fd, f, o, n);
    case "tty": return ttyread(k, t, fd, o, n);
    case "shm": return fail("EINVAL");
  }
}

export function filewrite(k: KState, t: Task, fd: number, f: KFile, bytes: Uint8Array): SysResult {
  if (!writable(f)) return fail("EBADF");
  const o = f.obj;
  let r: SysResult;
  switch (o.kind) {
    case "file": r = writei(f, o, bytes); break;
    case "pipe": r = pipewrite(k, t, fd, f, o, bytes); break;
    case "socket": r = sockwrite(k, t, fd, f, o, bytes); break;
    case "tty": r = { ret: bytes.length }; break;
    case "shm": return fail("EINVAL");
  }
  if (o.capture && "ret" in r && r.ret > 0) {
    const chunk: OutputChunk = { pid: t.proc.pid, fd, text: latin1Text(bytes.subarray(0, r.ret)) };
    if (t.tid !== t.proc.pid) chunk.tid = t.tid; // a thread other than the main one wrote it
    k.output.push(chunk);
  }
  return r;
}
