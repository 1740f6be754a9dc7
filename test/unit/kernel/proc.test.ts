import * as assert from "node:assert/strict";
import {
  Kernel, O_CREAT, O_RDWR, SIG, W_EXITCODE, WEXITSTATUS, WIFEXITED, WIFSIGNALED, WIFSTOPPED, WSTOPSIG,
  WTERMSIG, WCOREDUMP, WIFCONTINUED, WUNTRACED, W_TERMSIG, W_STOPCODE, W_CONTINUED, O_CLOEXEC, sigset, SIG_BLOCK,
} from "../../../src/kernel/kernel";
import { boot, done, errno, fork, okRet, proc } from "./helpers";

describe("kernel: processes", () => {
  it("allocates increasing pids; fork returns the child's pid to the parent and the child's ppid is the parent (fork(2))", () => {
    const { k, pid } = boot();
    assert.equal(pid, 2, "init is pid 1, the first program pid 2");
    const c1 = fork(k, pid);
    const c2 = fork(k, pid);
    assert.ok(c1 > pid && c2 > c1);
    assert.equal(okRet(k.getppid(c1)), pid);
    assert.equal(okRet(k.getpid(c1)), c1);
    assert.equal(okRet(k.getpgrp(c1)), okRet(k.getpgrp(pid)), "the child inherits the process group");
  });

  it("fork fails with EAGAIN at the process limit and creates nothing (RLIMIT_NPROC, C7)", () => {
    const { k, pid } = boot({ maxProcs: 3 });
    fork(k, pid);
    fork(k, pid);
    assert.equal(errno(k.fork(pid)), "EAGAIN");
    assert.equal(k.snapshot(0).processes.filter((p) => p.kind === "program").length, 3);
  });

  it("zombies count toward the process limit until reaped", () => {
    const { k, pid } = boot({ maxProcs: 2 });
    const c = fork(k, pid);
    k.exit(c, 0);
    assert.equal(errno(k.fork(pid)), "EAGAIN");
    okRet(k.wait(pid));
    assert.ok(fork(k, pid) > 0);
  });

  it("an exited child stays a zombie with its wait status until the parent waits (C8)", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    k.exit(c, 7);
    const z = proc(k.snapshot(1), c);
    assert.equal(z.state, "zombie");
    assert.equal(z.exitStatus, 7 << 8);
    const r = done(k.waitpid(pid, c, 0));
    assert.equal(r.ret, c);
    assert.ok(WIFEXITED(r.status!) && WEXITSTATUS(r.status!) === 7);
    assert.ok(!k.snapshot(2).processes.some((p) => p.pid === c), "reaping removes the zombie");
  });

  it("encodes wait statuses exactly as Linux: code<<8, signal in the low 7 bits, 0x80 core, 0x7f stopped, 0xffff continued", () => {
    assert.equal(W_EXITCODE(1), 0x100);
    assert.equal(W_EXITCODE(256 + 3), 0x300, "only the low 8 bits of the exit code survive");
    assert.equal(W_TERMSIG(SIG.SIGSEGV, true), 0x8b);
    assert.equal(W_STOPCODE(SIG.SIGTSTP), 0x147f);
    assert.ok(WIFSIGNALED(0x8b) && WTERMSIG(0x8b) === 11 && WCOREDUMP(0x8b));
    assert.ok(!WIFSIGNALED(0x147f) && WIFSTOPPED(0x147f) && WSTOPSIG(0x147f) === SIG.SIGTSTP);
    assert.ok(WIFCONTINUED(W_CONTINUED) && !WIFEXITED(W_CONTINUED) && !WIFSIGNALED(W_CONTINUED));
    assert.ok(WIFEXITED(0) && !WIFSIGNALED(0));
  });

  it("a child killed by a core-dumping signal reports the signal, with 0x80 only when cores are enabled", () => {
    for (const coreDumps of [false, true]) {
      const { k, pid } = boot({ coreDumps });
      const c = fork(k, pid);
      okRet(k.kill(pid, c, SIG.SIGQUIT));
      const st = done(k.waitpid(pid, c, 0)).status!;
      assert.equal(st, SIG.SIGQUIT | (coreDumps ? 0x80 : 0));
    }
  });

  it("init adopts the children of an exiting parent and reaps them when they exit (orphans, C13)", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    const g = fork(k, c);
    k.exit(c, 0);
    assert.equal(okRet(k.getppid(g)), 1, "the orphan's parent is now init");
    const ev = k.takeEvents();
    assert.ok(ev.some((e) => e.kind === "adopt" && e.child === g && e.pid === 1 && e.parent === c), "init adopts it, and the event names the parent that exited");
    k.exit(g, 0);
    assert.ok(!k.pids().includes(g), "init reaped it: no zombie remains");
    assert.ok(k.takeEvents().some((e) => e.kind === "reap" && e.pid === 1 && e.child === g));
  });

  it("an orphan that is already a zombie is reaped by init at adoption", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    const g = fork(k, c);
    k.exit(g, 0);
    assert.ok(k.pids().includes(g));
    k.exit(c, 0);
    assert.ok(!k.pids().includes(g));
  });

  it("exit closes every descriptor the process holds (C6)", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/f", O_CREAT | O_RDWR));
    const c = fork(k, pid);
    assert.equal(k.snapshot(0).files.find((f) => f.id === proc(k.snapshot(0), pid).fds[fd])?.refcount, 2);
    k.exit(c, 0);
    const s = k.snapshot(1);
    assert.deepEqual(proc(s, c).fds, []);
    assert.equal(s.files.find((f) => f.id === proc(s, pid).fds[fd])?.refcount, 1);
  });

  it("a process group can be made with setpgid and is the terminal's foreground group after tcsetpgrp", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    okRet(k.setpgid(c, 0, 0));
    assert.equal(okRet(k.getpgrp(c)), c);
    okRet(k.tcsetpgrp(pid, 0, c));
    assert.equal(okRet(k.tcgetpgrp(pid, 0)), c);
    assert.equal(k.snapshot(0).foregroundPgid, c);
    assert.equal(errno(k.setpgid(pid, 999, 0)), "ESRCH");
    assert.equal(errno(k.tcsetpgrp(pid, 0, 4242)), "EPERM");
  });

  it("setsid: a new session and group without the terminal; EPERM for a group leader; the session leader cannot be moved (setsid(2))", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    assert.equal(okRet(k.setsid(c)), c);
    assert.equal(okRet(k.getpgrp(c)), c);
    assert.equal(k.processes().find((p) => p.pid === c)?.sid, c);
    assert.equal(errno(k.setsid(c)), "EPERM", "it leads a group now");
    // The terminal is still the descriptors' (isatty), but no longer its controlling terminal.
    assert.equal(okRet(k.isatty(c, 0)), 0);
    assert.equal(errno(k.tcgetpgrp(c, 0)), "ENOTTY");
    assert.equal(errno(k.tcsetpgrp(c, 0, c)), "ENOTTY");
    assert.equal(errno(k.setpgid(pid, c, pid)), "EPERM", "a session leader stays in its group");
    // A child of the new session leader is in its session: it may not join the old one's groups.
    const g = fork(k, c);
    assert.equal(errno(k.setpgid(g, 0, pid)), "EPERM");
    // A process whose pid names a group (it led one) cannot start a session either.
    const d = fork(k, pid);
    okRet(k.setpgid(d, 0, 0));
    assert.equal(errno(k.setsid(d)), "EPERM");
    // Also once it has left that group, while a zombie (not yet reaped) is still in it.
    const e = fork(k, d);
    okRet(k.setpgid(d, 0, pid));
    k.exit(e, 0);
    assert.equal(proc(k.snapshot(0), e).state, "zombie");
    assert.equal(errno(k.setsid(d)), "EPERM", "a zombie still belongs to its group until it is reaped");
  });

  it("threads: the main thread's tid is the pid; threads share the descriptor table and dispositions; blocking is per thread", () => {
    const { k, pid } = boot();
    assert.equal(okRet(k.gettid(pid)), pid);
    const t2 = okRet(k.threadCreate(pid));
    assert.equal(okRet(k.getpid(t2)), pid);
    const [r, w] = done(k.pipe(t2)).fds!;
    okRet(k.write(pid, w, new Uint8Array([1])));
    k.sigaction(t2, SIG.SIGUSR1, { handler: "h", mask: 0, flags: 0 });
    assert.deepEqual(proc(k.snapshot(0), pid).signals.handlers, { SIGUSR1: "h" });
    okRet(k.read(t2, r, 1));
    const b = k.read(t2, r, 1);
    assert.ok("blocked" in b);
    assert.equal(k.task(t2)!.runnable, false);
    assert.equal(k.task(pid)!.runnable, true, "the other thread still runs");
    assert.deepEqual(proc(k.snapshot(1), pid).threads, [pid, t2]);
  });

  it("fork from a thread copies only the calling thread; the child's main tid is its pid (C27)", () => {
    const { k, pid } = boot();
    const t2 = okRet(k.threadCreate(pid));
    okRet(k.sigprocmask(t2, SIG_BLOCK, sigset("SIGINT")));
    const c = fork(k, t2);
    assert.deepEqual(k.tasks().filter((t) => okRet(k.getpid(t)) === c), [c]);
    assert.deepEqual(proc(k.snapshot(0), c).signals.blocked, ["SIGINT"], "the child has the calling thread's mask");
  });

  it("the last thread to exit ends the process with status 0", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    const t2 = okRet(k.threadCreate(c));
    okRet(k.threadExit(c));
    assert.equal(k.task(t2)!.runnable, true);
    k.threadExit(t2);
    assert.equal(done(k.waitpid(pid, c, 0)).status, 0);
  });

  it("execve keeps descriptors except FD_CLOEXEC ones, resets caught handlers, keeps ignored ones", () => {
    const { k, pid } = boot();
    const a = okRet(k.open(pid, "/a", O_CREAT | O_RDWR));
    const b = okRet(k.open(pid, "/b", O_CREAT | O_RDWR | O_CLOEXEC));
    k.signal(pid, SIG.SIGINT, "on_int");
    k.signal(pid, SIG.SIGTERM, "SIG_IGN");
    okRet(k.execve(pid, "other"));
    const p = proc(k.snapshot(0), pid);
    assert.equal(p.name, "other");
    assert.notEqual(p.fds[a], null);
    assert.equal(p.fds[b] ?? null, null);
    assert.deepEqual(p.signals.handlers, { SIGTERM: "SIG_IGN" });
  });

  it("no call throws on unknown tids: ESRCH", () => {
    const k = new Kernel();
    assert.equal(errno(k.fork(99)), "ESRCH");
    assert.equal(errno(k.read(99, 0, 1)), "ESRCH");
  });

  it("WUNTRACED reports a stopped child once with 0x7f status", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    okRet(k.kill(pid, c, SIG.SIGSTOP));
    assert.equal(proc(k.snapshot(0), c).state, "stopped");
    const r = done(k.waitpid(pid, c, WUNTRACED));
    assert.equal(r.status, W_STOPCODE(SIG.SIGSTOP));
    assert.ok("blocked" in k.waitpid(pid, c, WUNTRACED), "reported once");
  });
});
