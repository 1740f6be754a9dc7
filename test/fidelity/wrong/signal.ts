// A deliberately wrong signal model, for the test that the fidelity harness catches it: a
// standard signal that arrives while the same one is pending is queued (delivered again after
// the first) instead of lost. bundle.ts builds the model with this file in place of
// src/kernel/signal.ts; the kernel itself has no such mode.
import { sendsig as generate, takeSignal as take } from "../../../src/kernel/signal";
import type { KProc, KState, Task } from "../../../src/kernel/kstate";
import type { SignalDelivery } from "../../../src/kernel/result";
import { sigismember, sigmask } from "../../../src/kernel/signum";

export * from "../../../src/kernel/signal";

/** Signals waiting behind a pending one of the same number, per process. */
const queued = new WeakMap<KProc, number[]>();

export function sendsig(k: KState, p: KProc, s: number): void {
  const handled = p.actions[s]?.handler !== undefined && !["SIG_DFL", "SIG_IGN"].includes(p.actions[s]!.handler);
  if (!p.zombie && handled && sigismember(p.pending, s)) {
    queued.set(p, [...(queued.get(p) ?? []), s]);
    return;
  }
  generate(k, p, s);
}

export function takeSignal(k: KState, t: Task): SignalDelivery | null {
  const d = take(k, t);
  const waiting = d ? queued.get(t.proc) ?? [] : [];
  const i = d ? waiting.indexOf(d.signo) : -1;
  if (d && i >= 0) {
    waiting.splice(i, 1);
    t.proc.pending = (t.proc.pending | sigmask(d.signo)) >>> 0;
  }
  return d;
}
