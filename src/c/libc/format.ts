// printf-style formatting as glibc does it, for the conversions course programs use:
// d i u o x X c s p f e g %, flags "-+ #0", width and precision (numbers or *), and the
// length modifiers hh h l ll z j t L.
import type { Memory } from "../memory";
import { Val, canon, toNum } from "../wide";

/** A va_list's arguments: each read as the conversion wants it (a double or an integer). */
export interface VaArgs {
  next(float: boolean): Val;
}

/** Integer arguments are exact (64-bit values beyond 2^53 as bigints, src/c/wide.ts).
 *  `readString` reads a %s argument (at most max bytes): the library's, which tells a
 *  string that runs off its object; plain memory by default. `cuts`, when given, gets
 *  where each piece of the result ends but the last: glibc's vfprintf puts the text between
 *  conversions and each conversion's result into the stream one by one (stdio.ts). */
export function format(mem: Memory, fmt: string, args: Val[] | VaArgs, readString = (a: number, max: number): string => mem.readCString(a, max), cuts?: number[]): string {
  let out = "";
  const cut = () => { if (cuts && out.length > (cuts[cuts.length - 1] ?? 0)) cuts.push(out.length); };
  let ai = 0;
  const exact = (float = false): Val => (Array.isArray(args) ? args[ai++] ?? 0 : args.next(float));
  const next = (float = false): number => toNum(exact(float));
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch !== "%") { out += ch; continue; }
    const m = /^([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|z|j|t|L)?([diouxXcspfFeEgGaAn%])/.exec(fmt.slice(i + 1));
    if (!m) { out += ch; continue; }
    cut();
    i += m[0].length;
    const [, flags, w, p, len, conv] = m;
    let width = w === "*" ? next() : w ? parseInt(w, 10) : 0;
    let left = flags.includes("-");
    if (width < 0) { left = true; width = -width; }
    let prec = p === undefined ? -1 : p === "*" ? next() : p === "" ? 0 : parseInt(p, 10);
    let body: string;
    let sign = "";
    switch (conv) {
      case "%": out += "%"; cut(); continue;
      case "n": next(); continue;
      case "c": body = String.fromCharCode(next() & 0xff); prec = -1; break;
      case "s": {
        const a = next();
        body = a === 0 ? "(null)" : readString(a, prec >= 0 ? prec : 1 << 20);
        if (prec >= 0) body = body.slice(0, prec);
        prec = -1;
        break;
      }
      case "p": {
        const a = toWidth(exact(), 64, false);
        body = a === 0 ? "(nil)" : "0x" + a.toString(16);
        break;
      }
      case "d": case "i": case "u": case "o": case "x": case "X": {
        let v = exact();
        const bits = len === "hh" ? 8 : len === "h" ? 16 : len === "l" || len === "ll" || len === "z" || len === "j" || len === "t" ? 64 : 32;
        v = toWidth(v, bits, conv === "d" || conv === "i");
        if (v < 0) { sign = "-"; v = -v; }
        else if (conv === "d" || conv === "i") sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
        const base = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
        body = bigToString(v, base);
        if (conv === "X") body = body.toUpperCase();
        if (prec >= 0) { if (prec === 0 && v === 0) body = ""; body = body.padStart(prec, "0"); }
        if (flags.includes("#") && v !== 0) { if (base === 16) sign += conv === "X" ? "0X" : "0x"; if (base === 8 && !body.startsWith("0")) body = "0" + body; }
        break;
      }
      default: {
        let v = next(true);
        if (v < 0 || Object.is(v, -0)) { sign = "-"; v = -v; }
        else sign = flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
        const pr = prec < 0 ? 6 : prec;
        if (!Number.isFinite(v)) body = Number.isNaN(v) ? "nan" : "inf";
        else if (conv === "f" || conv === "F") body = fixed(v, pr);
        else if (conv === "e" || conv === "E") body = expo(v, pr);
        else if (conv === "a" || conv === "A") { body = hexFloat(v); sign += "0x"; }
        else body = gfmt(v, pr === 0 ? 1 : pr, flags.includes("#"));
        if (conv === "E" || conv === "G" || conv === "F" || conv === "A") { body = body.toUpperCase(); sign = sign.toUpperCase(); }
        prec = -1;
      }
    }
    const zero = flags.includes("0") && !left && (prec < 0 || "fFeEgG".includes(conv)) && conv !== "s" && conv !== "c";
    const total = sign.length + body.length;
    if (total >= width) out += sign + body;
    else if (left) out += sign + body + " ".repeat(width - total);
    else if (zero) out += sign + "0".repeat(width - total) + body;
    else out += " ".repeat(width - total) + sign + body;
    cut();
  }
  return out;
}

/** The argument as the conversion's length modifier reads it: its low `bits` bits, signed or not. */
function toWidth(v: Val, bits: number, signed: boolean): Val {
  if (typeof v === "number") {
    v = Math.trunc(v);
    if (bits === 64 && (signed || v >= 0) && Number.isSafeInteger(v)) return v;
    if (bits < 64 && Number.isSafeInteger(v)) {
      const m = 2 ** bits;
      v = ((v % m) + m) % m;
      return signed && v >= m / 2 ? v - m : v;
    }
    if (!Number.isFinite(v)) return 0;
  }
  const b = BigInt(v);
  return canon(signed ? BigInt.asIntN(bits, b) : BigInt.asUintN(bits, b));
}

function bigToString(v: Val, base: number): string {
  return v.toString(base);
}

/** %a's digits (without the 0x): a double as glibc prints it with no precision, "1.8p+1"
 *  for 3: the leading 1 (0 for zero and subnormals), the 52-bit fraction in hex without its
 *  trailing zeros, and the binary exponent. */
function hexFloat(v: number): string {
  if (v === 0) return "0p+0";
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, v);
  const hi = bits.getUint32(0), lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (((hi & 0xfffff).toString(16).padStart(5, "0")) + lo.toString(16).padStart(8, "0")).replace(/0+$/, "");
  const exp = biased === 0 ? -1022 : biased - 1023;
  return `${biased === 0 ? "0" : "1"}${fraction ? "." + fraction : ""}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
}

function expo(v: number, pr: number): string {
  const s = v.toExponential(pr);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function gfmt(v: number, p: number, alt: boolean): string {
  if (v === 0) return "0";
  const x = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  if (x < -4 || x >= p) {
    s = expo(v, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, "e");
  } else {
    s = v.toFixed(Math.max(0, p - 1 - x));
    if (!alt && s.includes(".")) s = s.replace(/\.?0+$/, "");
  }
  return s;
}

/** %f of a non-negative number: glibc rounds an exact tie to even (3.25 -> "3.2"), where
 *  toFixed rounds it up. A tie shows as a 5 then only zeros in the exact expansion. */
function fixed(v: number, pr: number): string {
  const s = v.toFixed(pr);
  if (v >= 1e21 || pr >= 100) return s;
  const exact = v.toFixed(100);
  const dot = exact.indexOf(".");
  if (!/^50*$/.test(exact.slice(dot + 1 + pr))) return s;
  const down = exact.slice(0, pr ? dot + 1 + pr : dot);
  return Number(down[down.length - 1]) % 2 === 0 ? down : s;
}
