// One object of the v-node table, drawn by kind: a regular file, a pipe, a socket
// (listening or connected), the terminal (with what reached it), a shm segment.
import type { KObject, PipeObject, ShmObject, SocketObject } from "../contract/snapshot";
import type { Changes } from "./changes";
import { COL_OBJ, LINE, fits } from "./geometry";
import { type Lookup, socketAddr, socketKind, vnodeLabel } from "./lookup";
import { pidHue } from "./palette";
import { MeasuredParted, Part, Parted, partedMarkup } from "./parts";
import { clipRuns, hueClass, rect, runs, text, title } from "./svgparts";
import { Terminal, lineCount, terminalTail } from "./terminal";
import { cbytes, clip } from "./text";

export interface ObjectBox {
  h: number;
  readonly body: string;
  /** The same markup in keyed parts: "title", "box", "head", then "i0", "i1"... for the
   *  lines and drawings inside, top to bottom (see parts.ts). */
  readonly parted?: Parted;
}

const W = COL_OBJ;
const PAD = 10;
const INNER = W - 2 * PAD;
const TITLE_H = 24;
/** Terminal lines shown; older ones are summarised in one line. */
export const TTY_LINES = 12;

/** Lays out lines and small drawings top to bottom inside the box. A measuring flow only
 *  advances y: the figure needs every box's height, but the markup only of those on screen. */
class Flow {
  y = TITLE_H + 4;
  parts: Part[] = [];
  constructor(readonly measuring = false) {}
  draw(make: () => string): void {
    if (!this.measuring) this.parts.push([`i${this.parts.length}`, make()]);
  }
  /** A line of styled runs (made only when drawing: measuring needs only its height). */
  line(parts: () => Array<[string, string]>): void {
    this.draw(() => runs(PAD, this.y + 12, parts()));
    this.y += LINE;
  }
  /** A byte queue drawn as a box holding the bytes, like a pipe buffer in a textbook. */
  queue(bytes: string, cls = ""): void {
    this.draw(() => rect(PAD, this.y, INNER, 22, "fl-cell fl-queue" + (cls ? " " + cls : "")) +
      text(PAD + 6, this.y + 15, bytes ? cbytes(bytes, fits(INNER) - 2) : "(empty)", bytes ? "fl-t fl-mono fl-small" : "fl-m fl-small fl-i"));
    this.y += 26;
  }
}

function holdersLine(fl: Flow, o: KObject, look: Lookup): void {
  const pids = look.holders.get(o.id) ?? [];
  if (pids.length) fl.line(() => [["fl-m", "used by "], ["fl-t fl-mono", clip(pids.join(" "), 36)]]);
}

/** A pipe's buffer and ends; a freed one (drawn as it was a step before) has no end left:
 *  its last reader or writer closed is why it went. */
function pipeBody(fl: Flow, o: PipeObject, freed: boolean): void {
  fl.queue(o.buffer);
  const frac = o.capacity > 0 ? Math.min(1, o.buffer.length / o.capacity) : 0;
  const y = fl.y;
  fl.draw(() => rect(PAD, y, INNER, 6, "fl-bar", { rx: 2 }) + (o.buffer.length ? rect(PAD, y, Math.max(2, INNER * frac), 6, "fl-barfill", { rx: 2 }) : ""));
  fl.y += 10;
  fl.line(() => [["fl-t fl-mono", `${o.buffer.length} / ${o.capacity}`], ["fl-m", " bytes in buffer"]]);
  const [readers, writers] = freed ? [0, 0] : [o.readers, o.writers];
  fl.line(() => [["fl-m", "readers "], ["fl-t fl-b", String(readers)], ["fl-m", " \u00b7 writers "], ["fl-t fl-b", String(writers)],
    ...(writers === 0 && !freed ? [["fl-m", " \u00b7 read gives EOF when empty"] as [string, string]] : [])]);
}

/** A UDP socket: its address, its peer once connected, and each datagram waiting, whole. */
function datagramBody(fl: Flow, o: SocketObject): void {
  fl.line(() => [["fl-m", "address "], ["fl-t fl-mono", clip(o.local ?? "(unbound)", 30)]]);
  const remote = o.remote;
  if (remote) fl.line(() => [["fl-m", "connected to "], ["fl-t fl-mono", clip(remote, 28)]]);
  const grams = o.datagrams ?? [];
  fl.line(() => [["fl-m", `${grams.length} datagram${grams.length === 1 ? "" : "s"} waiting (each read takes one)`]]);
  for (const d of grams.slice(0, 4)) {
    // Each datagram in a cell of its own: the sender's port, then the bytes.
    const from = `from ${d.from.replace(/^127\.0\.0\.1/, "")} `;
    fl.draw(() => rect(PAD, fl.y, INNER, 22, "fl-cell fl-queue") +
      runs(PAD + 6, fl.y + 15, [["fl-m fl-small", from], ["fl-t fl-mono fl-small", d.data ? cbytes(d.data, fits(INNER) - from.length - 2) : "(empty)"]]));
    fl.y += 26;
  }
  if (grams.length > 4) fl.line(() => [["fl-m", `and ${grams.length - 4} more`]]);
}

function socketBody(fl: Flow, o: SocketObject, look: Lookup): void {
  if (o.type === "SOCK_DGRAM") return datagramBody(fl, o);
  if (o.state === "listening") {
    const pending = o.pending ?? [];
    fl.line(() => [["fl-m", "backlog "], ["fl-t", String(o.backlog ?? "?")], ["fl-m", ` \u00b7 ${pending.length} waiting for accept`]]);
    const cellW = 96;
    const fit = Math.max(1, Math.floor(INNER / cellW));
    if (!pending.length) fl.queue("");
    else {
      pending.slice(0, fit).forEach((id, i) => {
        const peer = look.objects.get(id);
        const label = peer?.kind === "socket" ? (peer.remote || (peer.family === "AF_UNIX" ? "(unnamed)" : vnodeLabel(id))) : vnodeLabel(id);
        fl.draw(() => rect(PAD + i * cellW, fl.y, cellW - 4, 22, "fl-cell fl-queue") +
          text(PAD + i * cellW + 5, fl.y + 15, clip(label.replace(/^127\.0\.0\.1/, ""), 12), "fl-t fl-mono fl-small"));
      });
      fl.y += 26;
      if (pending.length > fit) fl.line(() => [["fl-m", `and ${pending.length - fit} more`]]);
    }
    return;
  }
  if (o.state !== "connected") {
    const local = o.local;
    if (local) fl.line(() => [["fl-m", "address "], ["fl-t fl-mono", local]]);
    return;
  }
  fl.line(() => [["fl-t fl-mono", clip(`${socketAddr(o, o.local)} \u2194 ${socketAddr(o, o.remote)}`, 42)]]);
  fl.line(() => [["fl-m", "to be read here (receive queue)"]]);
  fl.queue(o.recvQueue ?? "");
  fl.line(() => [["fl-m", "sent, not yet read by the peer"]]);
  fl.queue(o.sendQueue ?? "");
  const peer = o.peer;
  if (peer !== undefined) {
    fl.line(() => {
      const who = look.holders.get(peer) ?? [];
      const client = who.some((pid) => look.clients.has(pid));
      return [["fl-m", "peer "], ["fl-t", `socket ${vnodeLabel(peer)}`], ["fl-m", who.length ? ` (${client ? "client " : "pid "}${who.join(" ")})` : ""]];
    });
  }
  const notes = [o.peerClosed ? "peer closed: EOF once the queue is empty" : "", o.shutRd ? "shut for reading" : "", o.shutWr ? "shut for writing" : ""].filter(Boolean);
  if (notes.length) fl.line(() => [["fl-wait", clip(notes.join(" \u00b7 "), 44)]]);
}

function shmBody(fl: Flow, o: ShmObject, look: Lookup): void {
  fl.line(() => [["fl-m", "key "], ["fl-t fl-mono", "0x" + o.key.toString(16)], ["fl-m", " \u00b7 size "], ["fl-t fl-mono", String(o.size)], ["fl-m", " bytes"]]);
  const pids = look.holders.get(o.id) ?? [];
  fl.line(() => [["fl-m", "attached "], ["fl-t fl-b", String(o.attached)], ["fl-m", pids.length ? ` (pids ${pids.join(" ")})` : ""]]);
  if (o.removed) fl.line(() => [["fl-wait", "removed (IPC_RMID): goes at the last detach"]]);
  const hex = o.preview.replace(/\s+/g, "").replace(/(..)/g, "$1 ").trim();
  fl.draw(() => rect(PAD, fl.y, INNER, 22, "fl-cell fl-queue") + text(PAD + 6, fl.y + 15, hex ? clip(hex, fits(INNER)) : "(no bytes)", "fl-t fl-mono fl-small"));
  fl.y += 26;
}

/** Room the word "typed" takes before an echoed line's text. */
const TYPED_W = 44;

/** The terminal's last lines, each marked with the writer's pid (and "2>" for stderr) or as
 *  typed; the lines this step wrote stand out. */
function terminalBody(fl: Flow, term: Terminal, fresh: number): void {
  const total = lineCount(term);
  if (!total) { fl.line(() => [["fl-m fl-i", "nothing written yet"]]); return; }
  const tail = terminalTail(term, TTY_LINES, fresh);
  const shown = tail.lines;
  if (total > shown.length) fl.line(() => [["fl-m fl-i", `${total - shown.length} earlier lines`]]);
  shown.forEach((l, i) => {
    const isFresh = i >= shown.length - tail.fresh;
    const ink = "fl-t fl-mono fl-small" + (isFresh ? " fl-b" : "");
    // The line's text, a typed run in it italic (a line of one run is one text element).
    const line = (x: number) => (l.runs.length === 1 ? text(x, fl.y + 13, clip(l.text, fits(INNER - x + PAD)), ink)
      : runs(x, fl.y + 13, clipRuns(l.runs.map((r) => [r.typed ? `${ink} fl-i` : ink, r.text]), fits(INNER - x + PAD))));
    if (l.typed) {
      // The terminal's echo: no writer's badge, the word "typed" in its place.
      fl.draw(() => `<g class="fl-out fl-typed${isFresh ? " fl-fresh" : ""}">` + text(PAD + 4, fl.y + 13, "typed", "fl-m fl-i fl-tiny") + line(PAD + TYPED_W) + "</g>");
      fl.y += LINE;
      return;
    }
    const tag = `${l.pid}${l.fd === 2 ? " 2>" : ""}`;
    fl.draw(() => `<g class="fl-out ${hueClass(pidHue(l.pid))}${isFresh ? " fl-fresh" : ""}" data-pid="${l.pid}">` +
      rect(PAD, fl.y + 2, tag.length * 7 + 8, 14, "fl-pbadge", { rx: 2 }) + text(PAD + 4, fl.y + 13, tag, "fl-badge fl-mono fl-tiny") +
      line(PAD + tag.length * 7 + 14) + "</g>");
    fl.y += LINE;
  });
}

const KIND_LABEL: Record<KObject["kind"], string> = { file: "regular file", pipe: "pipe", socket: "socket", tty: "terminal", shm: "shared memory" };

const kindLabel = (o: KObject): string => (o.kind === "socket" ? socketKind(o) : KIND_LABEL[o.kind]);

function heading(o: KObject): string {
  switch (o.kind) {
    case "file": return o.path;
    case "pipe": return "";
    case "tty": return o.name;
    case "shm": return `id ${o.shmid}`;
    case "socket": return o.state === "listening" ? `listening ${o.local ?? ""}` : o.state;
  }
}

function frame(kindCls: string, label: string, head: string, fl: Flow, cls: string, data: string, tip: string, id?: number): { h: number; parted: Parted } {
  const h = fl.y + 6;
  if (fl.measuring) return { h, parted: { open: "", parts: [] } };
  const top: Part[] = [
    ["title", title(tip)],
    ["box", rect(0, 0, W, h, "fl-box" + cls, { rx: 4 })],
    ["head", rect(0, 0, W, TITLE_H, "fl-head fl-objhead", { rx: 4 }) +
      runs(PAD, 16, [["fl-kind " + kindCls, label], ["fl-t fl-b", head ? "  " + clip(head, fits(W - 60) - label.length - 2) : ""]]) +
      // The id last: the title bar's fill would hide it otherwise.
      (id === undefined ? "" : text(W - PAD, 16, vnodeLabel(id), "fl-m fl-mono fl-small", { "text-anchor": "end" }))],
  ];
  return { h, parted: { open: `<g ${data}>`, parts: [...top, ...fl.parts] } };
}

/** The box's height now, its markup when first asked for (the view draws only what is on screen). */
export function drawObject(o: KObject, term: Terminal, look: Lookup, c: Changes, ghost = false): ObjectBox {
  const { h } = objectFlow(new Flow(true), o, term, look, c, ghost);
  return new MeasuredParted(h, () => objectFlow(new Flow(), o, term, look, c, ghost).parted);
}

function objectFlow(fl: Flow, o: KObject, term: Terminal, look: Lookup, c: Changes, ghost: boolean): { h: number; parted: Parted } {
  switch (o.kind) {
    case "file":
      fl.line(() => [["fl-m", "size "], ["fl-t fl-mono", String(o.size)], ["fl-m", " bytes"]]);
      fl.queue(o.preview);
      break;
    case "pipe": pipeBody(fl, o, ghost); break;
    case "socket": socketBody(fl, o, look); break;
    case "shm": shmBody(fl, o, look); break;
    case "tty":
      if (o.input) { fl.line(() => [["fl-m", "typed, not yet read"]]); fl.queue(o.input); }
      terminalBody(fl, term, c.newOutput);
      break;
  }
  if (!ghost) holdersLine(fl, o, look);
  else fl.line(() => [["fl-lost", "freed: the last reference was closed"]]);
  const change = ghost ? "freed" : c.newObjects.has(o.id) ? "new" : c.changedObjects.has(o.id) ? "changed" : "";
  const cls = ghost ? " fl-freed fl-ghost" : change === "new" ? " fl-new" : change === "changed" ? " fl-chg" : "";
  const data = `class="fl-obj${ghost ? " fl-ghost" : ""}" data-object="${o.id}" data-kind="${o.kind}"${o.kind === "socket" ? ` data-state="${o.state}"` : ""}${change ? ` data-change="${change}"` : ""}`;
  return frame(`fl-k-${o.kind}`, kindLabel(o), heading(o), fl, cls, data, `${kindLabel(o)} ${vnodeLabel(o.id)}`, o.id);
}

/** The terminal's output when the snapshot has no terminal object (stdout is a pipe or file). */
export function drawTerminalOutput(term: Terminal, c: Changes): ObjectBox {
  const fl = new Flow();
  terminalBody(fl, term, c.newOutput);
  const { h, parted } = frame("fl-k-tty", "terminal output", "", fl, c.newOutput ? " fl-chg" : "", `class="fl-obj" data-kind="output"`, "what reached the terminal");
  return { h, body: partedMarkup(parted), parted };
}
