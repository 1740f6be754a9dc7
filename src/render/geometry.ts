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

/** How the tables are placed: "wide", three columns side by side (1144 units); "narrow",
 *  two (728 units): slimmer descriptor tables, then the open files with each v-node under
 *  the first file that refers to it, the file-to-v-node arrows running round the right
 *  side. A narrow pane keeps a readable scale with the narrow layout. */
export type Layout = "wide" | "narrow";

/** Between the descriptor tables and the open files in the narrow layout. */
const NARROW_GAP = 48;
/** The descriptor tables' width in the narrow layout. */
const NARROW_PROC = 290;
/** Room right of the narrow layout's second column for the file-to-v-node arrows. */
export const BRACKET = 28;

/** Where each table starts, the descriptor tables' width (procW) and the figure's width. */
export function colX(layout: Layout = "wide"): { proc: number; procW: number; file: number; obj: number; width: number } {
  const proc = MARGIN;
  if (layout === "narrow") {
    const file = proc + NARROW_PROC + NARROW_GAP;
    return { proc, procW: NARROW_PROC, file, obj: file, width: file + COL_OBJ + BRACKET + MARGIN };
  }
  const file = proc + COL_PROC + GAP;
  const obj = file + COL_FILE + GAP;
  return { proc, procW: COL_PROC, file, obj, width: obj + COL_OBJ + MARGIN };
}

/** The figure's width in a layout (the view picks the layout that fits its pane). */
export const layoutWidth = (layout: Layout): number => colX(layout).width;

/** How many monospace characters fit in a width, keeping a little padding. */
export function fits(width: number): number {
  return Math.max(1, Math.floor((width - 10) / CHAR));
}
