// Builds Snapshots from the kernel state with structural sharing: every part of a new
// snapshot that equals the same part of the previous one *is* that part, so a history of
// snapshots costs little more than what changed between steps.
import { flagNames } from "./fcntl";
import type { KObj, KProc, KState, Task } from "./kstate";
import { procState } from "./proc";
import { handlerOf } from "./signal";
import { sigsetNames, signame } from "./signum";
import { sockname } from "./socket";
import { KObject, OpenFile, Proc, Snapshot, SNAPSHOT_VERSION } from "./snapshot";

export interface ProcAnnotation {
  line?: number;
  stdout?: { mode: "line" | "full" | "unbuffered"; buffered: string };
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

export class SnapView {
  private prev?: Snapshot;
  private procCache = new Map<number, Proc>();
  private fileCache = new Map<number, OpenFile>();
  private objCache = new Map<number, KObject>();

  build(k: KState, step: number, opts: SnapshotOptions): Snapshot {
    const running = opts.running !== undefined ? k.tasks.get(opts.running) : undefined;
    const processes = cached(this.procCache, [...k.procs.values()].sort((a, b) => a.pid - b.pid), (p) => p.pid, (p) => procView(p, running, opts.annotate?.(p.pid)));
    const files = cached(this.fileCache, [...k.files.values()], (f) => f.id, (f): OpenFile => {
      const v: OpenFile = { id: f.id, refcount: f.refs, offset: f.offset, flags: flagNames(f.flags), object: f.obj.id };
      if (f.end) v.end = f.end;
      return v;
    });
    const objects = cached(this.objCache, [...k.objects.values()].sort((a, b) => a.id - b.id), (o) => o.id, (o) => objView(o));
    const prev = this.prev;
    const snap: Snapshot = {
      version: SNAPSHOT_VERSION,
      step,
      clock: k.clock,
      processes: share(prev?.processes, processes),
      files: share(prev?.files, files),
      objects: share(prev?.objects, objects),
      events: k.events,
      output: k.output,
      foregroundPgid: k.tty.foreground,
    };
    k.events = [];
    k.output = [];
    this.prev = snap;
    return snap;
  }
}

/** Build each item's view and share it with the same item's view in the previous snapshot. */
function cached<S, V>(cache: Map<number, V>, items: S[], id: (s: S) => number, view: (s: S) => V): V[] {
  const seen = new Set<number>();
  const out = items.map((s) => {
    const key = id(s);
    seen.add(key);
    const v = share(cache.get(key), view(s));
    cache.set(key, v);
    return v;
  });
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  return out;
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
      pending: sigsetNames(p.pending),
      blocked: sigsetNames(main?.mask ?? 0),
      handlers,
      lost: p.lost.slice(),
    },
    stdio: { stdout: note?.stdout ?? { mode: p.fds[1]?.obj.kind === "tty" ? "line" : "full", buffered: "" } },
  };
  if (blockedOn) v.blockedOn = blockedOn;
  if (note?.line !== undefined) v.line = note.line;
  if (frames.length) v.signals.running = signame(frames[frames.length - 1].signo);
  if (p.zombie) v.exitStatus = p.status;
  if (p.tasks.length > 1) v.threads = p.tasks.map((t) => t.tid);
  if (p.shm.size) v.shm = [...p.shm.values()];
  return v;
}

const PREVIEW = 64;

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
    case "shm": {
      let preview = "";
      for (let i = 0; i < Math.min(16, o.size); i++) preview += o.data[i].toString(16).padStart(2, "0");
      return { id: o.id, refs: o.refs, kind: "shm", shmid: o.shmid, key: o.key, size: o.size, attached: o.refs, removed: o.removed, preview };
    }
    case "socket": {
      const v: KObject = { id: o.id, refs: o.refs, kind: "socket", state: o.state };
      if (o.port !== undefined) v.local = sockname(o);
      if (o.remote) v.remote = o.remote;
      if (o.state === "listening") {
        v.backlog = o.backlog;
        v.pending = o.acceptq.map((c) => c.id);
      }
      if (o.state === "connected") {
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
