import * as assert from "node:assert/strict";
import {
  Kernel, SA_NOCLDSTOP, SA_RESETHAND, SA_RESTART, SIG, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, sigset, SignalDelivery,
  WNOHANG, AF_INET, SOCK_STREAM,
} from "../../../src/kernel/kernel";
import { blocked, boot, dead, done, errno, fork, okRet, proc } from "./helpers";

/** What a stepper does before a line: take one signal, run its handler body, return from it. */
function runHandler(k: Kernel, tid: number, body: (d: SignalDelivery) => void = () => {}): SignalDelivery | null {
  const d = k.takeSignal(tid);
  if (!d) return null;
  body(d);
  k.sigreturn(tid, d.savedMask);
  return d;
}

const act = (handler: string, flags = 0, mask = 0) => ({ handler, flags, mask });

describe("kernel: signals", () => {
  it("default actions: SIGTERM terminates, SIGCHLD is ignored, SIGTSTP stops, SIGCONT continues, SIGQUIT dumps core", () => {
    const { k, pid } = boot();
    const a = fork(k, pid);
    okRet(k.kill(pid, a, SIG.SIGTERM));
    assert.equal(done(k.waitpid(pid, a, 0)).status, SIG.SIGTERM);
    const b = fork(k, pid);
    k.takeEvents();
    okRet(k.kill(pid, b, SIG.SIGCHLD));
    assert.deepEqual(k.takeEvents().filter((e) => e.kind === "signal"), [{ kind: "signal", pid: b, signal: "SIGCHLD", action: "ignored", byDefault: true }],
      "ignored by its default action, not by SIG_IGN");
    assert.deepEqual(proc(k.snapshot(0), b).signals.pending, [], "SIGCHLD's default is to ignore: not even pending");
    okRet(k.kill(pid, b, SIG.SIGTSTP));
    assert.equal(proc(k.snapshot(1), b).state, "stopped");
    assert.equal(k.task(b)!.runnable, false);
    k.takeEvents();
    okRet(k.kill(pid, b, SIG.SIGCONT));
    // (The parent gets its SIGCHLD for the continued child, which it ignores by default.)
    assert.deepEqual(k.takeEvents().filter((e) => e.kind === "signal" && e.pid === b).map((e) => e.kind === "signal" && e.action), ["continued"],
      "continuing is SIGCONT's default action: no 'ignored' after it");
    assert.equal(proc(k.snapshot(2), b).state, "ready");
    okRet(k.kill(pid, b, SIG.SIGQUIT));
    const ev = k.takeEvents();
    assert.ok(ev.some((e) => e.kind === "signal" && e.signal === "SIGQUIT" && e.action === "core"));
  });

  it("SIGKILL and SIGSTOP cannot be caught or ignored (EINVAL) nor blocked (silently dropped from the mask)", () => {
    const { k, pid } = boot();
    assert.equal(errno(k.sigaction(pid, SIG.SIGKILL, act("h"))), "EINVAL");
    assert.equal(errno(k.sigaction(pid, SIG.SIGSTOP, act("SIG_IGN"))), "EINVAL");
    assert.equal(errno(k.sigaction(pid, 0, act("h"))), "EINVAL");
    assert.equal(errno(k.sigaction(pid, 64, act("h"))), "EINVAL");
    okRet(k.sigaction(pid, SIG.SIGKILL, null)); // querying is allowed
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGKILL", "SIGSTOP", "SIGINT")));
    assert.deepEqual(proc(k.snapshot(0), pid).signals.blocked, ["SIGINT"]);
    const c = fork(k, pid);
    okRet(k.kill(pid, c, SIG.SIGKILL));
    assert.equal(done(k.waitpid(pid, c, 0)).status, SIG.SIGKILL);
  });

  it("a blocked signal stays pending and acts when unblocked (sigprocmask)", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    okRet(k.sigprocmask(c, SIG_BLOCK, sigset("SIGTERM")));
    okRet(k.kill(pid, c, SIG.SIGTERM));
    assert.deepEqual(proc(k.snapshot(0), c).signals.pending, ["SIGTERM"]);
    assert.equal(done(k.sigprocmask(c, SIG_UNBLOCK, sigset("SIGTERM"))).oldMask, sigset("SIGTERM"));
    assert.ok(dead(k, c));
    assert.equal(errno(k.sigprocmask(pid, 7, 0)), "EINVAL");
  });

  it("standard signals are a set, not a queue: a second one while the first is pending is lost, and recorded (C10)", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGUSR1, act("h")));
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGUSR1")));
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    const s = k.snapshot(0);
    assert.deepEqual(proc(s, pid).signals.pending, ["SIGUSR1"]);
    assert.deepEqual(proc(s, pid).signals.lost, ["SIGUSR1"]);
    assert.ok(s.events.some((e) => e.kind === "signal" && e.action === "lost"));
    okRet(k.sigprocmask(pid, SIG_SETMASK, 0));
    assert.ok(runHandler(k, pid));
    assert.equal(runHandler(k, pid), null, "the handler runs once");
  });

  it("a handler runs with its signal and sa_mask blocked; sigreturn restores the mask (C12)", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGINT, act("on_int", 0, sigset("SIGTERM"))));
    okRet(k.tgkill(pid, pid, SIG.SIGINT));
    const d = k.takeSignal(pid)!;
    assert.deepEqual({ name: d.name, handler: d.handler, savedMask: d.savedMask }, { name: "SIGINT", handler: "on_int", savedMask: 0 });
    const p = proc(k.snapshot(0), pid);
    assert.deepEqual(p.signals.blocked, ["SIGINT", "SIGTERM"]);
    assert.equal(p.signals.running, "SIGINT");
    okRet(k.tgkill(pid, pid, SIG.SIGINT));
    assert.equal(k.takeSignal(pid), null, "the same signal waits while its handler runs");
    k.sigreturn(pid, d.savedMask);
    assert.deepEqual(proc(k.snapshot(1), pid).signals.blocked, []);
    assert.equal(k.takeSignal(pid)!.name, "SIGINT", "then it is delivered");
  });

  it("SA_RESETHAND puts the disposition back to SIG_DFL on delivery", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGUSR1, act("h", SA_RESETHAND)));
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    runHandler(k, pid);
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    assert.ok(dead(k, pid));
  });

  it("SIGCHLD goes to the parent when a child exits, and when it stops unless SA_NOCLDSTOP", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGCHLD, act("on_chld")));
    const c = fork(k, pid);
    okRet(k.kill(pid, c, SIG.SIGSTOP));
    assert.equal(runHandler(k, pid)?.name, "SIGCHLD");
    okRet(k.sigaction(pid, SIG.SIGCHLD, act("on_chld", SA_NOCLDSTOP)));
    okRet(k.kill(pid, c, SIG.SIGCONT));
    assert.equal(runHandler(k, pid), null);
    okRet(k.kill(pid, c, SIG.SIGTERM));
    assert.equal(runHandler(k, pid)?.name, "SIGCHLD");
  });

  it("a parent that sets SIGCHLD to SIG_IGN makes no zombies; wait then fails with ECHILD", () => {
    const { k, pid } = boot();
    k.signal(pid, SIG.SIGCHLD, "SIG_IGN");
    const c = fork(k, pid);
    k.exit(c, 0);
    assert.ok(!k.pids().includes(c));
    assert.equal(errno(k.wait(pid)), "ECHILD");
  });

  function reaperScenario(handlerBody: (k: Kernel, pid: number) => void): { k: Kernel; pid: number; zombies: number } {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGCHLD, act("handler")));
    const kids = [0, 1, 2, 3, 4, 5].map(() => fork(k, pid));
    k.exit(kids[0], 0);
    // The handler for the first child's SIGCHLD starts; while it runs the other five exit together.
    const d = k.takeSignal(pid)!;
    assert.equal(d.name, "SIGCHLD");
    for (const c of kids.slice(1)) k.exit(c, 0);
    handlerBody(k, pid);
    k.sigreturn(pid, d.savedMask);
    // The one SIGCHLD that stayed pending is delivered next; the other four were lost.
    runHandler(k, pid, () => handlerBody(k, pid));
    assert.equal(runHandler(k, pid), null);
    const zombies = k.snapshot(0).processes.filter((p) => p.state === "zombie").length;
    return { k, pid, zombies };
  }

  it("five children exit while the SIGCHLD handler runs: a handler that calls wait once leaves zombies (C10)", () => {
    const { k, pid, zombies } = reaperScenario((k, pid) => { okRet(k.wait(pid)); });
    assert.equal(zombies, 4);
    assert.deepEqual(proc(k.snapshot(1), pid).signals.lost, ["SIGCHLD", "SIGCHLD", "SIGCHLD", "SIGCHLD"]);
  });

  it("the same with while (waitpid(-1, 0, WNOHANG) > 0) reaps them all (C9)", () => {
    const { zombies } = reaperScenario((k, pid) => {
      for (let i = 0; i < 10 && done(k.waitpid(pid, -1, WNOHANG)).ret > 0; i++);
    });
    assert.equal(zombies, 0);
  });

  it("a slow call interrupted by a handler without SA_RESTART fails with EINTR when re-issued", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGALRM, act("on_alarm")));
    const [r] = done(k.pipe(pid)).fds!;
    okRet(k.alarm(pid, 1));
    blocked(k.read(pid, r, 1));
    k.takeEvents();
    k.advanceTo(k.nextTimer()!);
    assert.equal(k.task(pid)!.runnable, true, "the handled signal woke the reader");
    assert.ok(k.takeEvents().some((e) => e.kind === "wake" && e.pid === pid && e.on === `read(${r})` && e.by === "SIGALRM"),
      "the wake says the signal interrupted the read: nothing came to the pipe");
    const d = runHandler(k, pid)!;
    assert.deepEqual([d.interrupted, d.restart], [`read(${r})`, false]);
    assert.equal(errno(k.read(pid, r, 1)), "EINTR");
  });

  it("with SA_RESTART the re-issued call restarts (and blocks again): read, accept, waitpid", () => {
    const { k, pid } = boot();
    okRet(k.sigaction(pid, SIG.SIGUSR1, act("h", SA_RESTART)));
    const [r] = done(k.pipe(pid)).fds!;
    const s = okRet(k.socket(pid, AF_INET, SOCK_STREAM));
    okRet(k.bind(pid, s, { host: "0.0.0.0", port: 15213 }));
    okRet(k.listen(pid, s, 5));
    fork(k, pid);
    const calls: Array<[string, () => ReturnType<Kernel["read"]>]> = [
      [`read(${r})`, () => k.read(pid, r, 1)],
      [`accept(${s})`, () => k.accept(pid, s)],
      ["waitpid(-1)", () => k.waitpid(pid, -1, 0)],
    ];
    for (const [name, call] of calls) {
      blocked(call(), name);
      k.externalKill(pid, SIG.SIGUSR1);
      const d = runHandler(k, pid)!;
      assert.deepEqual([d.interrupted, d.restart], [name, true]);
      blocked(call(), name);
    }
  });

  it("pause returns -1/EINTR after a handler ran; an ignored signal does not wake it; a fatal one kills", () => {
    const { k, pid } = boot();
    k.signal(pid, SIG.SIGUSR1, "on_usr1");
    k.signal(pid, SIG.SIGUSR2, "SIG_IGN");
    blocked(k.pause(pid), "pause()");
    k.externalKill(pid, SIG.SIGUSR2);
    assert.equal(k.task(pid)!.runnable, false);
    k.externalKill(pid, SIG.SIGUSR1);
    const d = runHandler(k, pid)!;
    assert.equal(d.restart, false, "pause is never restarted, even with SA_RESTART");
    assert.equal(errno(k.pause(pid)), "EINTR");
    blocked(k.pause(pid));
    k.externalKill(pid, SIG.SIGTERM);
    assert.ok(dead(k, pid));
  });

  it("sigsuspend swaps the mask while it waits and restores the old one when it returns EINTR", () => {
    const { k, pid } = boot();
    k.signal(pid, SIG.SIGCHLD, "on_chld");
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGCHLD")));
    const c = fork(k, pid);
    k.exit(c, 0);
    assert.deepEqual(proc(k.snapshot(0), pid).signals.pending, ["SIGCHLD"]);
    blocked(k.sigsuspend(pid, 0));
    assert.equal(k.task(pid)!.runnable, true, "the pending SIGCHLD is deliverable under the temporary mask");
    const d = runHandler(k, pid)!;
    assert.equal(d.savedMask, sigset("SIGCHLD"), "the handler returns to the mask from before sigsuspend");
    assert.equal(errno(k.sigsuspend(pid, 0)), "EINTR");
    assert.deepEqual(proc(k.snapshot(1), pid).signals.blocked, ["SIGCHLD"]);
  });

  it("kill: pid 0 signals the caller's group, -pgid a group, -1 everyone but init and the caller; ESRCH/EINVAL", () => {
    const { k, pid } = boot();
    const a = fork(k, pid);
    const b = fork(k, pid);
    okRet(k.setpgid(b, 0, 0));
    assert.equal(errno(k.kill(pid, 4242, SIG.SIGTERM)), "ESRCH");
    assert.equal(errno(k.kill(pid, a, 99)), "EINVAL");
    assert.equal(okRet(k.kill(pid, a, 0)), 0, "signal 0 only checks that the process exists");
    okRet(k.kill(pid, -b, SIG.SIGTERM));
    assert.ok(dead(k, b));
    assert.equal(k.task(a)!.state, "ready");
    assert.equal(errno(k.kill(pid, -4242, SIG.SIGTERM)), "ESRCH");
    k.signal(pid, SIG.SIGTERM, "SIG_IGN");
    okRet(k.kill(pid, 0, SIG.SIGTERM));
    assert.ok(dead(k, a), "a is in the caller's group");
    assert.equal(k.task(pid)!.state, "ready", "the caller ignores it");
    const c = fork(k, pid);
    okRet(k.kill(c, -1, SIG.SIGKILL));
    assert.ok(dead(k, pid));
    assert.equal(k.task(c)!.state, "ready", "-1 spares the caller");
    assert.ok(k.pids().includes(1), "and init");
  });

  it("the keyboard: Ctrl-C sends SIGINT, Ctrl-Z SIGTSTP, Ctrl-\\ SIGQUIT to the foreground group only", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    const bg = fork(k, pid);
    okRet(k.setpgid(bg, 0, 0));
    k.ttyKey("^Z");
    assert.deepEqual([pid, c, bg].map((p) => proc(k.snapshot(0), p).state), ["stopped", "stopped", "ready"]);
    k.externalKill(-pid, SIG.SIGCONT);
    k.signal(c, SIG.SIGINT, "on_int");
    k.ttyKey("^C");
    assert.ok(dead(k, pid));
    assert.equal(k.takeSignal(c)?.name, "SIGINT");
    k.ttyKey("^\\");
    assert.ok(dead(k, c));
    assert.equal(k.task(bg)!.state, "ready");
  });

  it("setting SIG_IGN discards a pending signal", () => {
    const { k, pid } = boot();
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGUSR1")));
    k.signal(pid, SIG.SIGUSR1, "h");
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    k.signal(pid, SIG.SIGUSR1, "SIG_IGN");
    assert.deepEqual(proc(k.snapshot(0), pid).signals.pending, []);
  });

  it("threads share dispositions; a signal goes to a thread that does not block it", () => {
    const { k, pid } = boot();
    const t2 = okRet(k.threadCreate(pid));
    k.signal(pid, SIG.SIGUSR1, "h");
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGUSR1")));
    okRet(k.kill(pid, pid, SIG.SIGUSR1));
    assert.equal(k.takeSignal(pid), null);
    assert.equal(k.takeSignal(t2)?.name, "SIGUSR1");
  });

  it("a signal sent to one thread (tgkill: pthread_kill, raise) is that thread's alone, and waits while it blocks it", () => {
    const { k, pid } = boot();
    const t2 = okRet(k.threadCreate(pid));
    k.signal(pid, SIG.SIGUSR1, "h");
    okRet(k.sigprocmask(pid, SIG_BLOCK, sigset("SIGUSR1")));
    okRet(k.tgkill(pid, pid, SIG.SIGUSR1));
    assert.equal(k.takeSignal(t2), null, "the other thread does not take the caller's signal");
    assert.equal(k.takeSignal(pid), null);
    assert.deepEqual(k.snapshot(0).processes.find((p) => p.pid === pid)?.signals.pending, ["SIGUSR1"]);
    assert.equal(done(k.sigpending(pid)).oldMask, sigset("SIGUSR1"));
    assert.equal(done(k.sigpending(t2)).oldMask, 0, "nor is it pending for the other");
    assert.equal(errno(k.tgkill(pid, 9999, SIG.SIGUSR1)), "ESRCH");
    assert.equal(errno(k.tgkill(pid, t2, 99)), "EINVAL");
    okRet(k.tgkill(pid, t2, 0));
    okRet(k.sigprocmask(pid, SIG_UNBLOCK, sigset("SIGUSR1")));
    assert.equal(k.takeSignal(pid)?.name, "SIGUSR1");
    okRet(k.tgkill(t2, pid, SIG.SIGUSR2));
    assert.ok(dead(k, pid), "SIGUSR2's default action ends the whole process, whichever thread it was sent to");
  });
});
