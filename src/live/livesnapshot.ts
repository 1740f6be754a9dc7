// Turns what /proc says about a real process tree into the same Snapshot the model
// produces: processes with descriptor tables, the open file table (descriptors grouped
// by open file description) and the objects behind them. Ids stay stable from one
// refresh to the next, so a view can animate changes.
import { constants as osConstants } from "node:os";
import { constants as fsConstants } from "node:fs";
import {
  KEvent, KObject, OpenFile, Proc, ProcState, SNAPSHOT_VERSION, Snapshot, SocketObject,
} from "../contract/snapshot";
import { PIPE_CAPACITY } from "../kernel/fcntl";
import { blockedOn } from "./blockedon";
import { NetSocket } from "./netsockets";
import { Descriptor, ProcReading, ProcSigMasks } from "./procfs";

/** What a live Snapshot adds: where it came from and how exact it is. Plain JSON. */
export interface LiveInfo {
  mode: "live";
  rootPid: number;
  /** How shared open files were decided: exactly (kcmp) or by (object, offset, flags). */
  sharing: "kcmp" | "identity";
  /** Empty for kcmp; otherwise why kcmp was not used and what that means. */
  sharingNote: string;
  /** Milliseconds this refresh took. */
  refreshMs: number;
  /** Who read /proc: the procdump helper (C) or Node file by file. */
  reader: "procdump" | "node";
  /** Socket object id -> TCP state and byte counts (/proc shows counts, not the bytes). */
  sockets: Record<number, { tcpState?: string; rxQueue: number; txQueue: number }>;
  /** What /proc cannot show, for the view to say once. */
  unseen: string[];
}

export interface LiveSnapshot extends Snapshot {
  live: LiveInfo;
}

export const UNSEEN = [
  "stdio buffers inside each process (stdout.buffered is always empty)",
  "the bytes in pipe and socket queues (only their counts, in live.sockets)",
  "signal handler names (a caught signal shows as \"handler\")",
  "source lines (the real program is not stepped)",
  "refcounts count descriptors inside this process tree only",
];

/** Stable ids across refreshes for open files and objects. */
export class LiveIds {
  private objects = new Map<string, number>();
  private files = new Map<string, number>(); // "pid:fd:objectKey" -> file id
  private nextObject = 1;
  private nextFile = 1;

  object(key: string): number {
    let id = this.objects.get(key);
    if (id === undefined) this.objects.set(key, (id = this.nextObject++));
    return id;
  }

  /** Reuses the id most members had last time when still free, else a new one. */
  file(members: string[], taken: Set<number>): number {
    const votes = new Map<number, number>();
    for (const m of members) {
      const id = this.files.get(m);
      if (id !== undefined && !taken.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    let best: number | undefined;
    for (const [id, n] of votes) if (best === undefined || n > votes.get(best)!) best = id;
    const id = best ?? this.nextFile++;
    taken.add(id);
    return id;
  }

  /** The open file a descriptor ("pid:fd:objectKey") was in at the last refresh. */
  previousFile(member: string): number | undefined {
    return this.files.get(member);
  }

  /** Replaces the member map with this refresh's (forgets closed descriptors). */
  commitFiles(map: Map<string, number>): void {
    this.files = map;
  }

  /** Forgets objects no longer present, so the table does not grow without bound. */
  retainObjects(keys: Set<string>): void {
    for (const k of this.objects.keys()) if (!keys.has(k)) this.objects.delete(k);
  }
}

export interface TreeReading {
  rootPid: number;
  procs: ProcReading[];
  sockets: NetSocket[];
  /** Descriptors grouped by object key, and each one's open file class within its group. */
  groups: Descriptor[][];
  classes: number[][];
  sharing: "kcmp" | "identity";
  sharingNote: string;
  reader: "procdump" | "node";
  readMs: number;
}

/** The object a descriptor refers to, as a key: inode numbers, or the link for old kernels. */
export function memberKey(d: Descriptor): string {
  return `${d.pid}:${d.fd}:${objectKey(d)}`;
}

export function objectKey(d: Descriptor): string {
  switch (d.target.kind) {
    case "socket": return `socket:${d.target.inode}`;
    case "pipe": return `pipe:${d.target.inode}`;
    default: return d.info.ino === undefined ? `link:${d.link}` : `ino:${d.info.mntId}:${d.info.ino}`;
  }
}

const O_CLOEXEC = 0o2000000;
const STATUS_FLAG_NAMES = ["O_APPEND", "O_NONBLOCK", "O_SYNC", "O_DSYNC", "O_DIRECT", "O_NOATIME"] as const;

/** fdinfo flags -> the Snapshot's names: the access mode first, then status flags that are set. */
export function flagNames(flags: number): string[] {
  const c = fsConstants as unknown as Record<string, number | undefined>;
  const mode = flags & 3;
  const names = [mode === 0 ? "O_RDONLY" : mode === 1 ? "O_WRONLY" : "O_RDWR"];
  for (const n of STATUS_FLAG_NAMES) {
    const bit = c[n];
    // O_SYNC includes O_DSYNC's bit: a flag counts only when all of its bits are present.
    if (bit && (flags & bit) === bit && !(n === "O_DSYNC" && (flags & (c.O_SYNC ?? 0)) === c.O_SYNC)) names.push(n);
  }
  return names;
}

const signalNames: string[] = [];
for (const [name, no] of Object.entries(osConstants.signals)) signalNames[no] ??= name;

/** Signal names in a /proc mask (bit n-1 = signal n). */
export function maskNames(mask: bigint): string[] {
  const out: string[] = [];
  for (let n = 1; n <= 64; n++) if ((mask >> BigInt(n - 1)) & 1n) out.push(signalNames[n] ?? `SIGRT${n}`);
  return out;
}

function procSignals(m: ProcSigMasks | undefined): Proc["signals"] {
  const handlers: Record<string, string> = {};
  if (m) {
    for (const s of maskNames(m.ignored)) handlers[s] = "SIG_IGN";
    for (const s of maskNames(m.caught)) handlers[s] = "handler";
  }
  return { pending: m ? maskNames(m.pending) : [], blocked: m ? maskNames(m.blocked) : [], handlers, lost: [] };
}

/** proc(5) state letters -> the model's states. */
export function procState(letter: string): ProcState {
  switch (letter) {
    case "R": return "running";
    case "Z": case "X": return "zombie";
    case "T": case "t": return "stopped";
    default: return "blocked"; // S, D, I, W, P: asleep in the kernel
  }
}

function socketObject(id: number, refs: number, s: NetSocket | undefined): SocketObject {
  if (!s) return { id, refs, kind: "socket", state: "unbound" };
  if (s.listening) return { id, refs, kind: "socket", state: "listening", local: s.local, pending: [] };
  if (!s.connected) return { id, refs, kind: "socket", state: s.tcpState === "CLOSE" ? "closed" : "bound", local: s.local || undefined };
  const obj: SocketObject = { id, refs, kind: "socket", state: "connected", local: s.local || undefined, remote: s.remote };
  if (s.tcpState === "CLOSE_WAIT" || s.tcpState === "LAST_ACK" || s.tcpState === "CLOSING") obj.peerClosed = true;
  if (s.tcpState === "FIN_WAIT1" || s.tcpState === "FIN_WAIT2" || s.tcpState === "CLOSING" || s.tcpState === "LAST_ACK") obj.shutWr = true;
  return obj;
}

/** Builds one Snapshot. previous (same ids) lets us report forks, exits and reaps as events. */
export function buildLiveSnapshot(r: TreeReading, ids: LiveIds, step: number, clock: number, previous?: LiveSnapshot): LiveSnapshot {
  const byInode = new Map<number, NetSocket>();
  for (const s of r.sockets) if (s.inode) byInode.set(s.inode, s);

  const files: OpenFile[] = [];
  const objects: KObject[] = [];
  const fileOf = new Map<Descriptor, number>();
  const liveSockets: LiveInfo["sockets"] = {};
  const memberMap = new Map<string, number>();
  const taken = new Set<number>();
  const keys = new Set<string>();
  const socketIds = new Map<number, number>(); // inode -> object id

  r.groups.forEach((group, gi) => {
    const classes = r.classes[gi];
    const nclasses = Math.max(-1, ...classes) + 1;
    const key = objectKey(group[0]);
    // anon inodes (eventpoll, eventfd...) share one inode: each open file is its own object.
    const perClass = group[0].target.kind === "anon";
    let objId = perClass ? 0 : ids.object(key);
    if (!perClass) keys.add(key);
    const objFiles: OpenFile[] = [];
    for (let c = 0; c < nclasses; c++) {
      const members = group.filter((_, i) => classes[i] === c);
      if (members.length === 0) continue;
      const memberKeys = members.map(memberKey);
      const id = ids.file(memberKeys, taken);
      for (const m of memberKeys) memberMap.set(m, id);
      if (perClass) {
        const k = `${key}#${id}`;
        keys.add(k);
        objId = ids.object(k);
        objects.push({ id: objId, refs: 1, kind: "file", path: group[0].link, size: 0, preview: "" });
      }
      const first = members[0];
      const file: OpenFile = { id, refcount: members.length, offset: first.info.pos, flags: flagNames(first.info.flags), object: objId };
      if (first.target.kind === "pipe") file.end = (first.info.flags & 3) === 0 ? "read" : "write";
      for (const d of members) fileOf.set(d, id);
      objFiles.push(file);
    }
    files.push(...objFiles);
    if (perClass || objFiles.length === 0) return;
    const d = group[0];
    const refs = objFiles.length;
    if (d.target.kind === "socket") {
      const s = byInode.get(d.target.inode);
      objects.push(socketObject(objId, refs, s));
      socketIds.set(d.target.inode, objId);
      if (s) liveSockets[objId] = { tcpState: s.tcpState, rxQueue: s.rxQueue, txQueue: s.txQueue };
    } else if (d.target.kind === "pipe") {
      const readers = objFiles.filter((f) => f.end === "read").length;
      // /proc does not say a pipe's capacity (F_GETPIPE_SZ needs a descriptor of it): Linux's default.
      objects.push({ id: objId, refs, kind: "pipe", capacity: PIPE_CAPACITY, buffer: "", readers, writers: refs - readers });
    } else if (d.target.kind === "tty") {
      objects.push({ id: objId, refs, kind: "tty", name: d.target.path, input: "" });
    } else {
      objects.push({ id: objId, refs, kind: "file", path: d.link, size: d.file?.size ?? 0, preview: d.file?.preview ?? "" });
    }
  });
  linkSockets(objects, socketIds, r.sockets, ids, keys, liveSockets);
  ids.commitFiles(memberMap);
  ids.retainObjects(keys);

  const processes: Proc[] = r.procs.map((p) => {
    const fds: Array<number | null> = [];
    const cloexec: number[] = [];
    for (const d of p.fds) {
      const id = fileOf.get(d);
      if (id === undefined) continue; // vanished while we looked
      while (fds.length < d.fd) fds.push(null);
      fds[d.fd] = id;
      if (d.info.flags & O_CLOEXEC) cloexec.push(d.fd);
    }
    const stdoutFile = p.fds.find((d) => d.fd === 1);
    const proc: Proc = {
      pid: p.stat.pid, ppid: p.stat.ppid, pgid: p.stat.pgid, name: p.stat.comm, kind: "program",
      state: procState(p.stat.state), fds, cloexec, signals: procSignals(p.signals),
      stdio: { stdout: { mode: stdoutFile?.target.kind === "tty" ? "line" : "full", buffered: "" } },
    };
    if (proc.state === "blocked" && p.syscall) proc.blockedOn = blockedOn(p.syscall);
    if (proc.state === "zombie" && p.stat.exitCode !== undefined) proc.exitStatus = p.stat.exitCode;
    if (p.threads) proc.threads = p.threads;
    return proc;
  }).sort((a, b) => a.pid - b.pid);

  const events = lifeEvents(previous?.processes ?? [], processes);
  if (step === 0) {
    const how = r.sharing === "kcmp"
      ? "open files decided exactly with kcmp(KCMP_FILE)"
      : `open files guessed by (object, offset, flags): ${r.sharingNote}`;
    events.unshift({ kind: "note", pid: r.rootPid, text: how });
  }
  const root = r.procs.find((p) => p.stat.pid === r.rootPid);
  return {
    version: SNAPSHOT_VERSION, step, clock,
    processes,
    files: files.sort((a, b) => a.id - b.id),
    objects: objects.sort((a, b) => a.id - b.id),
    events, output: [],
    foregroundPgid: root && root.stat.tpgid > 0 ? root.stat.tpgid : 0,
    live: {
      mode: "live", rootPid: r.rootPid, sharing: r.sharing, sharingNote: r.sharingNote,
      refreshMs: r.readMs, reader: r.reader, sockets: liveSockets, unseen: UNSEEN,
    },
  };
}

/** Connected sockets whose other end is also in the tree get `peer`; a listening socket's
 *  accept queue (established connections no process holds yet: inode 0) becomes `pending`. */
function linkSockets(objects: KObject[], socketIds: Map<number, number>, all: NetSocket[], ids: LiveIds,
  keys: Set<string>, liveSockets: LiveInfo["sockets"]): void {
  const byEnds = new Map<string, NetSocket>();
  for (const s of all) if (s.remote && s.inode) byEnds.set(`${s.local}>${s.remote}`, s);
  const sockets = objects.filter((o): o is SocketObject => o.kind === "socket");
  for (const o of sockets) {
    if (o.state === "connected" && o.local && o.remote) {
      const other = byEnds.get(`${o.remote}>${o.local}`);
      const peer = other && socketIds.get(other.inode);
      if (peer !== undefined) o.peer = peer;
    }
    if (o.state !== "listening") continue;
    const waiting = all.filter((s) => s.inode === 0 && s.local === o.local
      && (s.tcpState === "ESTABLISHED" || s.tcpState === "CLOSE_WAIT"));
    for (const s of waiting) {
      const key = `pending:${s.local}>${s.remote}`;
      keys.add(key);
      const id = ids.object(key);
      o.pending!.push(id);
      objects.push({ ...socketObject(id, 0, s) });
      liveSockets[id] = { tcpState: s.tcpState, rxQueue: s.rxQueue, txQueue: s.txQueue };
    }
  }
}

/** fork, exit and reap events from the difference between two process lists. */
export function lifeEvents(before: Proc[], after: Proc[]): KEvent[] {
  const old = new Map(before.map((p) => [p.pid, p]));
  const now = new Map(after.map((p) => [p.pid, p]));
  const events: KEvent[] = [];
  for (const p of after) {
    const was = old.get(p.pid);
    if (!was && old.has(p.ppid)) events.push({ kind: "fork", pid: p.ppid, child: p.pid });
    if (p.state === "zombie" && was?.state !== "zombie") events.push({ kind: "exit", pid: p.pid, status: p.exitStatus ?? 0 });
  }
  for (const p of before) {
    if (now.has(p.pid)) continue;
    if (p.state === "zombie" && p.exitStatus !== undefined) {
      events.push({ kind: "reap", pid: p.ppid, child: p.pid, status: p.exitStatus });
    } else {
      events.push({ kind: "note", pid: p.pid, text: `${p.pid} exited and was reaped between two refreshes` });
    }
  }
  return events;
}
