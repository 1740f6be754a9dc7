// One row of the open file table: id, refcount, offset, access mode and status flags.
// A row freed by this step is drawn as a dashed ghost so the learner sees it go.
import type { OpenFile } from "../contract/snapshot";
import type { Changes } from "./changes";
import { COL_FILE, FILE_CELLS, FILE_ROW, fits } from "./geometry";
import type { Part, Parted } from "./parts";
import { rect, text, title } from "./svgparts";
import { clip } from "./text";

/** The header row above the open file table, in the column's coordinates. */
export function fileHeader(): string {
  const labels = ["#", "refcnt", "pos", "access \u00b7 flags"];
  let x = 0;
  const parts: string[] = [];
  FILE_CELLS.forEach((w, i) => {
    parts.push(rect(x, 0, w, 20, "fl-head"));
    parts.push(text(x + 6, 14, labels[i], "fl-t fl-small fl-b"));
    x += w;
  });
  return parts.join("");
}

/** A number cell's text: "was→now" when the step changed it, or "→now" when both do not
 *  fit the cell (the new value must stay readable; the change list says what it was). */
function changeText(was: number | undefined, now: number, width: number): string {
  if (was === undefined) return String(now);
  const both = `${was}\u2192${now}`;
  return both.length <= fits(width) ? both : `\u2192${now}`;
}

/** The row in keyed parts: "title", a part per cell ("c0".."c3"), the outline of a new or
 *  freed row (see parts.ts). */
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
  const parts: Part[] = [["title", title(tip)]];
  let x = 0;
  FILE_CELLS.forEach((w, i) => {
    const cls = "fl-cell" + (changedCell[i] ? " fl-chg" : "");
    parts.push([`c${i}`, rect(x, 0, w, FILE_ROW, cls) + text(x + 6, 16, clip(cells[i], fits(w)), (i === 0 ? "fl-m" : "fl-t") + " fl-mono fl-small")]);
    x += w;
  });
  const state = ghost ? "freed" : isNew ? "new" : wasRef !== undefined || wasPos !== undefined ? "changed" : "";
  if (ghost || isNew) parts.push(["outline", rect(0, 0, COL_FILE, FILE_ROW, ghost ? "fl-outline fl-freed" : "fl-outline fl-new")]);
  return { open: `<g class="fl-file${ghost ? " fl-ghost" : ""}" data-file="${f.id}"${state ? ` data-change="${state}"` : ""}>`, parts };
}
