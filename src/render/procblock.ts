// One process as a block in the left column: header (pid, name, state), what it waits
// for, its signals, its unflushed stdout buffer, then its descriptor table.
import type { Proc } from "../contract/snapshot";
import type { Changes } from "./changes";
import { CHAR, FD_NUM, HEAD, LINE, ROW, fits } from "./geometry";
import { Lookup, objectName } from "./lookup";
import { pidHue } from "./palette";
import { MeasuredParted, Parted, Part } from "./parts";
import { clipRuns, hueClass, rect, runs, text, title } from "./svgparts";
import { cbytes, clip, deadState, heldNote, waitStatusText, wrapValue } from "./text";

/** A process block: its size and where its descriptor rows are, now; its markup (whole, or
 *  in keyed parts: "title", "frame", "pid", "state", "name", "l0"..., "note", "s<fd>" for
 *  the slot or empty run starting at fd) when first asked for: the view draws only the
 *  blocks on screen. */
export class ProcBlock extends MeasuredParted {
  constructor(
    h: number,
    /** Descriptors that point at an open file (arrows start here), with the row's middle
     *  relative to the block: the figure places a thousand of them on every step, and a
     *  kept block keeps these. */
    readonly slots: Array<{ fd: number; file: number; dy: number }>,
    private readonly table: FdRow[],
    private readonly fdTop: number,
    make: () => Parted) {
    super(h, make);
  }
  /** The y of fd's row middle, relative to the block (every row, used or not; a collapsed
   *  run of empty slots is one row); undefined past the table. */
  slotY(fd: number): number | undefined {
    const i = this.table.findIndex((r) => fd >= r.fd && fd <= r.last);
    return i < 0 ? undefined : this.fdTop + i * ROW + ROW / 2;
  }
}

const STATE_LABEL: Record<Proc["state"], string> = {
  running: "running", ready: "ready", blocked: "blocked", stopped: "stopped", zombie: "ZOMBIE",
};

/** "SIGCHLD SIGCHLD SIGINT" -> "SIGCHLD\u00d72 SIGINT" */
function signalList(list: string[]): string {
  const counts = new Map<string, number>();
  for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n > 1 ? `${s}\u00d7${n}` : s)).join(" ");
}

/** A line of styled runs, made when the block is drawn: the block's height needs only how
 *  many lines there are, and a big picture draws a few blocks of hundreds. */
type InfoLine = () => Array<[string, string]>;

/** Characters of a block's info line at width w (the monospace runs' advance). */
const lineRoom = (w: number): number => Math.floor((w - 20) / 6.9);
/** How far a value's continuation lines are indented under its first (no-break spaces:
 *  SVG text collapses plain ones). */
const VALUE_INDENT = "\u00a0".repeat(4);

function infoLines(p: Proc, parentPresent: boolean, c: Changes, room: number): InfoLine[] {
  const lines: InfoLine[] = [];
  if (p.kind === "client") lines.push(() => [["fl-m", "outside process (a client)"]]);
  if (p.state === "zombie") {
    lines.push(() => [["fl-zt", `${waitStatusText(p.exitStatus ?? 0)}; `], ["fl-zt", parentPresent ? `not yet reaped by ${p.ppid}` : "not yet reaped"]]);
  }
  // With a call stack, the innermost frame says the line.
  const at = p.line !== undefined && p.state !== "zombie" && !p.frames?.length;
  const waits = p.state === "blocked" && !!p.blockedOn;
  if (at || waits) {
    lines.push(() => {
      const where: Array<[string, string]> = at ? [["fl-m", `line ${p.line}`]] : [];
      if (waits) where.push(["fl-m", at ? " \u00b7 waits in " : "waits in "], ["fl-wait", p.blockedOn ?? ""]);
      return where;
    });
  }
  const s = p.signals;
  const sigLine = (label: string, list: () => string[], cls = "fl-t") => lines.push(() => [["fl-m", `${label} `], [cls, signalList(list())]]);
  // A zombie has run its last: no signal reaches it, no handler of its will run (deadState).
  const live = !deadState(p);
  if (live && s.pending.length) sigLine("pending", () => s.pending, "fl-sig");
  // A line of its own: beside three signal names it would be cut in a nested block.
  const held = heldNote(p.state, s.pending);
  if (live && held) lines.push(() => [["fl-m", held]]);
  if (live && s.blocked.length) sigLine("blocked", () => s.blocked);
  if (live && Object.keys(s.handlers).length) sigLine("handlers", () => Object.entries(s.handlers).map(([sig, h]) => `${sig}\u2192${h}`));
  if (live && s.running) lines.push(() => [["fl-m", "in handler "], ["fl-sig", s.running ?? ""]]);
  if (s.lost.length) {
    const fresh = c.newlyLost.has(p.pid) ? " (just now)" : "";
    lines.push(() => [["fl-lost", `\u26a0 lost ${signalList(s.lost)}${fresh}`], ["fl-m", " (was already pending)"]]);
  }
  const out = p.stdio.stdout;
  if (out.buffered) lines.push(() => [["fl-m", `stdout buffer (${out.mode}) `], ["fl-mono fl-t", cbytes(out.buffered, 26)]]);
  variableLines(p, c.changedVars.get(p.pid), lines, room);
  return lines;
}

/** The call stack (outermost first, each frame's locals under it) and the globals; a
 *  variable the step changed is bold with a mark (not colour alone). */
function variableLines(p: Proc, changed: Set<string> | undefined, lines: InfoLine[], room: number): void {
  const item = (key: string, name: string, value: string) => {
    const hot = changed?.has(key);
    const cls = hot ? "fl-mono fl-t fl-var-chg" : "fl-mono fl-t";
    // A value too long for the line goes on below it (a struct member by member).
    const [head, ...more] = wrapValue(value, room - name.length - 5, room - VALUE_INDENT.length);
    lines.push(() => [["fl-m", hot ? "\u25b8 " : "  "], [hot ? "fl-var fl-var-chg" : "fl-var", name], ["fl-m", " = "], [cls, head]]);
    for (const piece of more) lines.push(() => [["fl-m", VALUE_INDENT], [cls, piece]]);
  };
  (p.frames ?? []).forEach((f, i) => {
    lines.push(() => [["fl-fn", `${f.function}()`], ["fl-m", ` line ${f.line}`]]);
    for (const v of f.locals) item(`${i}:${v.name}`, v.name, v.value);
  });
  if (p.globals?.length) {
    lines.push(() => [["fl-fn", "globals"]]);
    for (const v of p.globals) item(`g:${v.name}`, v.name, v.value);
  }
}

/** The block of `p`: the size and descriptor rows now, the markup when first asked for. */
export function drawProcBlock(p: Proc, w: number, look: Lookup, c: Changes, parentPresent: boolean): ProcBlock {
  const lines = infoLines(p, parentPresent, c, lineRoom(w));
  let rows = 0;
  for (let fd = p.fds.length - 1; fd >= 0; fd--) if (p.fds[fd] !== null) { rows = fd + 1; break; }
  for (const key of c.closedFds.keys()) {
    const [pid, fd] = key.split(":").map(Number);
    if (pid === p.pid) rows = Math.max(rows, fd + 1);
  }
  const noteLine = rows === 0 && p.kind !== "init" ? 1 : 0;
  const fdTop = HEAD + (lines.length + noteLine) * LINE + (lines.length + noteLine ? 4 : 0);
  const table = fdRows(p, rows, c);
  const h = fdTop + table.length * ROW + (rows ? 8 : 2);
  const slots: ProcBlock["slots"] = [];
  for (let i = 0; i < table.length; i++) {
    const r = table[i];
    const id = p.fds[r.fd] ?? null;
    if (r.last === r.fd && id !== null && look.files.has(id)) slots.push({ fd: r.fd, file: id, dy: fdTop + i * ROW + ROW / 2 });
  }
  return new ProcBlock(h, slots, table, fdTop, () => drawBody(p, w, look, c, { lines, table, noteLine, fdTop, h }));
}

/** A row of the descriptor table: one slot, or a run of empty slots fd..last. */
interface FdRow { fd: number; last: number }

/** Empty runs this long or longer are one row ("3-250 empty"): a server that inherited
 *  descriptor 251 should not draw 250 empty rows. */
const COLLAPSE_RUN = 3;

/** The table's rows: each slot, except that runs of empty slots no step marked collapse. */
function fdRows(p: Proc, rows: number, c: Changes): FdRow[] {
  const out: FdRow[] = [];
  const quiet = (fd: number) => (p.fds[fd] ?? null) === null && !c.closedFds.has(`${p.pid}:${fd}`);
  for (let fd = 0; fd < rows;) {
    let end = fd;
    while (end < rows && quiet(end)) end++;
    if (end - fd >= COLLAPSE_RUN) { out.push({ fd, last: end - 1 }); fd = end; continue; }
    out.push({ fd, last: fd });
    fd++;
  }
  return out;
}

/** The descriptor table's cells, drawn once for all its rows: the fd column's shade, the
 *  entries' column and the lines between rows. (Two rects per row cost as much style and
 *  layout as the row's text: a 200-process screen has hundreds of rows.) */
function tableGrid(top: number, rows: number, w: number): string {
  const cellX = 12 + FD_NUM;
  let lines = "";
  for (let i = 1; i < rows; i++) lines += `M12 ${top + i * ROW}H${w}`;
  return rect(12, top, FD_NUM, rows * ROW, "fl-cellh") + rect(cellX, top, w - cellX, rows * ROW, "fl-cell") +
    (lines ? `<path class="fl-grid" d="${lines}"/>` : "");
}

/** One row of the table on the grid: the fd (centred in its column) and the entry, and for
 *  a slot the step changed, its mark drawn over the entry's cell and named. Two texts: a
 *  run placed with its own x costs Chromium more to lay out than a text of its own. */
function drawSlot(p: Proc, r: FdRow, ry: number, w: number, look: Lookup, c: Changes): string {
  const cellX = 12 + FD_NUM;
  const row = (fdText: string, entry: string, cls: string) =>
    text(12 + FD_NUM / 2, ry + 15, fdText, "fl-t fl-mono", { "text-anchor": "middle" }) + text(cellX + 6, ry + 15, entry, `${cls} fl-small`);
  if (r.last > r.fd) {
    return `<g class="fl-slot fl-run" data-fd="${p.pid}:${r.fd}-${r.last}">` +
      row("\u22ee", `${r.fd}\u2013${r.last}: ${r.last - r.fd + 1} empty slots`, "fl-m") + "</g>";
  }
  const fd = r.fd;
  const key = `${p.pid}:${fd}`;
  const id = p.fds[fd] ?? null;
  const f = id === null ? undefined : look.files.get(id);
  const mark = c.newFds.has(key) ? "new" : c.closedFds.has(key) ? "closed" : c.replacedFds.has(key) ? "changed" : "";
  const markCls = mark === "new" ? "fl-new" : mark === "closed" ? "fl-freed" : "fl-chg";
  let slot = `<g class="fl-slot" data-fd="${key}"${mark ? ` data-change="${mark}"` : ""}>`;
  if (mark) slot += rect(cellX, ry, w - cellX, ROW, `fl-cellmark ${markCls}`);
  const room = fits(w - cellX) - (mark ? mark.length + 1 : 0);
  if (f) {
    const cloexec = p.cloexec.includes(fd) ? " \u00b7 cloexec" : "";
    slot += row(String(fd), clip(`#${f.id} ${objectName(look.objects.get(f.object), f)}${cloexec}`, room), "fl-t");
  } else if (id !== null) {
    slot += row(String(fd), clip(`#${id} (missing)`, room), "fl-lost");
  } else {
    slot += row(String(fd), "\u2014", "fl-m");
  }
  if (mark) slot += text(w - 6, ry + 15, mark, `fl-tag fl-tag-${mark}`, { "text-anchor": "end" });
  return slot + "</g>";
}

function drawBody(p: Proc, w: number, look: Lookup, c: Changes,
  at: { lines: InfoLine[]; table: FdRow[]; noteLine: number; fdTop: number; h: number }): Parted {
  const { lines, table, noteLine, fdTop, h } = at;
  const hue = pidHue(p.pid);
  const parts: Part[] = [];
  const zombie = p.state === "zombie";
  const boxCls = ["fl-box", zombie ? "fl-zombie" : "", p.kind === "client" ? "fl-client" : "",
    c.newProcs.has(p.pid) ? "fl-new" : "", c.newZombies.has(p.pid) ? "fl-chg" : ""].filter(Boolean).join(" ");
  const summary = `pid ${p.pid} ${p.name}, ${p.state}${p.blockedOn ? " in " + p.blockedOn : ""}`;
  parts.push(["title", title(summary)]);
  parts.push(["frame", rect(0, 0, w, h, boxCls, { rx: 4 }) + (zombie ? rect(0, 0, w, h, "fl-hatch", { rx: 4 }) : "") +
    rect(0, 0, 6, h, "fl-pfill", { rx: 2 })]);
  // Header: pid badge, name, state chip.
  const pidText = String(p.pid);
  const badgeW = pidText.length * CHAR + 12;
  parts.push(["pid", rect(12, 6, badgeW, 17, "fl-pbadge", { rx: 3 }) + text(18, 19, pidText, "fl-badge fl-mono")]);
  const stateLabel = STATE_LABEL[p.state];
  const chipW = stateLabel.length * 7 + 14;
  parts.push(["state", rect(w - chipW - 8, 6, chipW, 17, `fl-chip fl-st-${p.state}`, { rx: 8 }) +
    text(w - chipW / 2 - 8, 19, stateLabel, `fl-chipt fl-st-${p.state}`, { "text-anchor": "middle" })]);
  const nameRoom = w - chipW - 8 - (12 + badgeW + 8) - 6;
  parts.push(["name", text(12 + badgeW + 8, 19, clip(p.name, Math.floor(nameRoom / 7.4)), "fl-t fl-name")]);
  let y = HEAD;
  const room = lineRoom(w);
  lines.forEach((l, i) => {
    parts.push([`l${i}`, runs(12, y + 12, clipRuns(l(), room))]);
    y += LINE;
  });
  if (noteLine) {
    parts.push(["note", text(12, y + 12, zombie ? "descriptors closed at exit" : "no open descriptors", "fl-m fl-i")]);
  }

  if (table.length) parts.push(["grid", tableGrid(fdTop, table.length, w)]);
  table.forEach((r, i) => parts.push([`s${r.fd}`, drawSlot(p, r, fdTop + i * ROW, w, look, c)]));
  return { open: `<g class="fl-proc ${hueClass(hue)}" data-pid="${p.pid}" data-state="${p.state}">`, parts };
}
