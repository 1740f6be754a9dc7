// setitimer(2) and getitimer(2) for ITIMER_REAL, the timer alarm() also sets: a struct
// itimerval (it_interval, then it_value, each a struct timeval) in and out. The model's
// clock counts milliseconds: a value is rounded up to one (so a short timer still fires),
// an interval down.
import { SysRet } from "../../kernel/kernel";
import type { Builtin, Ctx } from "../ctl";
import { setErrno, sys } from "./sys";

const INTERVAL = 0;
const VALUE = 16;

/** A struct timeval at addr in ms (rounded with `round`), or undefined when tv_usec is not
 *  within 0..999999 or tv_sec is negative (EINVAL). */
function readTimeval(c: Ctx, addr: number, round: (x: number) => number): number | undefined {
  const sec = c.mem.read64(addr, true), usec = c.mem.read64(addr + 8, true);
  if (sec < 0 || usec < 0 || usec >= 1e6) return undefined;
  return sec * 1000 + round(usec / 1000);
}

function writeTimeval(c: Ctx, addr: number, ms: number): void {
  c.mem.write64(addr, Math.floor(ms / 1000));
  c.mem.write64(addr + 8, (ms % 1000) * 1000);
}

const writeOld = (c: Ctx, addr: number) => (r: SysRet): number => {
  if (addr && r.itimer) {
    writeTimeval(c, addr + INTERVAL, r.itimer.interval);
    writeTimeval(c, addr + VALUE, r.itimer.value);
  }
  return r.ret;
};

export const itimers: Builtin[] = [
  {
    name: "setitimer", fn: (c, a) => {
      const [which, next, old] = a;
      const value = readTimeval(c, next + VALUE, Math.ceil), interval = readTimeval(c, next + INTERVAL, Math.floor);
      if (value === undefined || interval === undefined) { setErrno(c, "EINVAL"); return -1; }
      return sys(c, "setitimer", [which], c.k.setitimer(c.t.tid, which, { value, interval }), writeOld(c, old));
    },
  },
  { name: "getitimer", fn: (c, a) => sys(c, "getitimer", [a[0]], c.k.setitimer(c.t.tid, a[0], undefined), writeOld(c, a[1])) },
];
