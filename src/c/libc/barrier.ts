// Barriers (pthread_barrier_*): the count-th thread to arrive releases the others and gets
// PTHREAD_BARRIER_SERIAL_THREAD, as in glibc (the one that completes the round); the rest
// get 0. The barrier's count and arrivals live in its memory; the threads waiting are a
// queue like a condition variable's (cond.ts), emptied when the round completes, so a
// thread that goes straight on to the next round's wait is not let through by this one.
import { Builtin, Ctl, Ctx } from "../ctl";
import { libWait } from "./threads";

const COUNT = 0;
const ARRIVED = 4;
const EINVAL = 22;
const SERIAL_THREAD = -1;

function barrierWait(c: Ctx, b: number): number | Ctl {
  if (c.t.wait) { c.t.wait = undefined; return 0; } // released by the round's last arrival
  const count = c.mem.readU(b + COUNT, 4);
  const arrived = c.mem.readU(b + ARRIVED, 4) + 1;
  if (arrived >= count) {
    c.mem.writeU(b + ARRIVED, 4, 0);
    delete c.p.conds[b];
    return SERIAL_THREAD;
  }
  c.mem.writeU(b + ARRIVED, 4, arrived);
  (c.p.conds[b] ??= []).push(c.t.tid);
  return libWait(c, "cond", b, `pthread_barrier_wait (${arrived} of ${count} arrived)`);
}

export const barriers: Builtin[] = [
  {
    name: "pthread_barrier_init", fn: (c, a) => {
      if (a[2] === 0) return EINVAL;
      c.mem.fill(a[0], 0, 32);
      c.mem.writeU(a[0] + COUNT, 4, a[2]);
      delete c.p.conds[a[0]];
      return 0;
    },
  },
  { name: "pthread_barrier_wait", fn: (c, a) => barrierWait(c, a[0]) },
  { name: "pthread_barrier_destroy", fn: () => 0 },
  { name: "pthread_barrierattr_init", fn: (c, a) => { c.mem.writeU(a[0], 4, 0); return 0; } },
  { name: "pthread_barrierattr_destroy", fn: () => 0 },
];
