// "Save as SVG/PNG" and "Copy as Markdown": the picture with the live theme's colours
// baked in (an exported file has no VS Code around it to supply them).
import type { ColourScheme } from "../render/palette";
import { INK_VARS } from "../render/style";
import { THEMES, ThemeVars } from "../render/themes";

/** The theme kind VS Code announces through the body class. */
export function currentScheme(): ColourScheme {
  const c = document.body.classList;
  if (c.contains("vscode-high-contrast") && !c.contains("vscode-high-contrast-light")) return "hc";
  return c.contains("vscode-dark") ? "dark" : "light";
}

/** The live values of the theme variables the figure uses (fallbacks where unset). Those
 *  it draws strokes, marks and text with are made opaque, as the view draws them: a viewer
 *  of the file that lacks relative colours uses these values as they are (style.ts). */
export function liveThemeVars(scheme: ColourScheme): ThemeVars {
  const css = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const out: ThemeVars = {};
  for (const [k, fallback] of Object.entries(THEMES[scheme])) {
    const value = (css.getPropertyValue(k) || body.getPropertyValue(k)).trim() || fallback;
    out[k] = INK_VARS.includes(k) ? opaque(value) : value;
  }
  return out;
}

/** The colour without its alpha, as rgb(r g b); as given when the canvas cannot parse it. */
function opaque(colour: string): string {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return colour;
  // A canvas normalises any CSS colour to #rrggbb, or rgba(r, g, b, a) when it has alpha.
  ctx.fillStyle = "#000000";
  ctx.fillStyle = colour;
  const c = String(ctx.fillStyle);
  const m = /^rgba\((\d+), (\d+), (\d+)/.exec(c);
  return m ? `rgb(${m[1]} ${m[2]} ${m[3]})` : c;
}

/** Rasterises an SVG document to PNG, returned as base64 (no data: prefix). */
export async function svgToPng(svg: string, width: number, height: number): Promise<string> {
  // Canvases stop at 32767 px a side; tall pictures are drawn at a smaller scale.
  const scale = Math.max(0.25, Math.min(2, 32000 / Math.max(width, height)));
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the SVG could not be loaded as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
  } finally {
    URL.revokeObjectURL(url);
  }
}
