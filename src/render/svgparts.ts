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

/** A text made of differently styled runs on one baseline. Neighbouring runs of one style
 *  are one tspan: each tspan is a box the browser styles and lays out. */
export function runs(x: number, y: number, parts: Array<[string, string]>, extra: Attrs = {}): string {
  let body = "";
  for (let i = 0; i < parts.length; i++) {
    const cls = parts[i][0];
    let t = parts[i][1];
    while (i + 1 < parts.length && parts[i + 1][0] === cls) t += parts[++i][1];
    body += `<tspan class="${cls}">${esc(t)}</tspan>`;
  }
  return `<text${attrs({ x, y, ...extra })}>${body}</text>`;
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
