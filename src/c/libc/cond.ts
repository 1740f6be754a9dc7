// Condition variables (pthread_cond_*), waited for in the library as the mutexes they go
// with are (threads.ts). pthread_cond_wait releases the mutex and joins the variable's
// queue in one step, so no signal can fall between; pthread_cond_signal takes the oldest
// waiter off the queue and pthread_cond_broadcast all of them; a woken waiter takes the
// mutex again (waiting for it as pthread_mutex_lock does) before its wait returns. There
// are no spurious wakeups, and a variable belongs to one process (as without
// PTHREAD_PROCESS_SHARED). pthread_cond_wait is not a cancellation point here.
import { Builtin, Ctl, Ctx } from "../ctl";
import { libWait, lockMutex, unlockMutex } from "./threads";

function condWait(c: Ctx, cond: number, mutex: number): number | Ctl {
  // Called again once woken (off the queue) or while the mutex is taken back.
  if (c.t.wait) return lockMutex(c, mutex);
  unlockMutex(c, mutex);
  (c.p.conds[cond] ??= []).push(c.t.tid);
  return libWait(c, "cond", cond, "pthread_cond_wait (until a signal or broadcast)");
}

/** Whether thread tid still waits on cond (not yet signalled). */
export function condWaiting(conds: Record<number, number[]>, cond: number, tid: number): boolean {
  return conds[cond]?.includes(tid) ?? false;
}

export const condvars: Builtin[] = [
  { name: "pthread_cond_init", fn: (c, a) => { delete c.p.conds[a[0]]; c.mem.fill(a[0], 0, 48); return 0; } },
  { name: "pthread_cond_destroy", fn: () => 0 },
  { name: "pthread_cond_wait", fn: (c, a) => condWait(c, a[0], a[1]) },
  { name: "pthread_cond_signal", fn: (c, a) => { c.p.conds[a[0]]?.shift(); return 0; } },
  { name: "pthread_cond_broadcast", fn: (c, a) => { delete c.p.conds[a[0]]; return 0; } },
];
