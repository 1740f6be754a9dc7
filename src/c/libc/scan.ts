// The scanf family's engine: match a format against input text as glibc's vfscanf does.
// It is pure: it reports what to store and how much input it used, so fscanf can run it
// again from the start after a read(2) brings more input (or blocks half way).
import { StopError } from "../control";
import { Val, wrap64 } from "../wide";

export interface ScanStore {
  addr: number;
  /** Bytes of an integer, or 0 for text (stored as is, with a NUL for %s and %[). */
  size: number;
  value: Val | string;
  nul?: boolean;
}

export type ScanResult =
  /** ret: conversions assigned, or -1 (EOF) when input ran out before the first one. */
  | { ret: number; used: number; stores: ScanStore[] }
  /** The input so far ends where the format still needs to look at a character. */
  | { more: true };

const MORE = Symbol("more");
const isSpace = (ch: string): boolean => ch === " " || (ch >= "\t" && ch <= "\r");
const SIZES: Record<string, number> = { hh: 1, h: 2, "": 4, l: 8, ll: 8, z: 8, j: 8, t: 8 };
const SPEC = /^(\*)?(\d+)?(hh|h|ll|l|z|j|t)?([diouxXscn[%])/;

/** Digits of `base` (0: decided by a 0x or 0 prefix, as %i). */
function digitValue(ch: string): number {
  const d = parseInt(ch, 36);
  return Number.isNaN(d) ? 99 : d;
}

/**
 * Scan `input` with `fmt`, storing through the pointer arguments `args`. `atEnd`: no more
 * input will come (a string, or a stream at EOF); else running out asks for more.
 */
export function scan(input: string, atEnd: boolean, fmt: string, args: number[]): ScanResult {
  let i = 0;
  let ai = 0;
  let done = 0;
  const stores: ScanStore[] = [];
  /** The next input character; null at the end of input. */
  const peek = (): string | null => {
    if (i < input.length) return input[i];
    if (!atEnd) throw MORE;
    return null;
  };
  const skipSpace = (): void => {
    for (let ch = peek(); ch !== null && isSpace(ch); ch = peek()) i++;
  };
  const inputFailure = () => ({ ret: done > 0 ? done : -1, used: i, stores });
  const matchFailure = () => ({ ret: done, used: i, stores });
  try {
    for (let f = 0; f < fmt.length;) {
      const fc = fmt[f];
      if (isSpace(fc)) {
        while (f < fmt.length && isSpace(fmt[f])) f++;
        skipSpace();
        continue;
      }
      if (fc !== "%") {
        const ch = peek();
        if (ch === null) return inputFailure();
        if (ch !== fc) return matchFailure();
        i++; f++;
        continue;
      }
      const m = SPEC.exec(fmt.slice(f + 1));
      if (!m) throw new StopError(`scanf conversion '${fmt.slice(f, f + 4)}' is not supported (only %d %i %u %o %x %s %c %[...] %n and their h/l sizes)`);
      f += 1 + m[0].length;
      const [, suppress, widthText, len = "", conv] = m;
      const width = widthText ? +widthText : Infinity;
      let set: { negate: boolean; chars: string } | undefined;
      if (conv === "[") {
        // The set runs to the next ']' (a ']' first in the set is one of its members).
        let e = f;
        const negate = fmt[e] === "^";
        if (negate) e++;
        const start = e;
        if (fmt[e] === "]") e++;
        while (e < fmt.length && fmt[e] !== "]") e++;
        set = { negate, chars: expandSet(fmt.slice(start, e)) };
        f = e + 1;
      }
      if (conv === "%") {
        skipSpace();
        const ch = peek();
        if (ch === null) return inputFailure();
        if (ch !== "%") return matchFailure();
        i++;
        continue;
      }
      if (conv !== "c" && conv !== "[" && conv !== "n") skipSpace();
      const addr = suppress ? 0 : args[ai++] ?? 0;
      const store = (value: Val | string, size: number, nul?: boolean): void => {
        if (suppress) return;
        stores.push({ addr, size, value, nul });
      };
      if (conv === "n") { store(i, SIZES[len]); continue; }
      if (conv === "c") {
        const n = widthText ? width : 1;
        let text = "";
        for (let ch = peek(); text.length < n && ch !== null; ch = text.length < n ? peek() : null) { text += ch; i++; }
        if (text.length < n) return inputFailure();
        store(text, 0);
      } else if (conv === "s" || conv === "[") {
        let text = "";
        for (let ch = peek(); ch !== null && text.length < width; ch = text.length < width ? peek() : null) {
          const ok = set ? set.chars.includes(ch) !== set.negate : !isSpace(ch);
          if (!ok) break;
          text += ch; i++;
        }
        if (!text.length) return i >= input.length ? inputFailure() : matchFailure();
        store(text, 0, true);
      } else {
        const start = i;
        const r = scanInt(peek, () => i++, conv, width);
        if (r === undefined) return i >= input.length && start === i ? inputFailure() : matchFailure();
        store(r, SIZES[len]);
      }
      if (!suppress) done++;
    }
  } catch (e) {
    if (e === MORE) return { more: true };
    throw e;
  }
  return { ret: done, used: i, stores };
}

/** Ranges in a %[ set: "a-z" stands for every letter between. */
function expandSet(s: string): string {
  let out = "";
  for (let k = 0; k < s.length; k++) {
    if (s[k + 1] === "-" && k + 2 < s.length) {
      for (let c = s.charCodeAt(k); c <= s.charCodeAt(k + 2); c++) out += String.fromCharCode(c);
      k += 2;
    } else out += s[k];
  }
  return out;
}

/** strtol's grammar within `width` characters: sign, base prefix, digits. undefined: no digits. */
function scanInt(peek: () => string | null, take: () => void, conv: string, width: number): Val | undefined {
  let base = conv === "x" || conv === "X" ? 16 : conv === "o" ? 8 : conv === "i" ? 0 : 10;
  let used = 0;
  let neg = false;
  let digits = 0;
  let v = 0;
  let big: bigint | undefined;
  const next = (): string | null => (used < width ? peek() : null);
  let ch = next();
  if (ch === "-" || ch === "+") { neg = ch === "-"; take(); used++; ch = next(); }
  if (ch === "0" && (base === 0 || base === 16)) {
    take(); used++; digits++;
    ch = next();
    if (ch === "x" || ch === "X") { take(); used++; base = 16; ch = next(); } else if (base === 0) base = 8;
  }
  if (base === 0) base = 10;
  while (ch !== null && digitValue(ch) < base) {
    // Exact: on a number while it stays below 2^46, then on BigInt (the store keeps the low bits).
    if (big === undefined && v < 2 ** 46) v = v * base + digitValue(ch);
    else big = (big ?? BigInt(v)) * BigInt(base) + BigInt(digitValue(ch));
    take(); used++; digits++;
    ch = next();
  }
  if (!digits) return undefined;
  if (big === undefined) return neg ? -v : v;
  return wrap64(neg ? -big : big, !neg);
}
