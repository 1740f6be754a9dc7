// Thread cancellation as glibc does it on Linux. pthread_cancel marks the target; with the
// default deferred type the target acts on it only at a cancellation point (pthreads(7):
// the blocking calls, pthread_join, sem_wait, pthread_testcancel...), also one it is
// already blocked in: glibc's SIGCANCEL interrupts that call, here the kernel wakes the
// task and the call, re-issued, finds the request. Acting on it ends the thread as
// pthread_exit(PTHREAD_CANCELED) would. With the asynchronous type the thread ends at its
// next step, wherever it is. Cleanup handlers (pthread_cleanup_push) are not modelled.
import { Builtin, Ctl, Ctx } from "../ctl";
import type { Thread } from "../uproc";
import { threadExit } from "./threads";

/** PTHREAD_CANCELED, (void *)-1: what pthread_join reports for a cancelled thread. */
const CANCELED = -1;
const EINVAL = 22;
const ESRCH = 3;

/** The model's built-ins that are cancellation points (pthreads(7)'s list; stdio's are not). */
export const CANCELLATION_POINTS = new Set([
  "read", "write", "open", "creat", "close", "accept", "connect", "recv", "recvfrom", "send", "sendto",
  "select", "pause", "sigsuspend", "sleep", "usleep", "nanosleep", "wait", "waitpid", "sem_wait", "sem_timedwait", "sigwait", "sigwaitinfo", "sigtimedwait",
  "pthread_join", "pthread_testcancel",
]);

function state(t: Thread): NonNullable<Thread["cancel"]> {
  return (t.cancel ??= { pending: false, off: false, async: false });
}

/** Whether thread t must end now at a cancellation point (or anywhere, asynchronous). */
export function cancelDue(t: Thread): boolean {
  return !!t.cancel?.pending && !t.cancel.off;
}

/** Act on the request: the thread ends, its joiner gets PTHREAD_CANCELED. */
export function actOnCancel(c: Ctx): number | Ctl {
  c.t.cancel!.pending = false;
  c.t.blockedOn = undefined;
  c.t.wait = undefined;
  return threadExit(c, CANCELED);
}

/** pthread_cancel(tid): 0, or ESRCH for no such thread. A thread that ended and waits
 *  to be joined gives 0, as glibc 2.34 and later do. */
function cancel(c: Ctx, tid: number): number {
  if (tid in c.p.finished) return 0;
  const t = c.p.threads.find((x) => x.tid === tid);
  if (!t) return ESRCH;
  const s = state(t);
  s.pending = true;
  // Blocked at a cancellation point: wake it so that the call, re-issued, acts on it.
  if (!s.off && t !== c.t) c.k.wakeForCancel(t.tid);
  return 0;
}

/** pthread_setcancelstate / pthread_setcanceltype: new value 0 or 1, the old one stored. */
function setField(c: Ctx, field: "off" | "async", value: number, old: number): number | Ctl {
  if (value !== 0 && value !== 1) return EINVAL;
  const s = state(c.t);
  if (old) c.mem.writeU(old, 4, s[field] ? 1 : 0);
  s[field] = value === 1;
  // Enabling with a request pending and the asynchronous type acts at once (glibc does).
  if (s.async && cancelDue(c.t)) return actOnCancel(c);
  return 0;
}

export const cancellation: Builtin[] = [
  { name: "pthread_cancel", fn: (c, a) => cancel(c, a[0]) },
  // The cancellation point itself: the check happens on the way in (vm.ts), so reaching here means no request.
  { name: "pthread_testcancel", fn: () => 0 },
  { name: "pthread_setcancelstate", fn: (c, a) => setField(c, "off", a[0], a[1]) },
  { name: "pthread_setcanceltype", fn: (c, a) => setField(c, "async", a[0], a[1]) },
];
