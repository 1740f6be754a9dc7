// Snapshot -> SVG text. Pure string building: the CLI uses it under node, the webview
// uses the same units to patch its live picture.
import type { Snapshot } from "../contract/snapshot";
import { Figure, Unit, buildFigure } from "./figure";
import type { ColourScheme } from "./palette";
import { FIGURE_CSS, HUE_CSS, MOTION_CSS, PID_TONES } from "./style";
import type { Terminal } from "./terminal";
import { esc } from "./text";
import { THEMES, ThemeVars, themeDeclarations } from "./themes";

export interface SvgOptions {
  /** Embed a theme's variables (and pid tones) so the file stands alone; omit inside the view. */
  scheme?: ColourScheme;
  /** Embed these variable values instead of a preset (the view's live theme, for export). */
  vars?: ThemeVars;
  /** Pulse what changed (the view only; exports are still). */
  motion?: boolean;
  /** Put the stylesheet inside the SVG (default). The view passes false and installs it
   *  once in its page, under its Content-Security-Policy nonce. */
  embedStyle?: boolean;
}

/** The figure's whole stylesheet. */
export function figureCss(motion = false): string {
  return FIGURE_CSS + HUE_CSS + (motion ? MOTION_CSS : "");
}

export function unitMarkup(u: Unit): string {
  const at = u.x || u.y ? ` transform="translate(${u.x},${u.y})"` : "";
  return `<g data-key="${esc(u.key)}"${at}>${u.body}</g>`;
}

/** The opening of the SVG document up to (not including) the layers. */
export function svgHead(fig: Figure, opts: SvgOptions = {}): string {
  const vars = opts.vars ?? (opts.scheme ? THEMES[opts.scheme] : undefined);
  const scheme = opts.scheme ?? "light";
  const style = vars ? ` style="${esc(themeDeclarations(vars) + ";" + PID_TONES[scheme])}"` : "";
  const cls = "fl-figure" + (opts.motion ? " fl-motion" : "");
  const desc = fig.changes.length ? "Changed: " + fig.changes.join("; ") + "." : "No change highlighted.";
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}" width="${fig.width}" height="${fig.height}" ` +
    `viewBox="0 0 ${fig.width} ${fig.height}" role="img" aria-labelledby="fl-title fl-desc"${style}>` +
    `<title id="fl-title">${esc(fig.caption)}</title><desc id="fl-desc">${esc(desc)}</desc>` +
    (opts.embedStyle === false ? "" : `<style>${figureCss(opts.motion)}</style>`) +
    `<defs><pattern id="fl-hatch-pat" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<line class="fl-hatch-line" x1="0" y1="0" x2="0" y2="8"/></pattern></defs>` +
    `<rect class="fl-bg" width="${fig.width}" height="${fig.height}"/>`;
}

export function layerMarkup(fig: Figure, layer: Unit["layer"]): string {
  let s = "";
  for (const u of fig.units) if (u.layer === layer) s += unitMarkup(u);
  return s;
}

export function figureSvg(fig: Figure, opts: SvgOptions = {}): string {
  return svgHead(fig, opts) +
    `<g class="fl-layer" data-layer="links">${layerMarkup(fig, "links")}</g>` +
    `<g class="fl-layer" data-layer="boxes">${layerMarkup(fig, "boxes")}</g></svg>`;
}

/** The picture of a snapshot, highlighting what changed since `previous`; `term` is the
 *  terminal up to this step (see terminal.ts). */
export function renderSvg(snap: Snapshot, previous?: Snapshot, opts: SvgOptions = { scheme: "light" }, term?: Terminal): string {
  return figureSvg(buildFigure(snap, previous, undefined, term), opts);
}
