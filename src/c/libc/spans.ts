// <string.h>'s span and search functions beyond the basics: strspn, strcspn, strpbrk,
// memchr, strnlen, strndup and strncasecmp (the idiom buf[strcspn(buf, "\n")] = 0 needs them).
import { Builtin, Ctx } from "../ctl";
import { heapAlloc, str } from "./sys";

/** Length of the leading run of s whose bytes are (in = true) or are not in set. */
function span(c: Ctx, s: number, set: number, inSet: boolean): number {
  const chars = str(c, set);
  const text = str(c, s);
  let n = 0;
  while (n < text.length && chars.includes(text[n]) === inSet) n++;
  return n;
}

export const spans: Builtin[] = [
  { name: "strspn", fn: (c, a) => span(c, a[0], a[1], true) },
  { name: "strcspn", fn: (c, a) => span(c, a[0], a[1], false) },
  { name: "strpbrk", fn: (c, a) => { const n = span(c, a[0], a[1], false); return c.mem.read8(a[0] + n) ? a[0] + n : 0; } },
  {
    name: "memchr", fn: (c, a) => {
      const bytes = c.mem.readBytes(a[0], a[2]);
      const i = bytes.indexOf(a[1] & 0xff);
      return i < 0 ? 0 : a[0] + i;
    },
  },
  { name: "strnlen", fn: (c, a) => { let n = 0; while (n < a[1] && c.mem.read8(a[0] + n)) n++; return n; } },
  {
    name: "strndup", fn: (c, a) => {
      let n = 0;
      while (n < a[1] && c.mem.read8(a[0] + n)) n++;
      const p = heapAlloc(c, n + 1);
      c.mem.writeBytes(p, c.mem.readBytes(a[0], n));
      c.mem.write8(p + n, 0);
      return p;
    },
  },
  {
    name: "strncasecmp", fn: (c, a) => {
      for (let i = 0; i < a[2]; i++) {
        const x = c.mem.read8(a[0] + i), y = c.mem.read8(a[1] + i);
        const lx = x >= 65 && x <= 90 ? x + 32 : x, ly = y >= 65 && y <= 90 ? y + 32 : y;
        if (lx !== ly || !x) return lx - ly;
      }
      return 0;
    },
  },
];
