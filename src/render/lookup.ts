// Indexes over one Snapshot that every part of the picture needs: open files and objects
// by id, which processes hold each object, and a short name for what a descriptor is.
import type { KObject, OpenFile, Snapshot, SocketObject } from "../contract/snapshot";

export interface Lookup {
  files: Map<number, OpenFile>;
  objects: Map<number, KObject>;
  /** Object id -> pids whose descriptors (or shm attachments) reach it, ascending. */
  holders: Map<number, number[]>;
  /** Pids of the outside processes (clients). */
  clients: Set<number>;
}

export function lookup(snap: Snapshot): Lookup {
  const files = new Map(snap.files.map((f) => [f.id, f]));
  const objects = new Map(snap.objects.map((o) => [o.id, o]));
  // Each process's pids are added together, so a repeat within it is the list's last
  // entry; a list comes out sorted unless the processes are not in pid order.
  const holders = new Map<number, number[]>();
  const unsorted = new Set<number[]>();
  const hold = (obj: number, pid: number) => {
    const list = holders.get(obj);
    if (!list) { holders.set(obj, [pid]); return; }
    const last = list[list.length - 1];
    if (last === pid) return;
    if (last > pid) unsorted.add(list);
    list.push(pid);
  };
  for (const p of snap.processes) {
    for (const id of p.fds) {
      const f = id === null ? undefined : files.get(id);
      if (f) hold(f.object, p.pid);
    }
    for (const s of p.shm ?? []) {
      const o = shmObject(objects, s);
      if (o) hold(o.id, p.pid);
    }
  }
  // Out of order only when processes are listed out of pid order: sort, and drop the
  // repeats of a pid (two processes never share one, but be safe).
  for (const list of unsorted) {
    list.sort((a, b) => a - b);
    for (let i = list.length - 1; i > 0; i--) if (list[i] === list[i - 1]) list.splice(i, 1);
  }
  const clients = new Set<number>();
  for (const p of snap.processes) if (p.kind === "client") clients.add(p.pid);
  return { files, objects, holders, clients };
}

/** Proc.shm lists shm ids; match the segment's shmid first, then the object id. */
export function shmObject(objects: Map<number, KObject>, id: number): KObject | undefined {
  for (const o of objects.values()) if (o.kind === "shm" && o.shmid === id) return o;
  const o = objects.get(id);
  return o?.kind === "shm" ? o : undefined;
}

/** A v-node's label, "v6": open files are "#6", so the two tables never share a label. */
export function vnodeLabel(id: number): string {
  return `v${id}`;
}

/** A socket's kind as a learner names it: a UNIX (AF_UNIX) socket, a UDP socket, or (TCP) a socket. */
export function socketKind(o: SocketObject): string {
  return o.family === "AF_UNIX" ? "UNIX socket" : o.type === "SOCK_DGRAM" ? "UDP socket" : "socket";
}

/** An address of a socket as shown: "(unnamed)" for an AF_UNIX socket without a name. */
export function socketAddr(o: SocketObject, a: string | undefined): string {
  if (o.family === "AF_UNIX" && !a) return "(unnamed)";
  return a ?? "?";
}

/** A few words naming an object, as a descriptor slot or a table cell shows it. */
export function objectName(o: KObject | undefined, f?: OpenFile): string {
  if (!o) return "?";
  switch (o.kind) {
    case "file": return `file ${o.path}`;
    case "pipe": return f?.end ? `pipe (${f.end} end)` : "pipe";
    case "tty": return `terminal ${o.name}`;
    case "shm": return `shm ${o.shmid}`;
    case "socket":
      if (o.state === "listening") return `listening ${socketKind(o)} ${o.local ?? ""}`.trim();
      if (o.state === "connected") return `${socketKind(o)} \u2194 ${socketAddr(o, o.remote)}`;
      return `${socketKind(o)} (${o.state})`;
  }
}
