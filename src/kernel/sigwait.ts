// sigwait(3), sigwaitinfo(2) and sigtimedwait(2): a thread takes a pending signal of a set
// itself, instead of having it delivered. Its own pending signals come first, then the
// process's, the lowest number first. While it waits, the set is blocked for it (the call's
// mask is put back when it returns), so a signal of the set that arrives stays pending and
// wakes it rather than running a handler or its default action; a signal outside the set
// with a handler interrupts the wait (EINTR, never restarted, as signal(7) says).
import { deadline } from "./clock";
import type { KState, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted, pendingFor, sigChan } from "./signal";
import { KERNEL_INFO, NSIG, sigismember, sigmask, sigsetNames, UNBLOCKABLE } from "./signum";
import { CLOCK_CHAN, waitTest } from "./waitq";

waitTest("sigwait", (k, t, c) => (pendingFor(t) & c.set) !== 0 || (c.deadline !== undefined && k.clock >= c.deadline));

/** The call as the view shows it, and as its interruption is known: "sigwait(SIGINT|SIGUSR1)". */
const callName = (set: number): string => `sigwait(${sigsetNames(set).join("|")})`;

/** Put back the mask the call began with. */
function unwait(t: Task, call: string): void {
  if (t.suspendMask !== undefined) t.mask = t.suspendMask;
  t.suspendMask = undefined;
  if (t.timer?.call === call) t.timer = undefined;
}

/** Take signal s from t's own pending set, or else its process's: the SysRet for it. */
function take(t: Task, s: number): SysResult {
  const p = t.proc;
  if (sigismember(t.pending ?? 0, s)) t.pending = (t.pending! & ~sigmask(s)) >>> 0;
  else p.pending &= ~sigmask(s);
  return ok(s, { siginfo: p.info[s] ?? KERNEL_INFO });
}

/**
 * sigtimedwait(set, timeout): the number of a pending signal of `set`, taken; else sleep
 * until one is pending. `timeoutMs`: null waits for ever; else EAGAIN once that much
 * logical time passed (0: just look). SIGKILL and SIGSTOP cannot be waited for (they are
 * left out of the set, as Linux does).
 */
export function sigtimedwait(k: KState, t: Task, set: number, timeoutMs: number | null): SysResult {
  if (!Number.isInteger(set) || (timeoutMs !== null && !(typeof timeoutMs === "number" && timeoutMs >= 0 && timeoutMs < Infinity))) return fail("EINVAL");
  const want = (set & ~UNBLOCKABLE) >>> 0;
  const call = callName(want);
  const how = interrupted(t, call);
  if (how === "eintr") {
    unwait(t, call);
    return fail("EINTR");
  }
  const ready = pendingFor(t) & want;
  for (let s = 1; s < NSIG; s++) {
    if (!sigismember(ready, s)) continue;
    unwait(t, call);
    return take(t, s);
  }
  const due = timeoutMs === null ? undefined : deadline(k, t, call, timeoutMs);
  if (due !== undefined && k.clock >= due) {
    unwait(t, call);
    return fail("EAGAIN");
  }
  t.suspendMask ??= t.mask;
  t.mask = (t.suspendMask | want) >>> 0;
  const chans = due === undefined ? [sigChan(t.proc.pid)] : [sigChan(t.proc.pid), CLOCK_CHAN];
  return block(k, t, call, due === undefined ? { kind: "sigwait", set: want } : { kind: "sigwait", set: want, deadline: due }, chans);
}
