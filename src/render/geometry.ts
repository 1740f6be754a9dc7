// Sizes of the figure, in SVG user units (pixels at 100%). One place, so the three
// tables line up and the arrows meet the row edges exactly.

export const MARGIN = 16;
/** Height of the caption band and the column headings above the tables. */
export const TOP = 84;
export const GAP = 86;
export const COL_PROC = 330;
export const COL_FILE = 280;
export const COL_OBJ = 330;
/** Process block parts. */
export const HEAD = 28;
export const LINE = 17;
export const ROW = 21;
export const FD_NUM = 34;
export const INDENT = 14;
export const MAX_INDENT_DEPTH = 5;
/** Space between stacked blocks in a column. */
export const STACK_GAP = 10;
/** Open file rows. */
export const FILE_ROW = 24;
export const FILE_CELLS = [34, 54, 48, 144] as const;
/** Width of one character of the 12px monospace font, for clipping text to a cell. */
export const CHAR = 7.3;

export function colX(): { proc: number; file: number; obj: number; width: number } {
  const proc = MARGIN;
  const file = proc + COL_PROC + GAP;
  const obj = file + COL_FILE + GAP;
  return { proc, file, obj, width: obj + COL_OBJ + MARGIN };
}

/** How many monospace characters fit in a width, keeping a little padding. */
export function fits(width: number): number {
  return Math.max(1, Math.floor((width - 10) / CHAR));
}
