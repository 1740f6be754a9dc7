// Small text helpers for SVG markup built as strings (so the CLI needs no DOM).

const XML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for XML element content and attribute values. Characters XML 1.0 cannot hold
 * at all, not even as a reference (C0 controls but tab, newline and return; lone surrogates;
 * U+FFFE and U+FFFF), would make the whole file unreadable: a control becomes its Unicode
 * control picture (\x01 shows as U+2401, ESC as U+241B), the rest U+FFFD.
 */
export function esc(s: string | number): string {
  if (typeof s === "number") return String(s);
  // Most text has nothing to escape: test before building a new string.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => XML[c]).replace(NOT_XML, (c) => {
    const code = c.charCodeAt(0);
    return c.length === 1 && code < 0x20 ? String.fromCharCode(0x2400 + code) : "\ufffd";
  });
}

// Control characters are what these two match, on purpose.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Shortens to at most max characters, ending with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + "\u2026";
}

/** A zombie's signal state is not shown: it has run its last, a signal sent to it is
 *  discarded and no handler of its will run, so its dispositions, mask and pending set
 *  would only suggest otherwise ("handlers SIGUSR1→handler" on a process that exited). */
export const deadState = (p: { state: string }): boolean => p.state === "zombie";

/** A space's rank among the places to break a value: after every comma and arrow. */
const LAST_RESORT = 1e6;

/** A variable's value (src/c/cvalue.ts's text) in lines of at most `first`, then `rest`
 *  characters, broken after a comma outside string and char literals: a struct goes on
 *  member by member, an array element by element, instead of being cut at the card's edge
 *  ({.name = "Ada", .marks = {90, 85, 7\u2026 hid .pos), or before a pointer's note. Of the
 *  breaks that fit, the outermost (then the last) is taken, so a member's own braces stay
 *  on one line when they can; a space outside literals only when no such break fits. A
 *  piece with no place to break that is still too long stays one line, for the caller to
 *  clip. */
export function wrapValue(s: string, first: number, rest: number): string[] {
  if (s.length <= first) return [s];
  const breaks: Array<{ at: number; depth: number }> = [];
  let quote = "";
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
    } else if (ch === "\"" || ch === "'") quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (ch === "," && s[i + 1] === " ") breaks.push({ at: i + 2, depth });
    // Before a pointer's note ("→ heap block of 16 bytes"), then, failing all else, a space.
    else if (ch === " " && s[i + 1] === "\u2192") breaks.push({ at: i + 1, depth });
    else if (ch === " ") breaks.push({ at: i + 1, depth: LAST_RESORT });
  }
  const out: string[] = [];
  let start = 0;
  let room = first;
  while (s.length - start > room) {
    let cut: { at: number; depth: number } | undefined;
    for (const b of breaks) {
      if (b.at <= start) continue;
      if (b.at - start > room) break;
      if (!cut || b.depth <= cut.depth) cut = b;
    }
    const at = cut?.at ?? breaks.find((b) => b.at > start)?.at ?? s.length;
    out.push(s.slice(start, at).trimEnd());
    start = at;
    room = rest;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/** A C string literal as strace writes one (escapes inside, `...` after when it was cut). */
const LITERAL = /"((?:[^"\\]|\\(?:[0-7]{1,3}|.))*)"(\.\.\.)?/g;

/** The characters of a literal's inside, an escape (\n, \012) as one. */
const literalChars = (inside: string): string[] => inside.match(/\\(?:[0-7]{1,3}|.)|[^\\]/g) ?? [];

/** Inside a literal, no caption cuts below this many characters. */
const LITERAL_MIN = 8;

/**
 * A caption cut to max characters where it can spare them: the bytes of the calls in it
 * (`write(1, "server received 6 bytes\nserver r"..., 48) = 48`) are shortened first, the
 * longest first, to no fewer than 8 characters and never inside an escape, each marked `...`
 * as strace marks a cut one, so the call's count, its result and what follows it stay; then
 * it is clipped.
 */
export function clipCaption(caption: string, max: number): string {
  let s = caption;
  while (s.length > max) {
    const found = [...s.matchAll(LITERAL)].filter((m) => m[1].length > LITERAL_MIN);
    if (!found.length) break;
    const m = found.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const target = Math.max(LITERAL_MIN, m[1].length - (s.length - max) - (m[2] ? 0 : 3));
    let kept = "";
    for (const ch of literalChars(m[1])) {
      if (kept.length + ch.length > target) break;
      kept += ch;
    }
    s = s.slice(0, m.index) + `"${kept}"...` + s.slice((m.index ?? 0) + m[0].length);
  }
  return clip(s, max);
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

/** Said of a stopped process's pending signals: none acts until SIGCONT continues it (then
 *  each is delivered, or discarded if it is a stop signal); only SIGKILL is never held. */
export function heldNote(state: string, pending: readonly string[]): string {
  return state === "stopped" && pending.length ? "held until SIGCONT continues it" : "";
}
