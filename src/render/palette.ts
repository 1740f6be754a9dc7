// One colour per pid, stable across steps and shared with the editor decorations: the
// same pid always gets the same hue, and neighbouring pids (a parent and its first
// children) get hues far apart, by stepping round the colour wheel by the golden angle.

export type ColourScheme = "light" | "dark" | "hc";

/** Saturation and lightness per theme kind: darker on light backgrounds, lighter on dark. */
export const PID_TONE: Record<ColourScheme, { s: number; l: number }> = {
  light: { s: 62, l: 38 },
  dark: { s: 62, l: 66 },
  hc: { s: 90, l: 72 },
};

/** The pid's hue in degrees, 0..359. */
export function pidHue(pid: number): number {
  return Math.round((Math.abs(pid) * 137.508) % 360);
}

/** A CSS colour for the pid, e.g. for an editor decoration; alpha 0..1. */
export function pidColor(pid: number, scheme: ColourScheme = "light", alpha = 1): string {
  const { s, l } = PID_TONE[scheme];
  return alpha >= 1 ? `hsl(${pidHue(pid)} ${s}% ${l}%)` : `hsl(${pidHue(pid)} ${s}% ${l}% / ${alpha})`;
}
