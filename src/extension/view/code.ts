// How wide the code is, for the presentation layout's share of the editor area between the
// code and the picture. Pure arithmetic on what VS Code tells an extension (the text, the
// tab size, the font size, the view's width) and on the markers Fork Lab itself puts at the
// ends of the lines: the editor's own measure is not reachable.
import { layoutWidth } from "../../render/geometry";
import { LineMarks, MARKER_MARGIN_EM, moreMarker, pidMarker } from "../editor/marker";

/** The picture's least width in the presentation layout: the two columns at 16 px text
 *  (12-unit text at 4/3, the view's PRESENT scale). */
export const PICTURE_LEAST = Math.ceil((layoutWidth("narrow") * 4) / 3);
/** The code's least share, as the layout has always given it. */
export const CODE_LEAST = 0.3;
/** A monospace character's width per pixel of font size (DejaVu Sans Mono and Menlo 0.602,
 *  Consolas 0.55, Cascadia Code 0.586), with a little to spare. */
const CHAR_EM = 0.61;
/** What the editor draws beside the text, in characters and pixels: the line numbers
 *  (editor.lineNumbersMinChars, 5) and a character for the cursor; the glyph margin,
 *  the folding arrows, the line decorations and the vertical scroll bar. */
const GUTTER_CHARS = 6;
const GUTTER_PX = 60;

/** Each line's width in columns, tabs taken to their next stop. */
function lineWidths(text: string, tabSize: number): number[] {
  return text.split(/\r?\n/).map((line) => {
    let col = 0;
    for (const ch of line) col = ch === "\t" ? col + tabSize - (col % tabSize) : col + 1;
    return col;
  });
}

/** The columns Fork Lab's end-of-line markers for `pids` take (editor/marker.ts): each its
 *  margin and its text, the \u25C0 counted twice (the editor's font may lack it, and the
 *  font drawn in its place is often wider than a cell; the marker is italic too). */
export function markerColumns(marks: LineMarks): number {
  const texts = [...marks.pids.map(pidMarker), ...(marks.more ? [moreMarker(marks.more)] : [])];
  let cols = 0;
  for (const t of texts) cols += MARKER_MARGIN_EM / CHAR_EM + t.length + 1;
  return cols;
}

/**
 * The columns the code needs with Fork Lab's markers at its line ends: `marks` gives the pids
 * each line carries now (0-based, markedLines). The widest line with its markers, and, while
 * there are markers, at least the longest line with one marker of the widest pid shown: a
 * process coming to the longest line then finds its room, and the layout moves only for
 * what a marker of one process cannot foresee (several on a long line, a wider pid).
 */
export function markedColumns(text: string, tabSize: number, marks: ReadonlyMap<number, LineMarks>): number {
  const widths = lineWidths(text, tabSize);
  let most = widths.reduce((a, b) => Math.max(a, b), 0);
  let widest = 0;
  for (const m of marks.values()) for (const pid of m.pids) widest = Math.max(widest, pid);
  if (widest) most += markerColumns({ pids: [widest], more: 0 });
  for (const [line, m] of marks) most = Math.max(most, (widths[line] ?? 0) + markerColumns(m));
  return Math.ceil(most);
}

/** The pixels the editor needs to show `columns` characters whole at `fontSize`. */
export function codeWidth(columns: number, fontSize: number): number {
  return Math.ceil((columns + GUTTER_CHARS) * CHAR_EM * fontSize + GUTTER_PX);
}

/**
 * The code's share of an editor area `width` pixels wide: what its longest line needs, but
 * never taking the picture under PICTURE_LEAST, and never under CODE_LEAST. At 1920x1080
 * (an area of about 1870 px) the course's 80-column lines are whole beside a picture at
 * 16 px; at 1366x768 (about 1320 px) the picture keeps 70% and the code wraps.
 */
export function codeShare(width: number, columns: number, fontSize: number): number {
  // In thousandths, the code's need taken up and the picture's room down, so both hold.
  const most = Math.max(CODE_LEAST, Math.floor((1000 * (width - PICTURE_LEAST)) / width) / 1000);
  const need = Math.ceil((1000 * codeWidth(columns, fontSize)) / width) / 1000;
  return Math.min(most, Math.max(CODE_LEAST, need));
}
