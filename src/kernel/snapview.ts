// Builds Snapshots from the kernel state with structural sharing: every part of a new
// snapshot that equals the same part of the previous one *is* that part, so a history of
// snapshots costs little more than what changed between steps.
import { flagNames } from "./fcntl";
import type { KObj, KProc, KState, Sock, Task } from "./kstate";
import { procState } from "./proc";
import { handlerOf } from "./signal";
import { sigsetNames, signame } from "./signum";
import { sockname } from "./socket";
import { KObject, OpenFile, Proc, SemaphoreSet, Snapshot, SNAPSHOT_VERSION, StackFrame, Variable } from "../contract/snapshot";

export interface ProcAnnotation {
  line?: number;
  stdout?: { mode: "line" | "full" | "unbuffered"; buffered: string };
  /** The call stack and globals (the same arrays while nothing in them changed). */
  frames?: StackFrame[];
  globals?: Variable[];
}

export interface SnapshotOptions {
  /** The task that runs (or just ran) this step: its process shows as "running". */
  running?: number;
  /** Per-process data the stepper owns (current line, stdio buffer). */
  annotate?: (pid: number) => ProcAnnotation | undefined;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };

/** next, with every sub-value equal to prev's replaced by prev's (so equal parts are shared). */
export function share<T>(prev: T | undefined, next: T): T {
  if (prev === undefined || prev === next) return next;
  const a = prev as unknown as Json, b = next as unknown as Json;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return (a === b ? prev : next);
  if (Array.isArray(a) !== Array.isArray(b)) return next;
  let same = true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) same = false;
    for (let i = 0; i < b.length; i++) {
      const v = i < a.length ? share(a[i], b[i]) : b[i];
      if (v !== a[i]) same = false;
      b[i] = v;
    }
    return (same ? prev : next);
  }
  const ao = a as { [k: string]: Json | undefined }, bo = b as { [k: string]: Json | undefined };
  const keys = Object.keys(bo);
  if (keys.length !== Object.keys(ao).length) same = false;
  for (const key of keys) {
    const v = key in ao ? share(ao[key], bo[key]) : bo[key];
    if (v !== ao[key]) same = false;
    bo[key] = v;
  }
  return (same ? prev : next);
}

interface Cached<V> {
  view: V;
  /** What the view was built from, compared cheaply to tell whether to rebuild. */
  stamp: unknown[];
}

export class SnapView {
  private prev?: Snapshot;
  private procCache = new Map<number, Cached<Proc>>();
  private fileCache = new Map<number, Cached<OpenFile>>();
  private objCache = new Map<number, Cached<KObject>>();
  private lastRunning?: number;

  /** Build the snapshot; with `take`, the step's events and output move into it. */
  build(k: KState, step: number, opts: SnapshotOptions, take = true): Snapshot {
    const running = opts.running !== undefined ? k.tasks.get(opts.running) : undefined;
    // A process's view changes only when an event names it, it made a call, or the stepper's notes changed.
    const runPid = running?.proc.pid;
    const dirty = (p: KProc): boolean => k.dirty.has(p.pid) || p.pid === runPid || p.pid === this.lastRunning;
    const notes = new Map<number, ProcAnnotation | undefined>();
    const processes = cached(this.procCache, [...k.procs.values()].sort((a, b) => a.pid - b.pid), (p) => p.pid, (p) => {
      const note = opts.annotate?.(p.pid);
      notes.set(p.pid, note);
      // The variables are compared by identity: the stepper hands out the same arrays until they change.
      return [dirty(p) ? NaN : 0, note?.line, note?.stdout?.mode, note?.stdout?.buffered, note?.frames, note?.globals];
    }, (p) => procView(p, running, notes.get(p.pid)));
    const files = cached(this.fileCache, [...k.files.values()], (f) => f.id, (f) => [f.refs, f.offset, f.flags], (f): OpenFile => {
      const v: OpenFile = { id: f.id, refcount: f.refs, offset: f.offset, flags: flagNames(f.flags), object: f.obj.id };
      if (f.end) v.end = f.end;
      return v;
    });
    const objects = cached(this.objCache, [...k.objects.values()].sort((a, b) => a.id - b.id), (o) => o.id, objStamp, objView);
    const prev = this.prev;
    const snap: Snapshot = {
      version: SNAPSHOT_VERSION,
      step,
      clock: k.clock,
      processes: share(prev?.processes, processes),
      files: share(prev?.files, files),
      objects: share(prev?.objects, objects),
      events: take ? k.events : [],
      output: take ? k.output : [],
      foregroundPgid: k.tty.foreground,
    };
    if (k.sems.size) snap.semaphores = share(prev?.semaphores, semaphoresView(k));
    if (take) {
      k.events = [];
      k.output = [];
      k.dirty.clear();
      this.lastRunning = runPid;
    }
    this.prev = snap;
    return snap;
  }
}

/**
 * Each item's view: reused as is when its stamp (a few primitives; NaN never matches)
 * equals the last one, else rebuilt and shared with the previous view where equal.
 */
function cached<S, V>(cache: Map<number, Cached<V>>, items: S[], id: (s: S) => number, stamp: (s: S) => unknown[], view: (s: S, stamp: unknown[]) => V): V[] {
  const seen = new Set<number>();
  const out = items.map((s) => {
    const key = id(s);
    seen.add(key);
    const st = stamp(s);
    const c = cache.get(key);
    if (c && c.stamp.length === st.length && c.stamp.every((x, i) => x === st[i])) return c.view;
    const v = share(c?.view, view(s, st));
    cache.set(key, { view: v, stamp: st });
    return v;
  });
  if (cache.size > seen.size) for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  return out;
}

/** The state an object's view is built from. Shared memory is written by programs directly, so its bytes count. */
function objStamp(o: KObj): unknown[] {
  switch (o.kind) {
    case "file": return [o.refs, o.inode.ver, o.inode.path];
    case "pipe": return [o.refs, o.buf.ver, o.readers, o.writers];
    case "tty": return [o.refs, o.dev.input.ver];
    case "shm": return [o.refs, o.removed, shmPreview(o.data, o.size)];
    case "socket": return [o.refs, o.state, o.port, o.host, o.path, o.remote, o.backlog, o.acceptq.map((c) => c.id).join(), o.recv.ver,
      o.peer?.id, o.peer?.recv.ver, o.peerClosed, o.shutRd, o.shutWr];
  }
}

function shmPreview(data: Uint8Array, size: number): string {
  let preview = "";
  for (let i = 0; i < Math.min(16, size); i++) preview += data[i].toString(16).padStart(2, "0");
  return preview;
}

function procView(p: KProc, running: Task | undefined, note: ProcAnnotation | undefined): Proc {
  const { state, blockedOn } = procState(p, running);
  const main = p.tasks.find((t) => t.tid === p.pid) ?? p.tasks[0];
  const handlers: Record<string, string> = {};
  p.actions.forEach((a, s) => {
    if (a) handlers[signame(s)] = handlerOf(p, s);
  });
  const frames = main?.frames ?? [];
  const v: Proc = {
    pid: p.pid,
    ppid: p.ppid,
    pgid: p.pgid,
    name: p.name,
    kind: p.kind,
    state,
    fds: p.fds.map((f) => (f ? f.id : null)),
    cloexec: p.cloexec.flatMap((c, fd) => (c ? [fd] : [])),
    signals: {
      // The process's and every thread's own (pthread_kill): what the process has pending.
      pending: sigsetNames(p.tasks.reduce((m, t) => m | (t.pending ?? 0), p.pending)),
      blocked: sigsetNames(main?.mask ?? 0),
      handlers,
      lost: p.lost.slice(),
    },
    stdio: { stdout: note?.stdout ?? { mode: p.fds[1]?.obj.kind === "tty" ? "line" : "full", buffered: "" } },
  };
  if (blockedOn) v.blockedOn = blockedOn;
  if (note?.line !== undefined) v.line = note.line;
  if (note?.frames) v.frames = note.frames;
  if (note?.globals) v.globals = note.globals;
  if (frames.length) v.signals.running = signame(frames[frames.length - 1].signo);
  if (p.zombie) v.exitStatus = p.status;
  if (p.tasks.length > 1) v.threads = p.tasks.map((t) => t.tid);
  if (p.shm.size) v.shm = [...p.shm.values()];
  return v;
}

const PREVIEW = 64;

function semaphoresView(k: KState): SemaphoreSet[] {
  const waiting = new Map<number, number[]>();
  for (const t of k.tasks.values()) {
    if (t.state === "blocked" && t.wait?.kind === "semop") waiting.set(t.wait.semid, [...(waiting.get(t.wait.semid) ?? []), t.proc.pid]);
  }
  return [...k.sems.values()].sort((a, b) => a.semid - b.semid)
    .map((s) => ({ semid: s.semid, key: s.key, values: s.vals.slice(), waiting: waiting.get(s.semid) ?? [] }));
}

/** A datagram socket's queue as whole messages (the bytes in recv, cut where each one ends). */
function datagramsView(o: Sock): Array<{ from: string; data: string }> {
  const all = o.recv.latin1();
  let at = 0;
  return o.dgrams.map((d) => {
    const data = all.slice(at, at + d.len);
    at += d.len;
    return { from: d.from, data };
  });
}

function objView(o: KObj): KObject {
  switch (o.kind) {
    case "file": {
      const ip = o.inode;
      let preview = "";
      for (let i = 0; i < Math.min(PREVIEW, ip.size); i++) preview += String.fromCharCode(ip.data[i]);
      return { id: o.id, refs: o.refs, kind: "file", path: ip.path, size: ip.size, preview };
    }
    case "pipe":
      return { id: o.id, refs: o.refs, kind: "pipe", capacity: o.capacity, buffer: o.buf.latin1(), readers: o.readers, writers: o.writers };
    case "tty":
      return { id: o.id, refs: o.refs, kind: "tty", name: o.dev.name, input: o.dev.input.latin1() };
    case "shm":
      return { id: o.id, refs: o.refs, kind: "shm", shmid: o.shmid, key: o.key, size: o.size, attached: o.refs, removed: o.removed, preview: shmPreview(o.data, o.size) };
    case "socket": {
      const v: KObject = { id: o.id, refs: o.refs, kind: "socket", state: o.state };
      if (o.family === "unix") v.family = "AF_UNIX";
      if (o.type === "dgram") {
        v.type = "SOCK_DGRAM";
        v.datagrams = datagramsView(o);
      }
      if (o.port !== undefined || o.family === "unix") v.local = sockname(o);
      if (o.remote !== undefined && (o.remote || o.family === "unix")) v.remote = o.remote;
      if (o.state === "listening") {
        v.backlog = o.backlog;
        v.pending = o.acceptq.map((c) => c.id);
      }
      if (o.state === "connected" && o.type === "stream") {
        v.recvQueue = o.recv.latin1();
        v.sendQueue = o.peer ? o.peer.recv.latin1() : "";
        if (o.peer) v.peer = o.peer.id;
        v.peerClosed = o.peerClosed;
        v.shutRd = o.shutRd;
        v.shutWr = o.shutWr;
      }
      return v;
    }
  }
}
