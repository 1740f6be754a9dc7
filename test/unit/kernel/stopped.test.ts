import * as assert from "node:assert/strict";
import {
  Kernel, SIG, signame, SignalDelivery, W_CONTINUED, W_STOPCODE, WCONTINUED, WIFSIGNALED, WNOHANG, WTERMSIG, WUNTRACED,
} from "../../../src/kernel/kernel";
import { blocked, boot, dead, done, errno, fork, okRet, proc } from "./helpers";

// A stopped process takes no signal but SIGKILL: the rest stay pending until SIGCONT
// continues it, as on Linux (checked there with /proc/PID/stat state T and ShdPnd, then
// WTERMSIG after SIGCONT). Signals it ignores are discarded on arrival, stopped or not.

/** A parent and a child blocked in pause(), stopped by SIGSTOP (already reported). */
function stoppedChild(handlers: Record<number, string> = {}): { k: Kernel; pid: number; c: number } {
  const { k, pid } = boot();
  const c = fork(k, pid);
  for (const [s, h] of Object.entries(handlers)) k.signal(c, Number(s), h);
  blocked(k.pause(c), "pause()");
  okRet(k.kill(pid, c, SIG.SIGSTOP));
  assert.equal(done(k.waitpid(pid, c, WUNTRACED)).status, W_STOPCODE(SIG.SIGSTOP));
  k.takeEvents();
  return { k, pid, c };
}

const signalEvents = (k: Kernel): string[] =>
  k.takeEvents().flatMap((e) => (e.kind === "signal" ? [`${e.pid} ${e.signal} ${e.action}`] : []));

describe("kernel: a stopped process", () => {
  for (const s of [SIG.SIGINT, SIG.SIGTERM, SIG.SIGUSR1, SIG.SIGQUIT]) {
    it(`keeps ${signame(s)} pending while stopped and dies of it once SIGCONT continues it`, () => {
      const { k, pid, c } = stoppedChild();
      okRet(k.kill(pid, c, s));
      assert.deepEqual(signalEvents(k), [`${c} ${signame(s)} pending`]);
      assert.equal(proc(k.snapshot(0), c).state, "stopped");
      assert.deepEqual(proc(k.snapshot(0), c).signals.pending, [signame(s)]);
      assert.equal(done(k.waitpid(pid, c, WNOHANG | WUNTRACED | WCONTINUED)).ret, 0, "nothing new to report");
      okRet(k.kill(pid, c, SIG.SIGCONT));
      assert.ok(dead(k, c));
      const ev = signalEvents(k);
      assert.deepEqual(ev.filter((e) => e.startsWith(`${c} `)), [`${c} SIGCONT continued`, `${c} ${signame(s)} ${s === SIG.SIGQUIT ? "core" : "terminated"}`]);
      const st = done(k.waitpid(pid, c, WUNTRACED | WCONTINUED)).status!;
      assert.ok(WIFSIGNALED(st) && WTERMSIG(st) === s, "the exit is reported, not the continue that came before it");
      assert.equal(errno(k.waitpid(pid, c, 0)), "ECHILD");
    });
  }

  it("is ended at once by SIGKILL, with a SIGINT still pending", () => {
    const { k, pid, c } = stoppedChild();
    okRet(k.kill(pid, c, SIG.SIGINT));
    okRet(k.kill(pid, c, SIG.SIGKILL));
    assert.ok(dead(k, c));
    assert.equal(WTERMSIG(done(k.waitpid(pid, c, 0)).status!), SIG.SIGKILL);
  });

  it("runs a handler for a signal that came while stopped only after SIGCONT", () => {
    const { k, pid, c } = stoppedChild({ [SIG.SIGINT]: "on_int" });
    okRet(k.kill(pid, c, SIG.SIGINT));
    assert.equal(k.takeSignal(c), null);
    assert.equal(k.task(c)!.runnable, false);
    assert.deepEqual(proc(k.snapshot(0), c).signals.pending, ["SIGINT"]);
    okRet(k.kill(pid, c, SIG.SIGCONT));
    assert.equal(done(k.waitpid(pid, c, WCONTINUED)).status, W_CONTINUED);
    const d: SignalDelivery | null = k.takeSignal(c);
    assert.equal(d?.handler, "on_int");
    k.sigreturn(c, d!.savedMask);
    assert.equal(errno(k.pause(c)), "EINTR", "the pause it was stopped in fails once the handler returns");
  });

  it("discards a signal it ignores on arrival, and continues unharmed", () => {
    const { k, pid, c } = stoppedChild({ [SIG.SIGINT]: "SIG_IGN" });
    okRet(k.kill(pid, c, SIG.SIGINT));
    assert.deepEqual(proc(k.snapshot(0), c).signals.pending, []);
    okRet(k.kill(pid, c, SIG.SIGCONT));
    assert.equal(proc(k.snapshot(0), c).state, "blocked");
  });

  it("keeps a further stop signal pending until SIGCONT discards it, whether default or caught", () => {
    for (const h of ["SIG_DFL", "on_tstp"]) {
      const { k, pid, c } = stoppedChild({ [SIG.SIGTSTP]: h });
      okRet(k.kill(pid, c, SIG.SIGTSTP));
      assert.equal(proc(k.snapshot(0), c).state, "stopped");
      assert.deepEqual(proc(k.snapshot(0), c).signals.pending, ["SIGTSTP"]);
      okRet(k.kill(pid, c, SIG.SIGCONT));
      assert.deepEqual(proc(k.snapshot(0), c).signals.pending, []);
      assert.equal(proc(k.snapshot(0), c).state, "blocked");
      assert.equal(k.takeSignal(c), null);
    }
  });
});
