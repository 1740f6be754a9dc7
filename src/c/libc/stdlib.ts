// <stdlib.h>, <string.h> and <ctype.h>: pure library code over process memory.
import { CALLED, GONE, Builtin, Ctx } from "../ctl";
import { flushAll, queueUnread, writeStderr } from "./stdio";
import { cstr, heapAlloc, heapFree, heapRealloc, putString, setErrno, span, str, strn, sys } from "./sys";
import { strerror } from "./strerror";
import { SIG, SIG_UNBLOCK, sigmask } from "../../kernel/kernel";
import { negate } from "../arith";
import { convert, K } from "../types";
import { Val, canon, wrap64 } from "../wide";

/** abort(3) as glibc does it: SIGABRT unblocked first (a program that blocked it still dies
 *  of it), then raised; when that did not end the process (SIGABRT ignored, or a handler:
 *  the model does not run it here, docs/stepper.md), the default action back and SIGABRT
 *  again, so the process always ends by SIGABRT. stdio buffers are not flushed. */
export function abortNow(c: Ctx): typeof GONE {
  sys(c, "rt_sigprocmask", [SIG_UNBLOCK], c.k.sigprocmask(c.t.tid, SIG_UNBLOCK, sigmask(SIG.SIGABRT)));
  sys(c, "kill", [c.p.pid, "SIGABRT"], c.k.tgkill(c.t.tid, c.t.tid, SIG.SIGABRT));
  if (!c.m.alive(c.t.tid)) return GONE;
  sys(c, "rt_sigaction", ["SIGABRT", "SIG_DFL"], c.k.sigaction(c.t.tid, SIG.SIGABRT, { handler: "SIG_DFL", mask: 0, flags: 0 }));
  sys(c, "kill", [c.p.pid, "SIGABRT"], c.k.tgkill(c.t.tid, c.t.tid, SIG.SIGABRT));
  return GONE;
}

/** A failed assert: glibc's message on stderr (the program's short name, file, line,
 *  function and the assertion as written), then abort once it is out. */
function assertFailed(c: Ctx, text: number, file: number, line: number, fn: number): number | typeof GONE {
  const name = (c.p.argv[0] ?? "").split("/").pop();
  const message = `${name}: ${str(c, file)}:${line}: ${str(c, fn)}: Assertion \`${str(c, text)}' failed.\n`;
  writeStderr(c, message);
  if (!c.t.sys) return abortNow(c);
  c.t.sys.abort = true;
  return 0;
}

export function exitProcess(c: Ctx, code: number): number | typeof GONE | typeof CALLED {
  // atexit handlers first, last registered first; exit() runs again after each returns.
  const h = c.t.sys ? undefined : c.p.atexit.pop();
  if (h !== undefined) {
    c.m.callFromLibrary(c.p, c.t, h, []);
    return CALLED;
  }
  flushAll(c);
  queueUnread(c);
  if (c.t.sys) { c.t.sys.exit = code & 0xff; return 0; }
  sys(c, "exit", [code & 0xff], { ret: 0 });
  c.k.exit(c.t.tid, code & 0xff);
  return GONE;
}

/** strtol's grammar: space, sign, base prefix, digits; the magnitude exactly. */
function parseLong(s: string, base: number): { neg: boolean; mag: bigint; used: number } {
  const m = /^(\s*)([+-]?)(0[xX])?/.exec(s)!;
  let i = m[0].length;
  if (base === 0) base = m[3] ? 16 : s[i] === "0" ? 8 : 10;
  else if (m[3] && base !== 16) i -= m[3].length;
  let small = 0;
  let big: bigint | undefined;
  const start = i;
  for (; i < s.length; i++) {
    const d = parseInt(s[i], 36);
    if (Number.isNaN(d) || d >= base) break;
    // Digits accumulate on a number while it stays exact, then on BigInt.
    if (big === undefined && small < 2 ** 46) small = small * base + d;
    else big = (big ?? BigInt(small)) * BigInt(base) + BigInt(d);
  }
  if (i === start) return { neg: false, mag: 0n, used: 0 };
  return { neg: m[2] === "-", mag: big ?? BigInt(small), used: i };
}

const LONG_MAX = 2n ** 63n - 1n, ULONG_MAX = 2n ** 64n - 1n;

/** strtol: out of range gives LONG_MAX or LONG_MIN with ERANGE. */
function strtol(c: Ctx, s: string, base: number): { v: Val; used: number } {
  const r = parseLong(s, base);
  let v = r.neg ? -r.mag : r.mag;
  if (v > LONG_MAX || v < -LONG_MAX - 1n) { setErrno(c, "ERANGE"); v = v > 0n ? LONG_MAX : -LONG_MAX - 1n; }
  return { v: canon(v), used: r.used };
}

/** strtoul: a magnitude beyond ULONG_MAX gives ULONG_MAX with ERANGE; "-n" is -n wrapped. */
function strtoul(c: Ctx, s: string, base: number): { v: Val; used: number } {
  const r = parseLong(s, base);
  if (r.mag > ULONG_MAX) { setErrno(c, "ERANGE"); return { v: canon(ULONG_MAX), used: r.used }; }
  return { v: wrap64(r.neg ? -r.mag : r.mag, false), used: r.used };
}

/** strtol and strtoul with their end pointer. */
function strto(parse: typeof strtol) {
  return (c: Ctx, a: number[]): Val => {
    const r = parse(c, str(c, a[0]), a[2]);
    if (a[1]) c.mem.write64(a[1], a[0] + r.used);
    return r.v;
  };
}

const ctype = (f: (ch: string) => boolean) => (_c: Ctx, a: number[]): number => (a[0] >= 0 && a[0] < 256 && f(String.fromCharCode(a[0])) ? 1 : 0);

function cmp(a: string, b: string): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = i < a.length ? a.charCodeAt(i) : 0, y = i < b.length ? b.charCodeAt(i) : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** strtok_r's work, as glibc does it: the next token of the string at p (0: none left)
 *  split at the bytes of the string at delim, ended with a NUL written over the delimiter;
 *  and where the next call goes on (past that NUL, or the string's end when it is used up). */
function nextToken(c: Ctx, p: number, delim: number): [token: number, next: number] {
  if (!p) return [0, 0];
  const set = str(c, delim);
  const isDelim = (at: number): boolean => set.includes(String.fromCharCode(c.mem.read8(at)));
  while (c.mem.read8(p) && isDelim(p)) p++;
  if (!c.mem.read8(p)) return [0, p];
  let end = p;
  while (c.mem.read8(end) && !isDelim(end)) end++;
  if (!c.mem.read8(end)) return [p, end];
  c.mem.write8(end, 0);
  return [p, end + 1];
}

export const stdlib: Builtin[] = [
  { name: "exit", fn: (c, a) => exitProcess(c, a[0]) },
  { name: "_exit", fn: (c, a) => { sys(c, "exit", [a[0] & 0xff], { ret: 0 }); c.k.exit(c.t.tid, a[0] & 0xff); return GONE; } },
  { name: "_Exit", fn: (c, a) => { sys(c, "exit", [a[0] & 0xff], { ret: 0 }); c.k.exit(c.t.tid, a[0] & 0xff); return GONE; } },
  { name: "abort", fn: abortNow },
  { name: "atexit", fn: (c, a) => { c.p.atexit.push(a[0]); return 0; } },
  // atoi is (int)strtol, whose low 32 bits survive; atol and atoll are strtol.
  { name: "atoi", fn: (c, a) => convert(strtol(c, str(c, a[0]), 10).v, K.I64, K.I32) },
  { name: "atol", fn: (c, a) => strtol(c, str(c, a[0]), 10).v },
  { name: "atoll", fn: (c, a) => strtol(c, str(c, a[0]), 10).v },
  { name: "strtol", fn: strto(strtol) },
  { name: "strtoll", fn: strto(strtol) },
  { name: "strtoul", fn: strto(strtoul) },
  { name: "strtoull", fn: strto(strtoul) },
  { name: "malloc", fn: (c, a) => heapAlloc(c, a[0]) },
  { name: "calloc", fn: (c, a) => heapAlloc(c, a[0] * a[1], true) },
  { name: "realloc", fn: (c, a) => heapRealloc(c, a[0], a[1]) },
  {
    name: "free", fn: (c, a) => {
      if (a[0] === 0) return 0;
      if (heapFree(c, a[0])) return 0;
      const line = c.m.userLine(c.p, c.t);
      const dead = c.p.heap.dead[a[0]];
      c.m.note(c.p, line, dead
        ? `double-free: line ${line} frees the ${dead[0]}-byte block at 0x${a[0].toString(16)} that line ${dead[2]} already freed (allocated at line ${dead[1]}); glibc would abort`
        : `free(0x${a[0].toString(16)}): not a block malloc returned (or freed twice); glibc would abort`);
      return 0;
    },
  },
  { name: "abs", fn: (_c, a) => Math.abs(a[0]) | 0 },
  { name: "labs", fn: (c, a) => absLong(c.wide?.[0] ?? a[0]) },
  { name: "llabs", fn: (c, a) => absLong(c.wide?.[0] ?? a[0]) },
  // The compiler adds the assertion's text, file, line and function (compile/expressions.ts).
  { name: "assert", fn: (c, a) => (a[0] ? 0 : assertFailed(c, a[1], a[2], a[3], a[4])) },

  { name: "strlen", fn: (c, a) => str(c, a[0]).length },
  { name: "strcpy", fn: (c, a) => { putString(c, a[0], str(c, a[1]), "strcpy"); return a[0]; } },
  {
    name: "strncpy", fn: (c, a) => {
      // At most n bytes of the source are read: a source of n bytes needs no NUL.
      const s = strn(c, a[1], a[2]);
      span(c, a[0], a[2], "strncpy writes");
      c.mem.writeString(a[0], s, false);
      if (s.length < a[2]) c.mem.fill(a[0] + s.length, 0, a[2] - s.length);
      return a[0];
    },
  },
  { name: "strcat", fn: (c, a) => { putString(c, a[0] + str(c, a[0]).length, str(c, a[1]), "strcat"); return a[0]; } },
  { name: "strncat", fn: (c, a) => { putString(c, a[0] + str(c, a[0]).length, strn(c, a[1], a[2]), "strncat"); return a[0]; } },
  { name: "strcmp", fn: (c, a) => Math.sign(cmp(str(c, a[0]), str(c, a[1]))) },
  { name: "strncmp", fn: (c, a) => Math.sign(cmp(strn(c, a[0], a[2]), strn(c, a[1], a[2]))) },
  { name: "strcasecmp", fn: (c, a) => Math.sign(cmp(str(c, a[0]).toLowerCase(), str(c, a[1]).toLowerCase())) },
  { name: "strchr", fn: (c, a) => { const s = str(c, a[0]); const ch = a[1] & 0xff; if (ch === 0) return a[0] + s.length; const i = s.indexOf(String.fromCharCode(ch)); return i < 0 ? 0 : a[0] + i; } },
  { name: "strrchr", fn: (c, a) => { const s = str(c, a[0]); const ch = a[1] & 0xff; if (ch === 0) return a[0] + s.length; const i = s.lastIndexOf(String.fromCharCode(ch)); return i < 0 ? 0 : a[0] + i; } },
  { name: "strstr", fn: (c, a) => { const i = str(c, a[0]).indexOf(str(c, a[1])); return i < 0 ? 0 : a[0] + i; } },
  { name: "strdup", fn: (c, a) => { const s = str(c, a[0]); const p = heapAlloc(c, s.length + 1); if (p) c.mem.writeString(p, s); return p; } },
  { name: "strtok", fn: (c, a) => { const [token, next] = nextToken(c, a[0] || c.p.strtok, a[1]); c.p.strtok = next; return token; } },
  {
    name: "strtok_r", fn: (c, a) => {
      const [token, next] = nextToken(c, a[0] || c.mem.read64(a[2], false), a[1]);
      c.mem.write64(a[2], next);
      return token;
    },
  },
  { name: "strerror", fn: (c, a) => cstr(c, strerror(a[0])) },
  { name: "memcpy", fn: (c, a) => copyBytes(c, a[0], a[1], a[2], "memcpy") },
  { name: "memmove", fn: (c, a) => copyBytes(c, a[0], a[1], a[2], "memmove") },
  { name: "memset", fn: (c, a) => { span(c, a[0], a[2], "memset writes"); c.mem.fill(a[0], a[1] & 0xff, a[2]); return a[0]; } },
  { name: "bzero", fn: (c, a) => { span(c, a[0], a[1], "bzero writes"); c.mem.fill(a[0], 0, a[1]); return 0; } },
  {
    name: "memcmp", fn: (c, a) => {
      span(c, a[0], a[2], "memcmp reads");
      span(c, a[1], a[2], "memcmp reads");
      const x = c.mem.readBytes(a[0], a[2]), y = c.mem.readBytes(a[1], a[2]);
      for (let i = 0; i < a[2]; i++) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    },
  },
  { name: "isdigit", fn: ctype((ch) => /[0-9]/.test(ch)) },
  { name: "isalpha", fn: ctype((ch) => /[A-Za-z]/.test(ch)) },
  { name: "isalnum", fn: ctype((ch) => /[A-Za-z0-9]/.test(ch)) },
  { name: "isspace", fn: ctype((ch) => /[ \t\n\v\f\r]/.test(ch)) },
  { name: "isupper", fn: ctype((ch) => /[A-Z]/.test(ch)) },
  { name: "islower", fn: ctype((ch) => /[a-z]/.test(ch)) },
  { name: "isprint", fn: ctype((ch) => ch >= " " && ch <= "~") },
  { name: "ispunct", fn: ctype((ch) => /[!-/:-@[-`{-~]/.test(ch)) },
  { name: "toupper", fn: (_c, a) => (a[0] >= 97 && a[0] <= 122 ? a[0] - 32 : a[0]) },
  { name: "tolower", fn: (_c, a) => (a[0] >= 65 && a[0] <= 90 ? a[0] + 32 : a[0]) },
];

/** memcpy and memmove: n bytes from src to dst, each end told when it leaves its object. */
function copyBytes(c: Ctx, dst: number, src: number, n: number, fn: string): number {
  span(c, src, n, `${fn} reads`);
  span(c, dst, n, `${fn} writes`);
  c.mem.writeBytes(dst, c.mem.readBytes(src, n));
  return dst;
}

/** |v| for a long: LONG_MIN stays itself, as two's complement gives. */
function absLong(v: Val): Val {
  return v < 0 ? negate(v, K.I64) : v;
}
