// The snapshot as plain tables: the source of "Copy as Markdown" and of the view's text
// alternative for screen readers. Same facts as the picture, in reading order.
import type { Snapshot } from "../contract/snapshot";
import { diffSnapshots, describeChanges } from "./changes";
import { describeEvent } from "./events";
import { lookup, objectName, socketAddr, vnodeLabel } from "./lookup";
import { Terminal, ownTerminal, terminalLines } from "./terminal";
import { cbytes, deadState, heldNote, waitStatusText } from "./text";
import { processTreeOrder } from "./tree";

export interface Table {
  caption: string;
  headers: string[];
  rows: string[][];
}

export interface TextView {
  title: string;
  /** What the step did and what changed, as sentences. */
  notes: string[];
  tables: Table[];
}

function objectDetails(o: Snapshot["objects"][number], term: Terminal): string {
  switch (o.kind) {
    case "file": return `${o.path}, ${o.size} bytes, starts ${cbytes(o.preview, 24)}`;
    case "pipe": return `${o.buffer.length}/${o.capacity} bytes ${cbytes(o.buffer, 24)}, readers ${o.readers}, writers ${o.writers}`;
    case "tty": return `${o.name}${o.input ? `, typed ${cbytes(o.input, 20)}` : ""}, ${term.end} output chunks so far`;
    case "shm": return `id ${o.shmid}, key 0x${o.key.toString(16)}, ${o.size} bytes, attached ${o.attached}${o.removed ? ", removed" : ""}, bytes ${o.preview || "-"}`;
    case "socket":
      if (o.type === "SOCK_DGRAM") {
        return `UDP ${o.local ?? "(unbound)"}${o.remote ? ` -> ${o.remote}` : ""}, datagrams waiting [${(o.datagrams ?? []).map((d) => `${d.from} ${cbytes(d.data, 12)}`).join(", ")}]`;
      }
      if (o.state === "listening") return `listening on ${o.local ?? "?"}, backlog ${o.backlog ?? "?"}, pending [${(o.pending ?? []).join(", ")}]`;
      if (o.state === "connected") {
        return `${socketAddr(o, o.local)} <-> ${socketAddr(o, o.remote)}, to read ${cbytes(o.recvQueue ?? "", 20)}, peer to read ${cbytes(o.sendQueue ?? "", 20)}` +
          `${o.peer !== undefined ? `, peer ${vnodeLabel(o.peer)}` : ""}${o.peerClosed ? ", peer closed" : ""}`;
      }
      return `${o.state}${o.local ? " " + o.local : ""}`;
  }
}

function signalsText(p: Snapshot["processes"][number]): string {
  const s = p.signals;
  const held = heldNote(p.state, s.pending);
  const live = !deadState(p);
  const parts = live ? [
    s.pending.length ? `pending ${s.pending.join(" ")}${held ? ` (${held})` : ""}` : "",
    s.blocked.length ? `blocked ${s.blocked.join(" ")}` : "",
    Object.keys(s.handlers).length ? `handlers ${Object.entries(s.handlers).map(([k, v]) => `${k}->${v}`).join(" ")}` : "",
    s.running ? `in handler ${s.running}` : "",
    s.lost.length ? `LOST ${s.lost.join(" ")}` : "",
  ] : [s.lost.length ? `LOST ${s.lost.join(" ")}` : ""];
  return parts.filter(Boolean).join("; ");
}

/** `term`: what reached the terminal up to this step (default: only this step's own output). */
export function textView(snap: Snapshot, previous?: Snapshot, term: Terminal = ownTerminal(snap)): TextView {
  const look = lookup(snap);
  const order = processTreeOrder(snap);
  const changes = diffSnapshots(previous, snap);
  const notes = [...snap.events.map(describeEvent), ...describeChanges(changes, snap).map((s) => "changed: " + s)];
  const procs: Table = {
    caption: "Processes (process-tree order)",
    headers: ["pid", "ppid", "name", "kind", "state", "waits in", "line", "signals", "stdout buffer"],
    rows: order.map(({ proc: p, depth }) => [
      String(p.pid), String(p.ppid), "  ".repeat(Math.min(depth, 5)) + p.name, p.kind,
      p.state === "zombie" ? `ZOMBIE (${waitStatusText(p.exitStatus ?? 0)})` : p.state,
      p.blockedOn ?? "", p.line === undefined ? "" : String(p.line), signalsText(p),
      p.stdio.stdout.buffered ? `${p.stdio.stdout.mode}: ${cbytes(p.stdio.stdout.buffered, 30)}` : "",
    ]),
  };
  // What the cards show of each process's variables, for a reader who cannot see the
  // picture: after fork, each process's own copy.
  const vars: Table = {
    caption: "Variables (each process's own copy)",
    headers: ["pid", "where", "name", "type", "value", "this step"],
    rows: order.flatMap(({ proc: p }) => {
      const changed = changes.changedVars.get(p.pid);
      const row = (where: string, key: string, v: { name: string; type: string; value: string }) =>
        [String(p.pid), where, v.name, v.type, v.value, changed?.has(key) ? "changed" : ""];
      return [
        ...(p.frames ?? []).flatMap((f, i) => f.locals.map((v) => row(`${f.function}() line ${f.line}`, `${i}:${v.name}`, v))),
        ...(p.globals ?? []).map((v) => row("global", `g:${v.name}`, v)),
      ];
    }),
  };
  const fds: Table = {
    caption: "Descriptor tables",
    headers: ["pid", "fd", "open file", "refers to"],
    rows: order.flatMap(({ proc: p }) => p.fds.flatMap((id, fd) => {
      if (id === null) return [];
      const f = look.files.get(id);
      return [[String(p.pid), String(fd) + (p.cloexec.includes(fd) ? " (cloexec)" : ""), `#${id}`, objectName(f && look.objects.get(f.object), f)]];
    })),
  };
  const files: Table = {
    caption: "Open file table",
    headers: ["open file", "refcount", "offset", "access and flags", "v-node"],
    rows: snap.files.map((f) => [`#${f.id}`, String(f.refcount), String(f.offset), [...f.flags, ...(f.end ? [`${f.end} end`] : [])].join(" "), vnodeLabel(f.object)]),
  };
  const objects: Table = {
    caption: "v-node table (objects)",
    headers: ["v-node", "kind", "refs", "details", "used by pids"],
    rows: snap.objects.map((o) => [vnodeLabel(o.id), o.kind, String(o.refs), objectDetails(o, term), (look.holders.get(o.id) ?? []).join(" ")]),
  };
  const out: Table = {
    caption: "Terminal output",
    headers: ["pid", "fd", "text"],
    // A line's writers in order ("2 + typed": a prompt and the answer typed after it).
    rows: terminalLines(term).map((l) => [[...new Set(l.runs.map((r) => (r.typed ? "typed" : String(r.pid))))].join(" + "), l.typed ? "" : String(l.fd), l.text]),
  };
  return { title: `Fork Lab, step ${snap.step}`, notes, tables: [procs, vars, fds, files, objects, out] };
}
