// The figure's stylesheet, embedded in every SVG so an exported file looks the same as
// the view. Colours come from VS Code's theme variables, with light-theme fallbacks.
import { PID_TONE } from "./palette";
import { THEMES } from "./themes";

const L = THEMES.light;
/** var(--vscode-x, light fallback) */
function v(name: string): string {
  return `var(${name}, ${L[name]})`;
}

/** The theme colours the picture draws strokes, marks and text with, by their own names. */
const INKS = {
  fg: "--vscode-editor-foreground",
  muted: "--vscode-descriptionForeground",
  border: "--vscode-editorWidget-border",
  red: "--vscode-charts-red",
  orange: "--vscode-charts-orange",
  green: "--vscode-charts-green",
  yellow: "--vscode-charts-yellow",
  purple: "--vscode-charts-purple",
  blue: "--vscode-charts-blue",
};
type Ink = keyof typeof INKS;
/** The theme variables the picture draws strokes, marks and text with. */
export const INK_VARS: readonly string[] = Object.values(INKS);
/** The ink as drawn: opaque (--fl-NAME), and for chart colours as text (--fl-NAME-t). */
const ink = (k: Ink) => `var(--fl-${k})`;
const inkText = (k: Ink) => `var(--fl-${k}-t)`;
const CHARTS: Ink[] = ["red", "orange", "green", "yellow", "purple", "blue"];

/** Themes give some of these with alpha (VS Code's Light Modern, Light+ and Dark Modern give
 *  charts.orange as rgba(234,92,0,0.33); Dark+ the description colour at 70%), which a
 *  2.5 px outline or an 11 px label cannot carry. Where relative colours are understood
 *  (the Chromium of VS Code, and of most viewers of an export), each ink drops its alpha,
 *  and a chart colour used for text is kept at a lightness that reads on the theme's
 *  background (--fl-tlo..--fl-thi per theme kind: WCAG AA's 4.5:1 on the editor and widget
 *  backgrounds). Elsewhere the variables stand as they are: an exported file's own values
 *  are opaque already (webview/export.ts). */
/**
 * Muted ink (descriptions, secondary labels) must read as quieter than the text and still at
 * 4.5:1. Themes do not make it so by themselves: Dark+ gives the description colour as the
 * text's grey at 70% (opaque, as the picture draws it, it is the text colour again), Light
 * Modern gives the very text colour. So the muted ink is the description colour taken 70%
 * of the way from the background (what a 70% alpha does over it), with its OKLCH lightness
 * kept where it reads on the theme's backgrounds (the chart text range, --fl-tlo..--fl-thi).
 */
const MUTED = `oklch(from color-mix(in oklab, rgb(from ${v(INKS.muted)} r g b / 1) 70%, ${v("--vscode-editor-background")}) clamp(var(--fl-tlo), l, var(--fl-thi)) c h)`;

/** Where the inks are defined: the figure, and the view's page (its own muted text). */
const INK_SCOPE = ".fl-figure,.fl-page";

const INK_CSS =
  `${INK_SCOPE}{${(Object.keys(INKS) as Ink[]).map((k) => `--fl-${k}:${v(INKS[k])}`).join(";")};` +
  `${CHARTS.map((k) => `--fl-${k}-t:${ink(k)}`).join(";")}}` +
  `@supports (color: rgb(from red r g b / 1)){${INK_SCOPE}{` +
  (Object.keys(INKS) as Ink[]).map((k) => `--fl-${k}:${k === "muted" ? MUTED : `rgb(from ${v(INKS[k])} r g b / 1)`}`).join(";") + ";" +
  CHARTS.map((k) => `--fl-${k}-t:oklch(from ${ink(k)} clamp(var(--fl-tlo), l, var(--fl-thi)) c h)`).join(";") + "}}";

const fg = ink("fg");
const muted = ink("muted");
const border = ink("border");
const [red, orange, green, yellow, , blue] = CHARTS.map(ink);
const [redT, orangeT, greenT, yellowT, purpleT, blueT] = CHARTS.map(inkText);
const pid = "hsl(var(--h) var(--fl-ps) var(--fl-pl))";
/** A pid badge's fill is darker (light theme) than the pid's stripe and arrows, so its
 *  white number reads at 4.5:1 on every hue; on dark themes black text on the light tone does. */
const BADGE_L = { light: 28, dark: PID_TONE.dark.l, hc: PID_TONE.hc.l };
/** The OKLCH lightness chart colours keep as text: at most 0.5 on light backgrounds, at
 *  least 0.72 (0.8 in high contrast) on dark ones. */
const TEXT_L = { light: [0, 0.5], dark: [0.72, 1], hc: [0.8, 1] };
const tone = (k: "light" | "dark" | "hc", badge: string) =>
  `--fl-ps:${PID_TONE[k].s}%;--fl-pl:${PID_TONE[k].l}%;--fl-bl:${BADGE_L[k]}%;--fl-badge:${badge};` +
  `--fl-tlo:${TEXT_L[k][0]};--fl-thi:${TEXT_L[k][1]}`;

/** Per-theme pid tones, selected by the body class VS Code sets on webviews. */
export const PID_TONES = {
  light: tone("light", "#ffffff"),
  dark: tone("dark", "#000000"),
  hc: tone("hc", "#000000"),
};

export const FIGURE_CSS = INK_CSS + `
.fl-figure{${PID_TONES.light};font-family:${v("--vscode-font-family")};font-size:12px}
.fl-page{${PID_TONES.light}}
body.vscode-dark :is(.fl-figure,.fl-page){${PID_TONES.dark}}
body.vscode-high-contrast :is(.fl-figure,.fl-page){${PID_TONES.hc}}
body.vscode-high-contrast-light :is(.fl-figure,.fl-page){${PID_TONES.light}}
.fl-bg{fill:${v("--vscode-editor-background")}}
.fl-t{fill:${fg}}
.fl-m{fill:${muted}}
.fl-b{font-weight:600}
.fl-i{font-style:italic}
.fl-mono{font-family:${v("--vscode-editor-font-family")}}
.fl-small{font-size:12px}
.fl-tiny{font-size:10.5px}
.fl-name{font-weight:600;font-size:13px}
.fl-h{fill:${fg};font-weight:700;font-size:14px}
.fl-h2{fill:${muted};font-size:11.5px}
.fl-caption{fill:${fg};font-size:15px;font-weight:700}
.fl-box{fill:${v("--vscode-editorWidget-background")};stroke:${border};stroke-width:1}
.fl-cell,.fl-cellh{fill:${v("--vscode-editor-background")};stroke:${border};stroke-width:1}
.fl-cellh{fill:${v("--vscode-editorWidget-background")}}
.fl-grid{fill:none;stroke:${border};stroke-width:1}
.fl-cellmark{fill:none}
.fl-head{fill:${v("--vscode-editorWidget-background")};stroke:${border};stroke-width:1}
.fl-objhead{stroke:none}
.fl-outline{fill:none}
.fl-queue{stroke-dasharray:none}
.fl-bar{fill:${v("--vscode-editor-background")};stroke:${border}}
.fl-barfill{fill:${blue}}
.fl-pfill{fill:${pid}}
.fl-pbadge{fill:hsl(var(--h) var(--fl-ps) var(--fl-bl))}
.fl-badge{fill:var(--fl-badge);font-weight:700}
.fl-kind{font-weight:700;fill:${blueT}}
.fl-k-pipe{fill:${purpleT}}
.fl-k-socket{fill:${greenT}}
.fl-k-tty{fill:${orangeT}}
.fl-k-shm{fill:${yellowT}}
.fl-chip{fill:none;stroke-width:1.4}
.fl-chipt{font-size:11px;font-weight:700}
.fl-st-running{stroke:${greenT};fill:${greenT}}
.fl-st-ready{stroke:${muted};fill:${muted}}
.fl-st-blocked{stroke:${yellowT};fill:${yellowT}}
.fl-st-stopped{stroke:${purpleT};fill:${purpleT}}
rect.fl-chip{fill:none}
text.fl-chipt{stroke:none}
rect.fl-chip.fl-st-zombie{fill:${redT};stroke:${redT}}
text.fl-st-zombie{fill:${v("--vscode-editor-background")}}
.fl-zombie{stroke:${red};stroke-width:2;stroke-dasharray:6 3}
.fl-hatch{fill:url(#fl-hatch-pat);stroke:none}
.fl-hatch-line{stroke:${red};stroke-width:1.2;opacity:.18}
.fl-swatch-hatch{stroke:${red};stroke-width:1.4}
.fl-zt{fill:${fg};font-weight:700}
.fl-client{stroke-dasharray:3 3}
.fl-wait{fill:${yellowT};font-weight:600}
.fl-sig{fill:${purpleT};font-weight:600}
.fl-fn{fill:${fg};font-weight:700}
.fl-var{fill:${fg}}
.fl-var-chg{font-weight:700;text-decoration:underline}
.fl-lost{fill:${redT};font-weight:700}
.fl-new{stroke:${green};stroke-width:2.5}
.fl-chg{stroke:${orange};stroke-width:2.5}
.fl-freed{stroke:${red};stroke-width:2;stroke-dasharray:5 3}
.fl-ghost{opacity:.6}
.fl-tag{font-size:10.5px;font-weight:700}
.fl-tag-new{fill:${greenT}}
.fl-tag-closed{fill:${redT}}
.fl-tag-changed{fill:${orangeT}}
.fl-link{fill:none;stroke-width:1.5}
.fl-link-p{stroke:${pid}}
.fl-head-p{fill:${pid}}
.fl-link-o{stroke:${fg};opacity:.55}
.fl-head-o{fill:${fg};opacity:.55}
.fl-link-s{stroke:${yellow};stroke-dasharray:5 4}
.fl-head-s{fill:${yellow}}
.fl-link-g{stroke:${red};stroke-dasharray:4 3;opacity:.7}
.fl-head-g{fill:${red};opacity:.7}
.fl-divider{stroke:${border};stroke-dasharray:2 3}
.fl-swatch{fill:none}
@media (forced-colors: active){.fl-link-p,.fl-link-o{stroke:CanvasText}}
`.replace(/\n/g, "");

/** One rule per hue, so pid colours need no style attributes. */
export const HUE_CSS = Array.from({ length: 360 }, (_, h) => `.fl-h${h}{--h:${h}}`).join("");

/** Pulses on what changed; only where the reader allows motion. */
export const MOTION_CSS = `@media (prefers-reduced-motion: no-preference){` +
  `.fl-motion .fl-new,.fl-motion .fl-chg,.fl-motion .fl-freed{animation:fl-pulse 1.4s ease-out 1}` +
  `.fl-motion .fl-fresh{animation:fl-fade 1.4s ease-out 1}}` +
  `@keyframes fl-pulse{0%{stroke-width:7}100%{stroke-width:2.5}}` +
  `@keyframes fl-fade{0%{opacity:.2}100%{opacity:1}}`;
