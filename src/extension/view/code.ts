// How wide the code is, for the presentation layout's share of the editor area between the
// code and the picture. Pure arithmetic on what VS Code tells an extension (the text, the
// tab size, the font size, the view's width): the editor's own measure is not reachable.
import { layoutWidth } from "../../render/geometry";

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

/** The widest line in columns, tabs taken to their next stop. */
export function longestLine(text: string, tabSize: number): number {
  let most = 0;
  for (const line of text.split(/\r?\n/)) {
    let col = 0;
    for (const ch of line) col = ch === "\t" ? col + tabSize - (col % tabSize) : col + 1;
    most = Math.max(most, col);
  }
  return most;
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
  const most = Math.max(CODE_LEAST, (width - PICTURE_LEAST) / width);
  const share = Math.min(most, Math.max(CODE_LEAST, codeWidth(columns, fontSize) / width));
  return Math.round(share * 1000) / 1000;
}
