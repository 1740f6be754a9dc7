// One row of the open file table: id, refcount, offset, access mode and status flags.
// A row freed by this step is drawn as a dashed ghost so the learner sees it go.
import type { OpenFile } from "../contract/snapshot";
import type { Changes } from "./changes";
import { COL_FILE, FILE_CELLS, FILE_ROW, fits } from "./geometry";
import type { Part, Parted } from "./parts";
import { rect, text, title } from "./svgparts";
import { clip } from "./text";

/** A row's cells, drawn as one box with lines between the columns (not a rect per cell:
 *  hundreds of rows on screen in a big picture, each rect costing style and layout). */
function cellGrid(h: number, cls: string): string {
  let x = 0;
  let lines = "";
  for (const w of FILE_CELLS.slice(0, -1)) { x += w; lines += `M${x} 0V${h}`; }
  return rect(0, 0, COL_FILE, h, cls) + `<path class="fl-grid" d="${lines}"/>`;
}

/** The cells' texts, one text each at its cell's left (a run placed with its own x costs
 *  Chromium more to lay out than a text of its own). */
function cellTexts(y: number, texts: string[], cls: string, runCls: string): string[] {
  let x = 0;
  return texts.map((t, i) => {
    const s = text(x + 6, y, t, i === 0 ? cls : runCls);
    x += FILE_CELLS[i];
    return s;
  });
}

/** The header row above the open file table, in the column's coordinates. */
export function fileHeader(): string {
  return cellGrid(20, "fl-head") + cellTexts(14, ["#", "refcnt", "pos", "access \u00b7 flags"], "fl-t fl-small fl-b", "fl-t").join("");
}

/** A number cell's text: "was→now" when the step changed it, or the new value alone when
 *  both do not fit the cell: the cell's change mark says it changed and the change list
 *  from what ("→7503" read as a value cut short). */
function changeText(was: number | undefined, now: number, width: number): string {
  if (was === undefined) return String(now);
  const both = `${was}\u2192${now}`;
  return both.length <= fits(width) ? both : String(now);
}

/** The row in keyed parts: "title", "cells" (the grid), "marks" (changed cells), a text
 *  per cell ("c0".."c3": a step that changes a refcount redraws that cell's text alone),
 *  the outline of a new or freed row (see parts.ts). */
export function drawFileRow(f: OpenFile, c: Changes, ghost = false): Parted {
  const wasRef = c.refcountWas.get(f.id);
  const wasPos = c.offsetWas.get(f.id);
  const isNew = c.newFiles.has(f.id);
  const cells = [
    `#${f.id}`,
    changeText(wasRef, f.refcount, FILE_CELLS[1]),
    changeText(wasPos, f.offset, FILE_CELLS[2]),
    [...f.flags, ...(f.end ? [`${f.end} end`] : [])].join(" ") + (ghost ? " (freed)" : ""),
  ];
  const changedCell = [false, wasRef !== undefined, wasPos !== undefined, false];
  const tip = `open file #${f.id}: refcount ${f.refcount}, offset ${f.offset}, ${f.flags.join(" ")}${ghost ? " (freed in this step)" : ""}`;
  const parts: Part[] = [["title", title(tip)], ["cells", cellGrid(FILE_ROW, "fl-cell")]];
  // A changed cell's mark over the grid (fill none: the cell stays as drawn under it).
  let x = 0;
  let marks = "";
  FILE_CELLS.forEach((w, i) => {
    if (changedCell[i]) marks += rect(x, 0, w, FILE_ROW, "fl-cellmark fl-chg");
    x += w;
  });
  if (marks) parts.push(["marks", marks]);
  cellTexts(16, cells.map((t, i) => clip(t, fits(FILE_CELLS[i]))), "fl-m fl-mono fl-small", "fl-t").forEach((t, i) => parts.push([`c${i}`, t]));
  const state = ghost ? "freed" : isNew ? "new" : wasRef !== undefined || wasPos !== undefined ? "changed" : "";
  if (ghost || isNew) parts.push(["outline", rect(0, 0, COL_FILE, FILE_ROW, ghost ? "fl-outline fl-freed" : "fl-outline fl-new")]);
  return { open: `<g class="fl-file${ghost ? " fl-ghost" : ""}" data-file="${f.id}"${state ? ` data-change="${state}"` : ""}>`, parts };
}
