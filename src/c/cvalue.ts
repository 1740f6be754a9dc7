// A C object's value as text, the way a learner expects to read it (gdb's conventions,
// which follow C's own printing): integers in decimal (64-bit ones exact), a char as its
// number and its character, char arrays and valid char pointers as C strings, other
// pointers as addresses (with what they point at when that is cheap to say), structs
// expanded with their member names, arrays to a bound with "..." after. Reads memory only;
// an unreadable address is said, never thrown.
import { Fault, Memory } from "./memory";
import { CType, sizeOf } from "./types";
import { NSIG, sigmask, signame } from "../kernel/signum";
import { AF_INET, AF_UNIX } from "../kernel/fcntl";

/** What the formatter may ask about the process besides its memory. */
export interface ValueContext {
  mem: Memory;
  /** The function at an address (a function pointer), if any. */
  funcAt?: (addr: number) => string | undefined;
  /** The heap block that starts at an address: its size in bytes, as the program asked for it. */
  heapBlock?: (addr: number) => number | undefined;
  /** The heap block that started at an address and was freed (not handed out again): its
   *  size and the line that freed it. */
  freedBlock?: (addr: number) => { size: number; line: number } | undefined;
  /** The address lies in memory shared with other processes (shm, MAP_SHARED). */
  shared?: (addr: number) => boolean;
  /** In a local declared without a value (src/c/shadow.ts): no store reached any of the n
   *  bytes at addr, which C leaves indeterminate. */
  unwritten?: (addr: number, n: number) => boolean;
  /** How many of the n bytes from addr, in order, were stored to before one that was not. */
  writtenPrefix?: (addr: number, n: number) => number;
}

/** The value shown for what C leaves indeterminate: an automatic variable declared without
 *  a value, or a member or element of one, that nothing wrote yet (docs/snapshot.md). */
export const NOT_SET = "?";

/** Array elements shown before "..." (per array, at every level). */
export const ARRAY_BOUND = 8;
/** Characters of a string shown before "...". */
export const STRING_BOUND = 40;
/** The longest value text; past it the rest is "...". */
export const VALUE_BOUND = 160;

const ESCAPES: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: "\\\"", 39: "\\'", 92: "\\\\" };

/** One byte as it would appear inside a C literal quoted by `quote`. */
function escapeByte(b: number, quote: "'" | "\""): string {
  if ((b === 34 && quote === "'") || (b === 39 && quote === "\"")) return String.fromCharCode(b);
  const e = ESCAPES[b];
  if (e) return e;
  if (b >= 32 && b < 127) return String.fromCharCode(b);
  return `\\${b.toString(8).padStart(3, "0")}`;
}

/** A C string literal for bytes, bounded; `more` when the string went on. */
export function cString(bytes: ArrayLike<number>, more = false): string {
  let s = "\"";
  const n = Math.min(bytes.length, STRING_BOUND);
  for (let i = 0; i < n; i++) s += escapeByte(bytes[i], "\"");
  return `${s}"${more || bytes.length > n ? "..." : ""}`;
}

/** An integer of `size` bytes at addr, exact for every 64-bit value. */
function readInt(mem: Memory, addr: number, size: number, signed: boolean): bigint {
  const b = mem.readBytes(addr, size);
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return signed ? BigInt.asIntN(size * 8, v) : v;
}

/** An address as C prints a pointer (%p): lower-case hex, NULL for zero. */
export function address(a: bigint | number): string {
  const v = BigInt(a);
  return v === 0n ? "NULL" : `0x${v.toString(16)}`;
}

/** A floating value as %g would give it with enough digits to read back exactly. */
function floatText(v: number, size: 4 | 8): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return size === 4 ? String(Number(v.toPrecision(9))) : String(v);
}

/** The printable bytes of a NUL-terminated string at addr, or undefined when it is not
 *  one (unmapped, or not text within the bound). */
function cStringAt(mem: Memory, addr: number): { bytes: number[]; more: boolean } | undefined {
  const bytes: number[] = [];
  try {
    for (let i = 0; i <= STRING_BOUND; i++) {
      const b = mem.read8(addr + i);
      if (b === 0) return { bytes, more: false };
      // Text: printable bytes and the usual whitespace; anything else is not a string.
      if (b < 32 && b !== 9 && b !== 10 && b !== 13) return undefined;
      if (i === STRING_BOUND) return { bytes, more: true };
      bytes.push(b);
    }
  } catch (e) {
    if (e instanceof Fault) return undefined;
    throw e;
  }
  return { bytes, more: true };
}

const isCharType = (t: CType): boolean => t.k === "int" && t.size === 1;

/** A pointee shown through its pointer: a number or a struct, not text (a char * shows its
 *  string), an array, another pointer or a function. */
const shownThrough = (t: CType): boolean => (t.k === "int" && t.size > 1) || t.k === "float" || t.k === "struct";

function pointerText(ctx: ValueContext, t: Extract<CType, { k: "ptr" }>, addr: number, depth: number): string {
  const p = readInt(ctx.mem, addr, 8, false);
  if (p === 0n) return "NULL";
  const a = Number(p);
  const hex = address(p);
  const notes: string[] = [];
  if (t.to.k === "func") {
    const f = ctx.funcAt?.(a);
    return f ? `${hex} <${f}>` : hex;
  }
  if (isCharType(t.to)) {
    const s = cStringAt(ctx.mem, a);
    if (s) notes.push(cString(s.bytes, s.more));
  }
  const block = ctx.heapBlock?.(a);
  if (block !== undefined) notes.push(`\u2192 heap block of ${block} bytes`);
  else {
    // free(p) leaves p as it was: the address of a block that is no longer the program's.
    const freed = ctx.freedBlock?.(a);
    if (freed) notes.push(`\u2192 heap block freed at line ${freed.line} (dangling)`);
  }
  if (ctx.shared?.(a)) {
    notes.push("(shared)");
    // Shared memory has no variable of its own: what a process writes there is seen only
    // through the pointer, on every sharer's card (zero-filled when mapped, never indeterminate).
    if (shownThrough(t.to) && depth < 3) notes.push(`\u2192 ${valueText(ctx, t.to, a, depth + 1)}`);
  }
  return notes.length ? `${hex} ${notes.join(" ")}` : hex;
}

function arrayText(ctx: ValueContext, t: Extract<CType, { k: "array" }>, addr: number, depth: number): string {
  const len = t.len ?? 0;
  if (isCharType(t.of)) {
    // A char array is a string up to its first NUL (the bytes after it do not print).
    const bytes = Array.from(ctx.mem.readBytes(addr, Math.min(len, STRING_BOUND + 1)));
    const nul = bytes.indexOf(0);
    // The text that was written, then "?" where the bytes after it were not and no NUL
    // ended it before them (read() stores none): %s would run on into them.
    const set = ctx.writtenPrefix?.(addr, bytes.length) ?? bytes.length;
    if (set < bytes.length && (nul < 0 || nul >= set)) return set === 0 ? NOT_SET : `${cString(bytes.slice(0, set))}${NOT_SET}`;
    return nul >= 0 ? cString(bytes.slice(0, nul)) : cString(bytes.slice(0, STRING_BOUND), len > STRING_BOUND);
  }
  const size = sizeOf(t.of);
  const items: string[] = [];
  for (let i = 0; i < Math.min(len, ARRAY_BOUND); i++) items.push(valueText(ctx, t.of, addr + i * size, depth + 1));
  return `{${items.join(", ")}${len > ARRAY_BOUND ? ", ..." : ""}}`;
}

/** A sigset_t as the signals in it, `{SIGINT, SIGCHLD}` (`{}` when empty): the library
 *  keeps the set in its first word, bit signo - 1 (kernel/signum.ts), and the struct's
 *  own layout (`{.__val = {65536, 0, ...}}`) says nothing to a learner. */
function sigsetText(ctx: ValueContext, addr: number): string {
  const word = Number(readInt(ctx.mem, addr, 4, false));
  const members: string[] = [];
  for (let s = 1; s < NSIG; s++) if (word & sigmask(s)) members.push(signame(s));
  return `{${members.join(", ")}}`;
}

const isSigset = (t: Extract<CType, { k: "struct" }>): boolean => /(^|\s)sigset_t$/.test(t.name ?? "");

/** The socket address structs, whichever one the program filled (accept's sockaddr_storage,
 *  bind's sockaddr_in, a cast to the generic sockaddr). */
const SOCKADDRS = new Set(["sockaddr", "sockaddr_in", "sockaddr_storage", "sockaddr_un"]);
/** sockaddr_un's sun_path, after its 2-byte family: a struct that holds it whole is one with a path. */
const SUN_PATH = 108;

/** Bytes all stored to (a local declared without a value may have some not yet). */
const written = (ctx: ValueContext, addr: number, n: number): boolean => (ctx.writtenPrefix?.(addr, n) ?? n) === n;

/** A socket address as a learner reads it, `{AF_INET, 127.0.0.1:32769}` or `{AF_UNIX,
 *  "/tmp/sock"}`, rather than its bytes (`.__ss_padding = "\200\001\177"`, a port in network
 *  order read as 27963). Undefined, for the members as they are, when the family is another
 *  or the bytes that say it are not all written yet. */
function sockaddrText(ctx: ValueContext, t: Extract<CType, { k: "struct" }>, addr: number): string | undefined {
  if (!SOCKADDRS.has(t.def.tag) || !t.def.complete || !written(ctx, addr, 2)) return undefined;
  const family = Number(readInt(ctx.mem, addr, 2, false));
  const size = sizeOf(t);
  if (family === AF_INET && size >= 8 && written(ctx, addr + 2, 6)) {
    const b = ctx.mem.readBytes(addr + 2, 6);
    return `{AF_INET, ${b[2]}.${b[3]}.${b[4]}.${b[5]}:${b[0] * 256 + b[1]}}`;
  }
  // A path needs the room of sockaddr_un's (the generic sockaddr holds 14 bytes of it).
  if (family === AF_UNIX && size >= 2 + SUN_PATH) {
    const bytes = Array.from(ctx.mem.readBytes(addr + 2, SUN_PATH));
    const end = bytes.indexOf(0);
    if (end < 0 || !written(ctx, addr + 2, end + 1)) return undefined;
    return `{AF_UNIX, ${cString(bytes.slice(0, end))}}`;
  }
  return undefined;
}

function structText(ctx: ValueContext, t: Extract<CType, { k: "struct" }>, addr: number, depth: number): string {
  if (isSigset(t)) return sigsetText(ctx, addr);
  const sockaddr = sockaddrText(ctx, t, addr);
  if (sockaddr !== undefined) return sockaddr;
  if (!t.def.complete) return "{...}";
  if (depth > 3) return "{...}";
  const fields = t.def.fields.map((f) => `${f.name ? `.${f.name} = ` : ""}${valueText(ctx, f.type, addr + f.offset, depth + 1)}`);
  return `{${fields.join(", ")}}`;
}

function valueText(ctx: ValueContext, t: CType, addr: number, depth: number): string {
  if (ctx.unwritten !== undefined && t.k !== "func" && ctx.unwritten(addr, sizeOf(t))) return NOT_SET;
  switch (t.k) {
    case "int": {
      const v = readInt(ctx.mem, addr, t.size, t.signed);
      if (t.bool) return v === 0n ? "false" : v === 1n ? "true" : String(v);
      // An enum's value by its name, as gdb shows it; a value with no name as the number.
      if (t.enumerators) return t.enumerators[Number(v)] ?? String(v);
      if (t.size === 1) return `${v} '${escapeByte(Number(BigInt.asUintN(8, v)), "'")}'`;
      return String(v);
    }
    case "float": return floatText(ctx.mem.readF(addr, t.size), t.size);
    case "ptr": return pointerText(ctx, t, addr, depth);
    case "array": return arrayText(ctx, t, addr, depth);
    case "struct": return structText(ctx, t, addr, depth);
    case "func": return ctx.funcAt?.(addr) ?? address(addr);
    case "void": return "void";
  }
}

/** The value of an object of type t at addr, as text; bounded in length. */
export function formatValue(ctx: ValueContext, t: CType, addr: number): string {
  let s: string;
  try {
    s = valueText(ctx, t, addr, 0);
  } catch (e) {
    if (e instanceof Fault) return `<unreadable at ${address(addr)}>`;
    throw e;
  }
  return s.length > VALUE_BOUND ? `${s.slice(0, VALUE_BOUND - 3)}...` : s;
}
