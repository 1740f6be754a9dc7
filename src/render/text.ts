// Small text helpers for SVG markup built as strings (so the CLI needs no DOM).

const XML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for XML element content and attribute values. */
export function esc(s: string | number): string {
  if (typeof s === "number") return String(s);
  // Most text has nothing to escape: test before building a new string.
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => XML[c]) : s;
}

const NEEDS_ESCAPE = /[&<>"']/;

/** Shortens to at most max characters, ending with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + "\u2026";
}

/** Bytes (latin1 text) as a C string literal, so "\n" and NUL are visible; at most max characters inside the quotes. */
export function cbytes(s: string, max = 40): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const shown = ch === "\n" ? "\\n" : ch === "\t" ? "\\t" : ch === "\r" ? "\\r" : ch === "\\" ? "\\\\"
      : ch === '"' ? '\\"' : c === 0 ? "\\0" : c < 0x20 || (c > 0x7e && c < 0xa0) ? "\\x" + c.toString(16).padStart(2, "0") : ch;
    if (out.length + shown.length > max) return `"${out}"\u2026`;
    out += shown;
  }
  return `"${out}"`;
}

/** Decodes a raw wait status the way WIFEXITED/WIFSIGNALED/WIFSTOPPED would. */
export function waitStatusText(status: number): string {
  const sig = status & 0x7f;
  if (sig === 0) return `exited ${(status >> 8) & 0xff}`;
  if (sig === 0x7f) return `stopped by signal ${(status >> 8) & 0xff}`;
  return `killed by signal ${sig}${status & 0x80 ? " (core)" : ""}`;
}
