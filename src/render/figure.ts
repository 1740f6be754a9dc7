// The whole picture: lays out the three tables side by side (descriptor tables in
// process-tree order, the open file table, the v-node table), aligns each open file and
// object with the first row that points at it so arrows run nearly level, and draws the
// arrows. In the narrow layout (geometry.ts) the open files and v-nodes share the second
// column, each v-node under the first file that refers to it. The result is a list of keyed units so the webview can patch only what changed.
import type { KObject, OpenFile, Proc, Snapshot } from "../contract/snapshot";
import { Changes, describeChanges, diffSnapshots } from "./changes";
import { describeEvent } from "./events";
import { drawFileRow, fileHeader } from "./filerow";
import { CHAR, COL_FILE, COL_OBJ, FILE_ROW, HEAD, INDENT, Layout, MARGIN, MAX_INDENT_DEPTH, STACK_GAP, TOP, colX } from "./geometry";
import { Arrow, ProcArrows, arrowSpan, isLong, link, sameNumbers } from "./arrows";
import { Lookup, lookup, objectName, shmObject } from "./lookup";
import { ObjectBox, TTY_LINES, drawObject, drawTerminalOutput } from "./objectbox";
import { ProcBlock, drawProcBlock } from "./procblock";
import { LazyParted, Parted } from "./parts";
import { rect, text } from "./svgparts";
import { Terminal, lineCount, ownTerminal, terminalTail } from "./terminal";
import { clipCaption } from "./text";
import { processTreeOrder } from "./tree";

export interface Unit {
  /** Stable across steps: "p:100", "f:7", "o:3", "a:100" (pid 100's arrows), "b:7", "caption", "legend". */
  key: string;
  layer: "links" | "boxes";
  x: number;
  y: number;
  /** Markup in the unit's own coordinates (translated by x, y). */
  body: string;
  /** Vertical extent in figure coordinates, so the view can draw only what is on screen. */
  top: number;
  bottom: number;
  /** True when this unit's markup is known to equal `drawn`'s without building it. */
  sameAs?(drawn: Unit): boolean;
  /** The same markup in keyed parts (parts.ts), when the drawing has them: the body is
   *  then exactly this group. */
  readonly parted?: Parted;
}

/** Drawn pieces kept between figures, found by the row they were drawn from and compared on
 *  everything else they depend on, so a step that changes one process redraws one block.
 *  Entries the last figure did not use are dropped. */
export class FigureCache {
  private cur = new Map<object | string, { inputs: unknown; value: unknown }>();
  private prev = new Map<object | string, { inputs: unknown; value: unknown }>();
  /** The last figure's block per pid and what it was drawn from: a process whose row, place
   *  and marks are the same, and whose descriptors' open files were not renamed, keeps it
   *  without comparing names (the common case: a step changes one process of hundreds). */
  procs = new Map<number, { p: Proc; w: number; pp: boolean; marks: string; block: ProcBlock; unit: LazyUnit;
    /** The arrows from the block's slots, as last drawn. */
    arrows?: ProcArrows }>();
  /** The same for open file rows (RowInputs) and v-node boxes (BoxInputs), by id: an
   *  unchanged one is found without a lookup by row. */
  rows = new Map<number, { f: OpenFile; inputs: RowInputs; row: LazyParted; unit: LazyUnit; link?: Arrow }>();
  boxes = new Map<number, { inputs: BoxInputs; box: ObjectBox; unit?: LazyUnit }>();
  /** The last terminal key and what it was built from (see terminalKey). */
  term: { chunks: Terminal["chunks"]; last: unknown; end: number; fresh: number; key: string } | undefined;
  /** What each open file's descriptors show ("#3 socket ↔ ..."), and the rows it came from. */
  private names = new Map<number, { f: OpenFile; o: KObject | undefined; name: string }>();

  /** Open files whose name changed since the last figure (or are new). */
  renamed(snap: Snapshot, look: Lookup): Set<number> {
    const out = new Set<number>();
    const names = new Map<number, { f: OpenFile; o: KObject | undefined; name: string }>();
    for (const f of snap.files) {
      const o = look.objects.get(f.object);
      const was = this.names.get(f.id);
      if (was && was.f === f && was.o === o) { names.set(f.id, was); continue; }
      const name = objectName(o, f);
      if (!was || was.name !== name) out.add(f.id);
      names.set(f.id, { f, o, name });
    }
    this.names = names;
    return out;
  }
  /** The name renamed() last found for an open file (what its descriptors show). */
  nameOf(file: number): string | undefined {
    return this.names.get(file)?.name;
  }
  /** The drawing made from `row` with inputs `same` as `inputs`, in this figure or the
   *  last, else a new one from `make` (kept for the next figure). Rows are found by identity:
   *  the kernel shares every row a step did not change with the step before, and the view
   *  puts those same objects back (wire.ts), so finding one costs a hash lookup and a few
   *  comparisons, not a key built from its content. Equal rows that are not shared only
   *  miss; they never hit wrongly. */
  drawing<I, T>(row: object | string, inputs: I, same: (a: I, b: I) => boolean, make: () => T): T {
    let hit = this.cur.get(row);
    if (hit && !same(hit.inputs as I, inputs)) hit = undefined;
    hit ??= this.prev.get(row);
    if (hit && !same(hit.inputs as I, inputs)) hit = undefined;
    const value = hit ? (hit.value as T) : make();
    this.cur.set(row, hit ?? { inputs, value });
    return value;
  }
  rotate(): void {
    this.prev = this.cur;
    this.cur = new Map();
  }
}

/** A unit whose markup comes from a source made on first use: the view asks only for the
 *  units on screen. (A class: object literals with getters are slow to create, and a big
 *  figure makes over a thousand units.) */
class LazyUnit implements Unit {
  constructor(readonly key: string, readonly layer: Unit["layer"], readonly x: number, readonly y: number,
    readonly top: number, readonly bottom: number, private readonly src: { readonly body: string; readonly parted?: Parted }) {}
  get body(): string {
    return this.src.body;
  }
  get parted(): Parted | undefined {
    return this.src.parted;
  }
  /** This unit when it is the same drawing in the same place, else a new one: a step
   *  allocates no units for what it did not move or change. */
  static at(last: LazyUnit | undefined, key: string, layer: Unit["layer"], x: number, y: number, top: number, bottom: number,
    src: { readonly body: string; readonly parted?: Parted }): LazyUnit {
    return last && last.src === src && last.x === x && last.y === y && last.top === top && last.bottom === bottom && last.key === key
      ? last : new LazyUnit(key, layer, x, y, top, bottom, src);
  }
  /** The same cached drawing in the same place: same markup. */
  sameAs(drawn: Unit): boolean {
    return drawn instanceof LazyUnit && drawn.src === this.src;
  }
}

function marksOf(pid: number, c: Changes): string {
  const pre = `${pid}:`;
  let s = (c.newProcs.has(pid) ? "N" : "") + (c.newZombies.has(pid) ? "Z" : "") + (c.newlyLost.has(pid) ? "L" : "");
  for (const k of c.newFds) if (k.startsWith(pre)) s += "+" + k;
  for (const k of c.closedFds.keys()) if (k.startsWith(pre)) s += "-" + k;
  for (const k of c.replacedFds) if (k.startsWith(pre)) s += "~" + k;
  const vars = c.changedVars.get(pid);
  if (vars) s += "V" + [...vars].join(",");
  return s;
}

/** What a process block is drawn from besides its row: its width, whether its parent is in
 *  the picture, its marks, and what each descriptor's open file is called (the block names
 *  them; only the names, not the rows: a refcount change in a shared open file must not
 *  redraw every process that holds it). */
interface BlockInputs {
  w: number;
  pp: boolean;
  marks: string;
  names: Array<string | undefined>;
}

function blockInputs(p: Proc, w: number, pp: boolean, marks: string, cache: FigureCache): BlockInputs {
  return { w, pp, marks, names: p.fds.map((id) => (id === null ? undefined : cache.nameOf(id))) };
}

function sameBlockInputs(a: BlockInputs, b: BlockInputs): boolean {
  return a.w === b.w && a.pp === b.pp && a.marks === b.marks && a.names.length === b.names.length &&
    a.names.every((n, i) => n === b.names[i]);
}

/** What an open file row is drawn from besides its row: freed or not, new, and the refcount
 *  and offset it had before the step (drawn as changes). */
interface RowInputs {
  ghost: boolean;
  isNew: boolean;
  ref?: number;
  pos?: number;
}

const sameRowInputs = (a: RowInputs, b: RowInputs): boolean => a.ghost === b.ghost && a.isNew === b.isNew && a.ref === b.ref && a.pos === b.pos;

/** What the terminal box shows: the line count and the last lines with their freshness.
 *  Kept while the terminal's last chunk is the same object: a history changed before it
 *  would have dropped and replaced that chunk (TerminalLog.truncate), so the lines up to
 *  it are the same too, and most steps write nothing. */
function terminalKey(term: Terminal, c: Changes, cache: FigureCache): string {
  const last = term.end ? term.chunks[term.end - 1] : undefined;
  const m = cache.term;
  if (m && m.chunks === term.chunks && m.last === last && m.end === term.end && m.fresh === c.newOutput) return m.key;
  const tail = terminalTail(term, TTY_LINES, c.newOutput);
  const key = `${lineCount(term)}|${tail.fresh}|${JSON.stringify(tail.lines)}`;
  cache.term = { chunks: term.chunks, last, end: term.end, fresh: c.newOutput, key };
  return key;
}

/** What a v-node box is drawn from: its row and marks, who holds it, for a connected
 *  socket who holds the peer (and which of them are clients), for the terminal its lines. */
interface BoxInputs {
  o: KObject;
  marks: string;
  holders: number[] | undefined;
  peer: number[] | undefined;
  clients: string;
  term: string;
}

function boxInputs(o: KObject, term: Terminal, look: Lookup, c: Changes, ghost: boolean, cache: FigureCache): BoxInputs {
  const peer = o.kind === "socket" && o.peer !== undefined ? look.holders.get(o.peer) ?? [] : undefined;
  return {
    o, marks: `${ghost ? "G" : ""}${c.newObjects.has(o.id) ? "N" : ""}${c.changedObjects.has(o.id) ? "C" : ""}`,
    holders: look.holders.get(o.id), peer, clients: peer ? peer.filter((pid) => look.clients.has(pid)).join(" ") : "",
    term: o.kind === "tty" ? terminalKey(term, c, cache) : "",
  };
}

function sameBoxInputs(a: BoxInputs, b: BoxInputs): boolean {
  return a.o === b.o && a.marks === b.marks && sameNumbers(a.holders, b.holders) && sameNumbers(a.peer, b.peer) &&
    a.clients === b.clients && a.term === b.term;
}

export interface Figure {
  width: number;
  height: number;
  units: Unit[];
  /** One line for <title>: the step and what it did. */
  caption: string;
  /** What changed, as sentences. */
  changes: string[];
}

/** What the step did, in words: its events in order. A note from outside the program (pid 0:
 *  a line typed at the terminal, a kill from outside) is what the step did, so it is said; a
 *  process's notes are the model's remarks about it (the Problems panel and the text view). */
function stepCaption(snap: Snapshot, previous: Snapshot | undefined, c: Changes): string {
  const what = snap.events.filter((e) => e.kind !== "note" || e.pid === 0).map(describeEvent);
  if (!what.length && previous) {
    const ran = lineRan(snap, previous, c);
    if (ran) what.push(ran);
  }
  return `Step ${snap.step}${what.length ? ": " + what.slice(0, 2).join("; ") + (what.length > 2 ? ` (+${what.length - 2})` : "") : ""}`;
}

/** A step without system calls still ran a line: "pid 3 ran line 12", for the process that
 *  ran it and the line it was at. That is the process whose line or variables the step
 *  changed, the one left running first: when the learner steps another process, the one
 *  that was running only becomes ready, which changes its state but runs nothing of it. */
function lineRan(snap: Snapshot, previous: Snapshot, c: Changes): string | undefined {
  const before = new Map(previous.processes.map((p) => [p.pid, p]));
  const ran = snap.processes.filter((p) => {
    const was = before.get(p.pid);
    return was !== undefined && was.line !== undefined && (was.line !== p.line || c.changedVars.has(p.pid));
  });
  const moved = ran.find((p) => p.state === "running") ?? ran[0];
  return moved ? `pid ${moved.pid} ran line ${before.get(moved.pid)?.line}` : undefined;
}

/** Between one legend item's label and the next one's swatch. */
const LEGEND_GAP = 16;

/** The legend's items: their swatch and label; the labels are monospace, so their widths
 *  are known (CHAR) and the gaps between the items even (a proportional font's widths were
 *  guessed at 7 units a character). The zombie's swatch is hatched as a zombie's box is:
 *  "closed / freed" and "zombie" were both red dashed outlines, told apart by nothing, and
 *  by colour alone would not do either. */
function legend(x: number): string {
  const items: Array<[string, string, string]> = [["new", "fl-new", "new"], ["changed", "fl-chg", "changed"],
    ["freed", "fl-freed", "closed / freed"], ["zombie", "fl-zombie", "zombie"]];
  let at = x;
  return items.map(([key, cls, label]) => {
    const attrs = { "data-legend": key };
    let s = rect(at, 30, 14, 12, "fl-swatch " + cls, { rx: 2, ...attrs }) + text(at + 19, 40, label, "fl-m fl-small fl-mono", attrs);
    if (key === "zombie") {
      for (const dx of [1, 6, 11]) s += `<line class="fl-swatch-hatch" data-legend="zombie" x1="${at + dx}" y1="41" x2="${at + dx + 3}" y2="31"/>`;
    }
    at = Math.round((at + 19 + label.length * CHAR + LEGEND_GAP) * 10) / 10;
    return s;
  }).join("");
}

/** The line above the tables: the step and what it did, clipped to the figure's width
 *  (bold 16px text, about 9.5 units a character). */
export function captionUnit(caption: string, width = colX().width): Unit {
  return { key: "caption", layer: "boxes", x: 0, y: 0, top: 0, bottom: TOP, body: text(MARGIN, 24, clipCaption(caption, Math.floor((width - 2 * MARGIN) / 9.5)), "fl-caption") };
}

/** The legend of the highlights, under the caption: a unit of its own, because the caption
 *  changes on every step and the legend never does (a step re-parses and re-lays out only
 *  the caption's one text, not the legend's four). */
const LEGEND_UNIT: Unit = { key: "legend", layer: "boxes", x: 0, y: 0, top: 0, bottom: TOP, body: legend(MARGIN) };

/** A column heading with a quieter note after it (bold 14px text is about 8.6 px a character). */
function heading(x: number, label: string, note: string): string {
  return text(x, 66, label, "fl-h") + (note ? text(x + label.length * 8.6 + 8, 66, note, "fl-h2") : "");
}

/** Place items top to bottom, each as near its anchor as the ones above allow (`gap`
 *  below each, unless the item says its own). */
function stack<T>(items: Array<{ item: T; anchor: number; h: number; tie: number; gap?: number }>, top: number, gap: number):
  Array<{ item: T; y: number; h: number }> {
  items.sort((a, b) => a.anchor - b.anchor || a.tie - b.tie);
  let cursor = top;
  return items.map(({ item, anchor, h, gap: own }) => {
    const y = Math.max(cursor, Number.isFinite(anchor) ? anchor : cursor);
    cursor = y + h + (own ?? gap);
    return { item, y, h };
  });
}

/** The picture of `snap`, highlighting what changed since `previous`. `term` is what reached
 *  the terminal up to this step (the history's output; by default only this step's own). */
export function buildFigure(snap: Snapshot, previous?: Snapshot, cache = new FigureCache(), term: Terminal = ownTerminal(snap), layout: Layout = "wide"): Figure {
  const c: Changes = diffSnapshots(previous, snap);
  const look = lookup(snap);
  const narrow = layout === "narrow";
  const col = colX(layout);
  const units: Unit[] = [];
  const caption = stepCaption(snap, previous, c);
  units.push(captionUnit(caption, col.width), LEGEND_UNIT);
  units.push({ key: "headings", layer: "boxes", x: 0, y: 0, top: 0, bottom: TOP + 22, body:
    heading(col.proc, "Descriptor tables", narrow ? "in tree order" : "one per process, in tree order") +
    (narrow ? heading(col.file, "Open file table", "with the v-nodes") :
      heading(col.file, "Open file table", "") + heading(col.obj, "v-node table", "files, pipes, sockets, terminal, shm")) +
    `<g transform="translate(${col.file},${TOP - 2})">${fileHeader()}</g>` });

  // Column 1: process blocks.
  const renamed = cache.renamed(snap, look);
  const closedByPid = new Map<number, Array<[string, number]>>();
  for (const key of c.closedFds.keys()) {
    const [pid, fd] = key.split(":").map(Number);
    closedByPid.set(pid, [...(closedByPid.get(pid) ?? []), [key, fd]]);
  }
  const procs: FigureCache["procs"] = new Map();
  const present = new Set(snap.processes.map((p) => p.pid));
  /** Each block and where it went (its slots give the arrows' starts). */
  const placedProcs: Array<{ pid: number; block: ProcBlock; y: number; placed: { arrows?: ProcArrows } }> = [];
  const closedAt = new Map<string, number>();
  const headerAt: number[] = [];
  let y = TOP;
  let clientsSeen = false;
  for (const { proc, depth } of processTreeOrder(snap)) {
    if (proc.kind === "client" && !clientsSeen) {
      clientsSeen = true;
      y += 8;
      units.push({ key: "clients", layer: "boxes", x: col.proc, y, top: y, bottom: y + 24, body:
        `<line class="fl-divider" x1="0" y1="0" x2="${col.procW}" y2="0"/>` + text(0, 18, "Outside the program: clients", "fl-h2") });
      y += 28;
    }
    const indent = Math.min(depth, MAX_INDENT_DEPTH) * INDENT;
    const w = col.procW - indent;
    const parentPresent = present.has(proc.ppid);
    const marks = marksOf(proc.pid, c);
    const memo = cache.procs.get(proc.pid);
    const block = memo && memo.p === proc && memo.w === w && memo.pp === parentPresent && memo.marks === marks &&
      !(renamed.size && proc.fds.some((id) => id !== null && renamed.has(id)))
      ? memo.block
      : cache.drawing(proc, blockInputs(proc, w, parentPresent, marks, cache), sameBlockInputs, () => drawProcBlock(proc, w, look, c, parentPresent));
    const kept = memo?.block === block ? memo : undefined;
    const unit = LazyUnit.at(kept?.unit, `p:${proc.pid}`, "boxes", col.proc + indent, y, y, y + block.h, block);
    const placed = { p: proc, w, pp: parentPresent, marks, block, unit, arrows: kept?.arrows };
    procs.set(proc.pid, placed);
    units.push(unit);
    placedProcs.push({ pid: proc.pid, block, y, placed });
    for (const [key, fd] of closedByPid.get(proc.pid) ?? []) closedAt.set(key, y + (block.slotY(fd) ?? HEAD));
    headerAt[proc.pid] = y + 14;
    y += block.h + STACK_GAP;
  }
  const procBottom = y;
  cache.procs = procs;

  // Column 2: open files, live ones aligned to their first descriptor, freed ones as ghosts.
  // Where each open file is first referred to, by id (ids are small integers: arrays, not
  // maps, for the thousand lookups of a big picture).
  const firstRef: number[] = [];
  for (const { block, y: by } of placedProcs) for (const s of block.slots) firstRef[s.file] ??= by + s.dy;
  for (const [key, file] of c.closedFds) firstRef[file] ??= closedAt.get(key) ?? Infinity;
  const fileItems = [
    ...snap.files.map((f) => ({ item: { f, ghost: false }, anchor: (firstRef[f.id] ?? Infinity) - FILE_ROW / 2, h: FILE_ROW, tie: f.id })),
    ...c.freedFiles.map((f) => ({ item: { f, ghost: true }, anchor: (firstRef[f.id] ?? Infinity) - FILE_ROW / 2, h: FILE_ROW, tie: f.id })),
  ];
  // Column 3: objects, aligned to the first open file (or shm attacher) that refers to them.
  // Wide: to where that file was placed; narrow: just under where it wants to be, in its column.
  const objAnchor: number[] = [];
  const objItems = (): Array<{ item: { o?: KObject; ghost: boolean; box: ObjectBox }; anchor: number; h: number; tie: number }> => {
    const shmLinks: Array<{ pid: number; obj: number }> = [];
    for (const p of snap.processes) {
      for (const s of p.shm ?? []) {
        const o = shmObject(look.objects, s);
        if (!o) continue;
        shmLinks.push({ pid: p.pid, obj: o.id });
        const at = (headerAt[p.pid] ?? Infinity) - 12;
        objAnchor[o.id] = Math.min(objAnchor[o.id] ?? Infinity, at);
      }
    }
    shmAt.push(...shmLinks);
    const items: ReturnType<typeof objItems> = [];
    const add = (o: KObject, ghost: boolean) => {
      const inputs = boxInputs(o, term, look, c, ghost, cache);
      const memo = cache.boxes.get(o.id);
      const box = memo && sameBoxInputs(memo.inputs, inputs) ? memo.box
        : cache.drawing(o, inputs, sameBoxInputs, () => drawObject(o, term, look, c, ghost));
      boxes.set(o.id, { inputs, box, unit: memo?.box === box ? memo.unit : undefined });
      items.push({ item: { o, ghost, box }, anchor: objAnchor[o.id] ?? Infinity, h: box.h, tie: o.id });
    };
    for (const o of snap.objects) add(o, false);
    for (const o of c.freedObjects) add(o, true);
    if (!snap.objects.some((o) => o.kind === "tty") && term.end) {
      const box = cache.drawing("t" + terminalKey(term, c, cache), undefined, () => true, () => drawTerminalOutput(term, c));
      items.push({ item: { ghost: false, box }, anchor: Infinity, h: box.h, tie: Number.MAX_SAFE_INTEGER });
    }
    return items;
  };
  const shmAt: Array<{ pid: number; obj: number }> = [];
  const boxes: FigureCache["boxes"] = new Map();
  let placedFiles: Array<{ item: { f: OpenFile; ghost: boolean }; y: number }>;
  let placedObjs: Array<{ item: { o?: KObject; ghost: boolean; box: ObjectBox }; y: number; h: number }>;
  if (narrow) {
    for (const { item, anchor } of fileItems) objAnchor[item.f.object] = Math.min(objAnchor[item.f.object] ?? Infinity, anchor + FILE_ROW + 4);
    // One stack: a file before the v-node under it when both want the same place.
    type Placed = { file?: { f: OpenFile; ghost: boolean }; obj?: { o?: KObject; ghost: boolean; box: ObjectBox } };
    const both = stack<Placed>([
      ...fileItems.map((x) => ({ item: { file: x.item }, anchor: x.anchor, h: x.h, tie: x.tie, gap: 4 })),
      ...objItems().map((x) => ({ item: { obj: x.item }, anchor: x.anchor, h: x.h, tie: Number.MAX_SAFE_INTEGER / 2 + x.tie, gap: STACK_GAP })),
    ], TOP + 22, 4);
    placedFiles = both.flatMap(({ item, y }) => (item.file ? [{ item: item.file, y }] : []));
    placedObjs = both.flatMap(({ item, y, h }) => (item.obj ? [{ item: item.obj, y, h }] : []));
  } else {
    placedFiles = stack(fileItems, TOP + 22, 4);
    for (const { item, y } of placedFiles) objAnchor[item.f.object] ??= y + FILE_ROW / 2 - 12;
    placedObjs = stack(objItems(), TOP, STACK_GAP);
  }
  const fileMid: number[] = [];
  const rows: FigureCache["rows"] = new Map();
  for (const { item, y: fy } of placedFiles) {
    const f = item.f;
    const ghost = item.ghost;
    const inputs: RowInputs = { ghost, isNew: c.newFiles.has(f.id), ref: c.refcountWas.get(f.id), pos: c.offsetWas.get(f.id) };
    const memo = cache.rows.get(f.id);
    const row = memo && memo.f === f && sameRowInputs(memo.inputs, inputs) ? memo.row
      : cache.drawing(f, inputs, sameRowInputs, () => new LazyParted(() => drawFileRow(f, c, ghost)));
    const kept = memo?.row === row ? memo : undefined;
    const unit = LazyUnit.at(kept?.unit, kept?.unit.key ?? `f:${f.id}`, "boxes", col.file, fy, fy, fy + FILE_ROW, row);
    rows.set(f.id, { f, inputs, row, unit, link: kept?.link });
    units.push(unit);
    fileMid[item.f.id] = fy + FILE_ROW / 2;
  }
  const fileBottom = placedFiles.reduce((m, p) => Math.max(m, p.y + FILE_ROW), TOP);
  for (const { pid, block, y: by, placed } of placedProcs) {
    const ends: number[] = [];
    for (const s of block.slots) {
      const to = fileMid[s.file];
      if (to !== undefined) ends.push(by + s.dy, to, s.file);
    }
    // Arrows are drawn only when the view shows them (most of a big picture is off screen).
    placed.arrows = ends.length ? ProcArrows.at(placed.arrows, pid, col.proc + col.procW, col.file, ends) : undefined;
    if (placed.arrows) units.push(placed.arrows);
  }

  const objTop: number[] = [];
  let objBottom = TOP;
  for (const { item, y: oy, h } of placedObjs) {
    const memo = item.o && boxes.get(item.o.id);
    const unit = LazyUnit.at(memo ? memo.unit : undefined, memo?.unit?.key ?? (item.o ? `o:${item.o.id}` : "output"), "boxes", col.obj, oy, oy, oy + h, item.box);
    if (memo) memo.unit = unit;
    units.push(unit);
    if (item.o) objTop[item.o.id] = oy + 12;
    objBottom = Math.max(objBottom, oy + h);
  }
  // Wide: across to the v-node's left edge; narrow: round to its right edge.
  const objEdge = narrow ? col.obj + COL_OBJ : col.obj;
  for (const { item } of placedFiles) {
    const from = fileMid[item.f.id];
    const to = objTop[item.f.object];
    if (from === undefined || to === undefined) continue;
    const [top, bottom] = arrowSpan(from, to);
    const row = rows.get(item.f.id);
    const unit = Arrow.at(row?.link, row?.link?.key ?? `b:${item.f.id}`, top, bottom,
      col.file + COL_FILE, from, objEdge, to, isLong(from, to), item.f.object, item.ghost ? "g" : "o", narrow);
    if (row) row.link = unit;
    units.push(unit);
  }
  for (const s of shmAt) {
    const from = headerAt[s.pid];
    const to = objTop[s.obj];
    if (from === undefined || to === undefined) continue;
    units.push({ key: `s:${s.pid}:${s.obj}`, layer: "links", x: 0, y: 0, top: Math.min(from, to) - 5, bottom: Math.max(from, to) + 5, body: link(col.proc + col.procW, from, col.obj, to, "s") });
  }
  cache.rows = rows;
  cache.boxes = boxes;
  cache.rotate();
  const height = Math.max(procBottom, fileBottom + STACK_GAP, objBottom + STACK_GAP, TOP + 40) + MARGIN;
  return { width: col.width, height, units, caption, changes: describeChanges(c, snap) };
}
