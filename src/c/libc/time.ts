// <time.h>: time, ctime, localtime, gmtime, asctime, mktime, difftime, strftime. The wall
// clock is the model's logical clock started at a fixed instant (REALTIME_BASE), so runs are
// reproducible; the zone is UTC, as on the course machines. struct tm is glibc's x86-64 layout.
import { Builtin, Ctx } from "../ctl";
import { cstr, heapAlloc, str } from "./sys";

/** The wall-clock time, in seconds since the Epoch, at the model's time 0: Monday
 *  2026-01-05 09:00:00 UTC. */
export const REALTIME_BASE = 1767603600;

/** Wall-clock milliseconds now. */
export function realtimeMs(c: Ctx): number {
  return REALTIME_BASE * 1000 + c.k.now();
}

/** A struct timespec at addr in ms, rounded up so that a wait never ends before it;
 *  undefined when tv_nsec is not within 0..999999999, or with `relative` when tv_sec < 0
 *  (EINVAL both). */
export function timespecMs(c: Ctx, addr: number, relative = false): number | undefined {
  const sec = c.mem.read64(addr, true), nsec = c.mem.read64(addr + 8, true);
  if (nsec < 0 || nsec >= 1e9 || (relative && sec < 0)) return undefined;
  return Math.ceil(sec * 1000 + nsec / 1e6);
}

/** An absolute CLOCK_REALTIME struct timespec (sem_timedwait's, pthread_cond_timedwait's) in
 *  the model's logical ms; undefined when invalid (timespecMs). */
export function realtimeDeadline(c: Ctx, abstime: number): number | undefined {
  const ms = timespecMs(c, abstime);
  return ms === undefined ? undefined : ms - REALTIME_BASE * 1000;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const TM_SIZE = 56;
const TM_KEY = "\u0000struct tm";
const ASC_KEY = "\u0000asctime";

interface Tm { sec: number; min: number; hour: number; mday: number; mon: number; year: number; wday: number; yday: number }

function breakDown(t: number): Tm {
  const d = new Date(t * 1000);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    sec: d.getUTCSeconds(), min: d.getUTCMinutes(), hour: d.getUTCHours(), mday: d.getUTCDate(), mon: d.getUTCMonth(),
    year: d.getUTCFullYear() - 1900, wday: d.getUTCDay(), yday: Math.floor((d.getTime() - jan1) / 86400000),
  };
}

function writeTm(c: Ctx, addr: number, tm: Tm): number {
  c.mem.fill(addr, 0, TM_SIZE);
  [tm.sec, tm.min, tm.hour, tm.mday, tm.mon, tm.year, tm.wday, tm.yday, 0].forEach((v, i) => c.mem.writeU(addr + i * 4, 4, v >>> 0));
  c.mem.write64(addr + 48, cstr(c, "UTC"));
  return addr;
}

function readTm(c: Ctx, addr: number): Tm {
  const f = (i: number): number => c.mem.readU(addr + i * 4, 4) | 0;
  return { sec: f(0), min: f(1), hour: f(2), mday: f(3), mon: f(4), year: f(5), wday: f(6), yday: f(7) };
}

/** The one static struct tm (or asctime buffer) a process's non-_r calls share. */
function staticBlock(c: Ctx, key: string, size: number): number {
  let a = c.p.statics[key];
  if (a === undefined) c.p.statics[key] = a = heapAlloc(c, size);
  return a;
}

const pad = (n: number, w: number, ch = "0"): string => String(n).padStart(w, ch);

/** asctime(3)'s fixed form: "Mon Jan  5 09:00:00 2026\n". */
function asctime(tm: Tm): string {
  return `${DAYS[tm.wday]?.slice(0, 3)} ${MONTHS[tm.mon]?.slice(0, 3)} ${pad(tm.mday, 2, " ")} ${pad(tm.hour, 2)}:${pad(tm.min, 2)}:${pad(tm.sec, 2)} ${tm.year + 1900}\n`;
}

/** mktime/timegm: normalises out-of-range fields as the C rule says (Date.UTC does the carrying). */
function mktime(c: Ctx, addr: number): number {
  const tm = readTm(c, addr);
  const t = Math.floor(Date.UTC(tm.year + 1900, tm.mon, tm.mday, tm.hour, tm.min, tm.sec) / 1000);
  writeTm(c, addr, breakDown(t));
  return t;
}

function strftime(tm: Tm, fmt: string, t: number): string {
  const conv: Record<string, () => string> = {
    a: () => DAYS[tm.wday].slice(0, 3), A: () => DAYS[tm.wday], b: () => MONTHS[tm.mon].slice(0, 3), h: () => MONTHS[tm.mon].slice(0, 3),
    B: () => MONTHS[tm.mon], C: () => pad(Math.floor((tm.year + 1900) / 100), 2), d: () => pad(tm.mday, 2), e: () => pad(tm.mday, 2, " "),
    H: () => pad(tm.hour, 2), I: () => pad(tm.hour % 12 || 12, 2), j: () => pad(tm.yday + 1, 3), m: () => pad(tm.mon + 1, 2),
    M: () => pad(tm.min, 2), n: () => "\n", p: () => (tm.hour < 12 ? "AM" : "PM"), S: () => pad(tm.sec, 2), t: () => "\t",
    s: () => String(t), u: () => String(tm.wday || 7), w: () => String(tm.wday), y: () => pad((tm.year + 1900) % 100, 2),
    Y: () => String(tm.year + 1900), z: () => "+0000", Z: () => "UTC", "%": () => "%",
  };
  const expand = (f: string): string => f.replace(/%([a-zA-Z%])/g, (m, k: string) => {
    if (k === "c") return expand("%a %b %e %H:%M:%S %Y");
    if (k === "D") return expand("%m/%d/%y");
    if (k === "F") return expand("%Y-%m-%d");
    if (k === "T") return expand("%H:%M:%S");
    if (k === "R") return expand("%H:%M");
    if (k === "r") return expand("%I:%M:%S %p");
    if (k === "x") return expand("%m/%d/%y");
    if (k === "X") return expand("%H:%M:%S");
    return conv[k]?.() ?? m;
  });
  return expand(fmt);
}

const now = (c: Ctx): number => Math.floor(realtimeMs(c) / 1000);

export const time: Builtin[] = [
  { name: "time", fn: (c, a) => { const v = now(c); if (a[0]) c.mem.write64(a[0], v); return v; } },
  { name: "difftime", fn: (_c, a) => a[0] - a[1] },
  { name: "ctime", fn: (c, a) => cstr(c, asctime(breakDown(c.mem.read64(a[0], true)))) },
  { name: "ctime_r", fn: (c, a) => { c.mem.writeString(a[1], asctime(breakDown(c.mem.read64(a[0], true)))); return a[1]; } },
  { name: "asctime", fn: (c, a) => { const b = staticBlock(c, ASC_KEY, 32); c.mem.writeString(b, asctime(readTm(c, a[0]))); return b; } },
  { name: "asctime_r", fn: (c, a) => { c.mem.writeString(a[1], asctime(readTm(c, a[0]))); return a[1]; } },
  { name: "localtime", fn: (c, a) => writeTm(c, staticBlock(c, TM_KEY, TM_SIZE), breakDown(c.mem.read64(a[0], true))) },
  { name: "gmtime", fn: (c, a) => writeTm(c, staticBlock(c, TM_KEY, TM_SIZE), breakDown(c.mem.read64(a[0], true))) },
  { name: "localtime_r", fn: (c, a) => writeTm(c, a[1], breakDown(c.mem.read64(a[0], true))) },
  { name: "gmtime_r", fn: (c, a) => writeTm(c, a[1], breakDown(c.mem.read64(a[0], true))) },
  { name: "mktime", fn: (c, a) => mktime(c, a[0]) },
  { name: "timegm", fn: (c, a) => mktime(c, a[0]) },
  {
    name: "strftime", fn: (c, a) => {
      const [buf, max, fmt, tmp] = a;
      const tm = readTm(c, tmp);
      const t = Math.floor(Date.UTC(tm.year + 1900, tm.mon, tm.mday, tm.hour, tm.min, tm.sec) / 1000);
      const out = strftime(tm, str(c, fmt), t);
      if (out.length + 1 > max) return 0;
      c.mem.writeString(buf, out);
      return out.length;
    },
  },
];
