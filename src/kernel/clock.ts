// Logical time (milliseconds). Nothing moves it but advanceTo, so runs repeat exactly:
// alarms raise SIGALRM when their time comes, sleeps and select timeouts end.
import type { KState, Task } from "./kstate";
import { block, wakeup } from "./proc";
import { fail, ok, SysResult } from "./result";
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
  return ok(left);
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
    p.alarmAt = undefined;
    sendsig(k, p, SIG.SIGALRM);
    touch(k, CLOCK_CHAN);
    wakeup(k);
  }
  k.clock = ms;
  touch(k, CLOCK_CHAN);
  wakeup(k);
}
