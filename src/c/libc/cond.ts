// Condition variables (pthread_cond_*), waited for in the library as the mutexes they go
// with are (threads.ts). pthread_cond_wait releases the mutex and joins the variable's
// queue in one step, so no signal can fall between; pthread_cond_signal takes the oldest
// waiter off the queue and pthread_cond_broadcast all of them; a woken waiter takes the
// mutex again (waiting for it as pthread_mutex_lock does) before its wait returns. There
// are no spurious wakeups, and a variable belongs to one process (as without
// PTHREAD_PROCESS_SHARED). pthread_cond_wait is not a cancellation point here.
// pthread_cond_timedwait also ends when the model's clock passes its absolute CLOCK_REALTIME
// deadline: it leaves the queue and returns ETIMEDOUT, once it holds the mutex again as
// POSIX requires; glibc rejects a tv_nsec outside 0..999999999 with EINVAL before anything.
import { BLOCKED, Builtin, Ctl, Ctx } from "../ctl";
import { ERRNO } from "../../kernel/kernel";
import { libWait, lockMutex, unlockMutex } from "./threads";
import { realtimeDeadline } from "./time";

/** `due`: pthread_cond_timedwait's deadline (logical ms). */
function condWait(c: Ctx, cond: number, mutex: number, due?: number): number | Ctl {
  const w = c.t.wait;
  if (w) return retake(c, cond, mutex, w.kind === "cond");
  unlockMutex(c, mutex);
  (c.p.conds[cond] ??= []).push(c.t.tid);
  const what = due === undefined ? "pthread_cond_wait (until a signal or broadcast)" : "pthread_cond_timedwait (until a signal, a broadcast or the deadline)";
  return libWait(c, "cond", cond, what, due);
}

/** Called again once woken (off the queue), at the deadline (still on it), or while the mutex
 *  is taken back (`waited`: the first of these calls). */
function retake(c: Ctx, cond: number, mutex: number, waited: boolean): number | Ctl {
  if (waited && condWaiting(c.p.conds, cond, c.t.tid)) {
    c.p.conds[cond] = c.p.conds[cond].filter((tid) => tid !== c.t.tid);
    c.t.timedOut = true;
  }
  const r = lockMutex(c, mutex);
  if (r === BLOCKED || !c.t.timedOut) return r;
  c.t.timedOut = undefined;
  return ERRNO.ETIMEDOUT;
}

function condTimedWait(c: Ctx, cond: number, mutex: number, abstime: number): number | Ctl {
  if (c.t.wait) return condWait(c, cond, mutex);
  const due = realtimeDeadline(c, abstime);
  return due === undefined ? ERRNO.EINVAL : condWait(c, cond, mutex, due);
}

/** Whether thread tid still waits on cond (not yet signalled). */
export function condWaiting(conds: Record<number, number[]>, cond: number, tid: number): boolean {
  return conds[cond]?.includes(tid) ?? false;
}

export const condvars: Builtin[] = [
  { name: "pthread_cond_init", fn: (c, a) => { delete c.p.conds[a[0]]; c.mem.fill(a[0], 0, 48); return 0; } },
  { name: "pthread_cond_destroy", fn: () => 0 },
  { name: "pthread_cond_wait", fn: (c, a) => condWait(c, a[0], a[1]) },
  { name: "pthread_cond_timedwait", fn: (c, a) => condTimedWait(c, a[0], a[1], a[2]) },
  { name: "pthread_cond_signal", fn: (c, a) => { c.p.conds[a[0]]?.shift(); return 0; } },
  { name: "pthread_cond_broadcast", fn: (c, a) => { delete c.p.conds[a[0]]; return 0; } },
];
