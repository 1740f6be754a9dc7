// Tiny builders for SVG elements as strings. Attribute values are escaped here so the
// drawing code never forgets to.
import { clip, esc } from "./text";

type Attrs = Record<string, string | number | undefined | false>;

function attrs(a: Attrs): string {
  let s = "";
  for (const k in a) {
    const v = a[k];
    if (v !== undefined && v !== false) s += ` ${k}="${esc(v)}"`;
  }
  return s;
}

// rect and text are called for every cell of a 1,000-row picture: numbers and our own
// class names need no escaping, so only the extra attributes go through attrs().
export function rect(x: number, y: number, w: number, h: number, cls: string, extra?: Attrs): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" class="${cls}"${extra ? attrs(extra) : ""}/>`;
}

export function text(x: number, y: number, content: string, cls: string, extra?: Attrs): string {
  return `<text x="${x}" y="${y}" class="${cls}"${extra ? attrs(extra) : ""}>${esc(content)}</text>`;
}

/** Classes that set only the fill (style.ts): a text whose first run is one of these
 *  takes the class itself, and that run is the text's own characters. */
export const FILL_ONLY: ReadonlySet<string> = new Set(["fl-m", "fl-t"]);
/** Classes that set the fill: a run carrying one overrides the fill its text inherits. */
export const SETS_FILL: ReadonlySet<string> = new Set(["fl-t", "fl-m", "fl-wait", "fl-sig", "fl-fn", "fl-var", "fl-lost", "fl-zt", "fl-kind"]);

/** A text made of differently styled runs on one baseline. Neighbouring runs of one style
 *  are one run, and the first run is the text's own characters when nothing else inherits
 *  its style (a lone run; or a run that only sets the fill, every later run setting its
 *  own): Chromium lays out each tspan as a box of its own, at about the cost of a text. */
export function runs(x: number, y: number, parts: Array<[string, string]>, extra: Attrs = {}): string {
  const merged: Array<[string, string]> = [];
  for (const [cls, t] of parts) {
    const last = merged[merged.length - 1];
    if (last && last[0] === cls) last[1] += t;
    else merged.push([cls, t]);
  }
  const own = merged.length > 0 && extra.class === undefined &&
    (merged.length === 1 || (FILL_ONLY.has(merged[0][0]) && merged.every(([cls], i) => i === 0 || cls.split(" ").some((c) => SETS_FILL.has(c)))));
  let body = own ? esc(merged[0][1]) : "";
  for (let i = own ? 1 : 0; i < merged.length; i++) body += `<tspan class="${merged[i][0]}">${esc(merged[i][1])}</tspan>`;
  return `<text${attrs({ x, y, class: own ? merged[0][0] : undefined, ...extra })}>${body}</text>`;
}

/** Clips styled runs so that together they fit in max characters. */
export function clipRuns(parts: Array<[string, string]>, max: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let left = max;
  for (const [cls, t] of parts) {
    if (left <= 0) break;
    out.push([cls, clip(t, left)]);
    left -= t.length;
  }
  return out;
}

export function group(body: string, extra: Attrs = {}): string {
  return `<g${attrs(extra)}>${body}</g>`;
}

export function title(t: string): string {
  return `<title>${esc(t)}</title>`;
}

/** The class carrying the pid's hue (read by the .fl-p* rules); a class, not a style
 *  attribute, so the view's Content-Security-Policy needs no 'unsafe-inline'. */
export function hueClass(hue: number): string {
  return `fl-h${hue % 360}`;
}
