// Named pipes (mkfifo(3), fifo(7)). The name is an inode of the file system; opening it gives
// an open file on a pipe shared by everyone who has it open, created at the first open and
// gone (with any unread bytes) when the last one closes. As in Linux's fifo_open, an opener
// counts itself at once and then waits for its partner: a reader blocks until some writer
// has opened since, a writer until some reader has; O_NONBLOCK makes a reader go on at once
// and a writer with no reader fail with ENXIO; O_RDWR never waits.
import { O_ACCMODE, O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_RDWR, STATUS_FLAGS } from "./fcntl";
import { fdalloc, fdavail } from "./fdtable";
import { filealloc } from "./file";
import type { Inode, KState, Pipe, Task } from "./kstate";
import { pipealloc } from "./pipe";
import { block } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted } from "./signal";
import { lookup, normpath, statpath, UMASK } from "./stat";
import { objChan, touch, waitTest } from "./waitq";

// An opener waits until a partner holds the other end, or one opened since it began.
waitTest("fifoopen", (k, _t, c) => {
  const ip = lookup(k, c.path);
  const st = ip?.fifo;
  const o = st?.pipe === undefined ? undefined : k.objects.get(st.pipe);
  if (!st || !o || o.kind !== "pipe") return true;
  return (c.reader ? o.writers : o.readers) > 0 || (c.reader ? st.writeOpens : st.readOpens) !== c.start;
});

/** A FIFO's state on its inode: the pipe while open, how many readers and writers have ever
 *  opened it (an opener waits for the other count to move), and who waits in open. */
export interface FifoState {
  pipe?: number;
  readOpens: number;
  writeOpens: number;
  /** tid -> the partner count when it started waiting. */
  waiting: Record<number, number>;
}

/** mkfifo(3): a new FIFO at path; EEXIST when the name is taken. */
export function mkfifo(k: KState, path: string, mode: number): SysRet {
  if (path === "") return fail("ENOENT");
  const s = statpath(k, path);
  if (s.ret === 0) return fail("EEXIST");
  if (s.errno === "ENOTDIR") return s;
  const p = normpath(path);
  const ip: Inode = { path: p, data: new Uint8Array(0), size: 0, ver: 0, mode: mode & 0o777 & ~UMASK, fifo: { readOpens: 0, writeOpens: 0, waiting: {} } };
  k.fs.set(p, ip);
  return ok(0);
}

export const isfifo = (k: KState, path: string): Inode | undefined => {
  const ip = lookup(k, path);
  return ip?.fifo ? ip : undefined;
};

function fifopipe(k: KState, st: FifoState): Pipe {
  const o = st.pipe === undefined ? undefined : k.objects.get(st.pipe);
  if (o && o.kind === "pipe") return o;
  const p = pipealloc(k);
  st.pipe = p.id;
  return p;
}

/** open(2) of a FIFO: a descriptor, or blocked until the partner comes. */
export function fifoopen(k: KState, t: Task, ip: Inode, flags: number): SysResult {
  const st = ip.fifo!;
  const p = fifopipe(k, st);
  const acc = flags & O_ACCMODE;
  const call = `open(${ip.path})`;
  const waited = st.waiting[t.tid];
  const reader = acc === O_RDONLY;
  if (waited === undefined) {
    if (!fdavail(k, t.proc)) return fail("EMFILE");
    if (acc === O_RDWR) return install(k, t, p, flags, undefined);
    if (!reader && flags & O_NONBLOCK && p.readers === 0) return fail("ENXIO");
    if (reader) { p.readers++; st.readOpens++; } else { p.writers++; st.writeOpens++; }
    touch(k, objChan(p.id));
  } else if (interrupted(t, call) === "eintr") {
    // A handler ran and the call does not restart: the opener stops counting.
    delete st.waiting[t.tid];
    if (reader) p.readers--; else p.writers--;
    // The last one holding the pipe: it goes, as at the last close.
    if (p.refs === 0 && p.readers + p.writers === 0) k.objects.delete(p.id);
    return fail("EINTR");
  }
  const partnerOpens = () => (reader ? st.writeOpens : st.readOpens);
  const partners = () => (reader ? p.writers : p.readers);
  const start = waited ?? partnerOpens();
  const go = partners() > 0 || partnerOpens() !== start || (reader && flags & O_NONBLOCK);
  if (go) {
    delete st.waiting[t.tid];
    return install(k, t, p, flags, reader ? "read" : "write");
  }
  st.waiting[t.tid] = start;
  return block(k, t, call, { kind: "fifoopen", path: ip.path, reader, start }, [objChan(p.id)]);
}

function install(k: KState, t: Task, p: Pipe, flags: number, end: "read" | "write" | undefined): SysResult {
  if (end === undefined) { p.readers++; p.writers++; }
  const f = filealloc(k, p, flags & (O_ACCMODE | STATUS_FLAGS), end);
  return ok(fdalloc(k, t.proc, f, 0, (flags & O_CLOEXEC) !== 0));
}
