// Logical time (milliseconds). Nothing moves it but advanceTo, so runs repeat exactly:
// alarms raise SIGALRM when their time comes, sleeps and select timeouts end.
import type { KState, Task } from "./kstate";
import { block, wakeup } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted, sendsig } from "./signal";
import { SIG } from "./signum";
import { CLOCK_CHAN, touch, waitTest } from "./waitq";

waitTest("timer", (k, _t, c) => k.clock >= c.deadline);

/** alarm(2): returns the seconds left on the previous alarm, rounded as Linux does. */
export function alarm(k: KState, t: Task, seconds: number): SysResult {
  if (!Number.isInteger(seconds) || seconds < 0) return fail("EINVAL");
  const p = t.proc;
  let left = 0;
  if (p.alarmAt !== undefined) {
    const ms = p.alarmAt - k.clock;
    left = Math.max(1, Math.round(ms / 1000));
  }
  p.alarmAt = seconds > 0 ? k.clock + seconds * 1000 : undefined;
  p.alarmEvery = undefined;
  return ok(left);
}

/** An interval timer's setting in ms: time to the next expiry (0: disarmed), then the interval. */
export type ITimer = NonNullable<SysRet["itimer"]>;

/** setitimer's timers (Linux values); the model keeps only real time. */
export const ITIMER_REAL = 0;
export const ITIMER_VIRTUAL = 1;
export const ITIMER_PROF = 2;

/** setitimer(ITIMER_REAL) in ms: the real-time timer alarm() also sets (one per process);
 *  the previous setting back. */
export function setitimer(k: KState, t: Task, next: ITimer): ITimer {
  const old = getitimer(k, t);
  const p = t.proc;
  p.alarmAt = next.value > 0 ? k.clock + next.value : undefined;
  p.alarmEvery = next.value > 0 && next.interval > 0 ? next.interval : undefined;
  return old;
}

export function getitimer(k: KState, t: Task): ITimer {
  const p = t.proc;
  return { value: p.alarmAt === undefined ? 0 : Math.max(0, p.alarmAt - k.clock), interval: p.alarmEvery ?? 0 };
}

/** A timed wait: the deadline is fixed by the first call and kept across re-issues. */
export function deadline(k: KState, t: Task, call: string, ms: number): number {
  if (t.timer?.call !== call) t.timer = { call, deadline: k.clock + ms };
  return t.timer.deadline;
}

/** sleep(3)/usleep(3) in ms: 0 when done; interrupted by a handled signal, the time left. */
export function msleep(k: KState, t: Task, call: string, ms: number): SysResult | { left: number } {
  const how = interrupted(t, call);
  const due = deadline(k, t, call, ms);
  if (how === "eintr") {
    t.timer = undefined;
    return { left: Math.max(0, due - k.clock) };
  }
  if (k.clock >= due) {
    t.timer = undefined;
    return ok(0);
  }
  return block(k, t, call, { kind: "timer", deadline: due }, [CLOCK_CHAN]);
}

export function nextTimer(k: KState): number | undefined {
  let next: number | undefined;
  const consider = (ms: number | undefined): void => {
    if (ms !== undefined && ms > k.clock && (next === undefined || ms < next)) next = ms;
  };
  for (const p of k.procs.values()) consider(p.alarmAt);
  for (const t of k.tasks.values()) if (t.state === "blocked") consider(t.timer?.deadline);
  return next;
}

/** Move time forward to `ms`, firing every alarm due on the way in time order. */
export function advanceTo(k: KState, ms: number): void {
  if (!(ms > k.clock)) return;
  while (true) {
    let due: { at: number; pid: number } | undefined;
    for (const p of k.procs.values()) {
      if (p.alarmAt !== undefined && p.alarmAt <= ms && (!due || p.alarmAt < due.at)) due = { at: p.alarmAt, pid: p.pid };
    }
    if (!due) break;
    k.clock = Math.max(k.clock, due.at);
    const p = k.procs.get(due.pid)!;
    // An interval timer fires again an interval after it was due, however late it is seen.
    p.alarmAt = p.alarmEvery === undefined ? undefined : due.at + p.alarmEvery;
    sendsig(k, p, SIG.SIGALRM);
    touch(k, CLOCK_CHAN);
    wakeup(k);
  }
  k.clock = ms;
  touch(k, CLOCK_CHAN);
  wakeup(k);
}
