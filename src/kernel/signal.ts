// Signals: generation (sendsig) into a per-process pending *set* (a standard signal that
// is already pending is lost), or with tgkill into one thread's own set (pthread_kill,
// raise), default actions carried out by the kernel (terminate, core, stop, continue,
// ignore), user handlers handed to the stepper (takeSignal/sigreturn) with the signal
// blocked while they run, and the SA_RESTART/EINTR rule for interrupted calls.
import { emit, KProc, KState, Task } from "./kstate";
import { doexit, runqUpdate, unblock } from "./proc";
import { fail, ok, SigActionView, SignalDelivery, SysResult, SysRet } from "./result";
import {
  CLD_CONTINUED, CLD_DUMPED, CLD_EXITED, CLD_KILLED, CLD_STOPPED, defaultAction, isStopSignal, KERNEL_INFO, NSIG,
  SA_NOCLDSTOP, SA_NODEFER, SA_RESETHAND, SA_RESTART, SA_SIGINFO, SI_TKILL, SI_USER, SIG, SIG_BLOCK, SIG_SETMASK,
  SIG_UNBLOCK, SigInfo, sigismember, sigmask, signame, UID, UNBLOCKABLE, validSignal,
} from "./signum";
import { W_CONTINUED, W_STOPCODE, W_TERMSIG, WCOREDUMP, WEXITSTATUS, WIFEXITED, WIFSTOPPED, WSTOPSIG, WTERMSIG } from "./waitstatus";
import { Chan, childChan, touch } from "./waitq";

const STOP_SET = sigmask(SIG.SIGSTOP) | sigmask(SIG.SIGTSTP) | sigmask(SIG.SIGTTIN) | sigmask(SIG.SIGTTOU);

export const handlerOf = (p: KProc, s: number): string => p.actions[s]?.handler ?? "SIG_DFL";

const isUserHandler = (h: string): boolean => h !== "SIG_DFL" && h !== "SIG_IGN";

/** The signal would be thrown away on arrival: SIG_IGN, or SIG_DFL whose default is to ignore. */
function ignored(p: KProc, s: number): boolean {
  const h = handlerOf(p, s);
  if (h === "SIG_IGN") return true;
  const d = defaultAction(s);
  return h === "SIG_DFL" && (d === "ignore" || d === "continue");
}

/** The event of p ignoring s: by SIG_IGN, or by s's default action (SIGCHLD under SIG_DFL
 *  still leaves zombies; under SIG_IGN it does not). */
function ignoredEvent(k: KState, p: KProc, s: number): void {
  const byDefault = handlerOf(p, s) === "SIG_DFL";
  emit(k, { kind: "signal", pid: p.pid, signal: signame(s), action: "ignored", ...(byDefault ? { byDefault } : {}) });
}

/** Blocked signals are never ignored or acted upon: every thread of the process blocks it. */
const blockedByAll = (p: KProc, s: number): boolean => p.tasks.length > 0 && p.tasks.every((t) => sigismember(t.mask, s));

/** The channel a process's sigwait sleepers sleep on: a signal became pending there. */
export const sigChan = (pid: number): Chan => `sig${pid}`;

/** What task t may take: its own pending signals and its process's. */
export const pendingFor = (t: Task): number => (t.proc.pending | (t.pending ?? 0)) >>> 0;

/** Take `bits` out of p's pending set and every one of its threads' own. */
function unpend(p: KProc, bits: number): void {
  p.pending &= ~bits;
  for (const t of p.tasks) if (t.pending) t.pending = (t.pending & ~bits) >>> 0;
}

/** Generate signal s for process p (kill, the terminal, the kernel itself), or for its
 *  thread `to` alone (tgkill); `info` is what a SA_SIGINFO handler is told of its sender. */
export function sendsig(k: KState, p: KProc, s: number, info: SigInfo = KERNEL_INFO, to?: Task): void {
  if (p.zombie) return;
  const name = signame(s);
  if (s === SIG.SIGKILL) {
    emit(k, { kind: "signal", pid: p.pid, signal: name, action: "terminated" });
    doexit(k, p, W_TERMSIG(s, false));
    return;
  }
  const continues = s === SIG.SIGCONT && p.stopped;
  if (s === SIG.SIGCONT) {
    unpend(p, STOP_SET);
    if (p.stopped) resume(k, p);
    if (p.zombie) return; // a signal that was pending while it was stopped has ended it
  } else if (isStopSignal(s)) {
    unpend(p, sigmask(SIG.SIGCONT));
  }
  const blocked = to ? sigismember(to.mask, s) : blockedByAll(p, s);
  if (!blocked && ignored(p, s)) {
    // Continuing is SIGCONT's default action: the "continued" event says all of it.
    if (!(continues && handlerOf(p, s) === "SIG_DFL")) ignoredEvent(k, p, s);
    return;
  }
  const pending = (): number => (to ? to.pending ?? 0 : p.pending);
  if (sigismember(pending(), s)) {
    // Standard signals do not queue: this one merges into the pending one and is lost.
    p.lost.push(name);
    emit(k, { kind: "signal", pid: p.pid, signal: name, action: "lost" });
    return;
  }
  if (to) to.pending = (pending() | sigmask(s)) >>> 0;
  else p.pending = (p.pending | sigmask(s)) >>> 0;
  p.info[s] = info;
  touch(k, sigChan(p.pid));
  dispatch(k, p);
  if (!p.zombie && sigismember(pending(), s)) emit(k, { kind: "signal", pid: p.pid, signal: name, action: "pending" });
}

function resume(k: KState, p: KProc): void {
  p.stopped = false;
  for (const t of p.tasks) runqUpdate(k, t);
  p.report = { status: W_CONTINUED };
  touch(k, childChan(p.ppid));
  emit(k, { kind: "signal", pid: p.pid, signal: "SIGCONT", action: "continued" });
  notifyParent(k, p);
  dispatch(k, p);
}

function stop(k: KState, p: KProc, s: number): void {
  p.stopped = true;
  for (const t of p.tasks) runqUpdate(k, t);
  p.report = { status: W_STOPCODE(s) };
  touch(k, childChan(p.ppid));
  emit(k, { kind: "signal", pid: p.pid, signal: signame(s), action: "stopped" });
  notifyParent(k, p);
}

/** SIGCHLD for a stop or continue, unless the parent asked for SA_NOCLDSTOP. */
function notifyParent(k: KState, p: KProc): void {
  const parent = k.procs.get(p.ppid);
  if (!parent || parent.kind === "init") return;
  if ((parent.actions[SIG.SIGCHLD]?.flags ?? 0) & SA_NOCLDSTOP) return;
  sendsig(k, parent, SIG.SIGCHLD, childInfo(p, p.report?.status ?? p.status));
}

/** SIGCHLD's siginfo for child c whose wait status is now `status`: how it changed (si_code)
 *  and its exit code or the signal (si_status), as Linux's do_notify_parent fills it. */
export function childInfo(c: KProc, status: number): SigInfo {
  const [code, value] = status === W_CONTINUED ? [CLD_CONTINUED, SIG.SIGCONT]
    : WIFSTOPPED(status) ? [CLD_STOPPED, WSTOPSIG(status)]
    : WIFEXITED(status) ? [CLD_EXITED, WEXITSTATUS(status)]
    : [WCOREDUMP(status) ? CLD_DUMPED : CLD_KILLED, WTERMSIG(status)];
  return { code, pid: c.pid, uid: UID, status: value };
}

/**
 * A pending signal that task t does not block and whose handler is the program's own, to be
 * run on t's next way back to user mode. Used where Linux checks signal_pending(): on the
 * return from every system call and from a handler (sigreturn), and before a blocking call
 * sleeps (it fails with ERESTARTSYS at once instead, so the handler runs and the call is
 * then restarted or fails with EINTR). A stopped process runs nothing.
 */
export function signalWaiting(t: Task): boolean {
  const p = t.proc;
  const ready = pendingFor(t) & ~t.mask;
  if (ready === 0 || p.stopped || p.zombie) return false;
  for (let s = 1; s < NSIG; s++) if (sigismember(ready, s) && isUserHandler(handlerOf(p, s))) return true;
  return false;
}

/** Whether another thread of t's process is running or woken for signal s and can take it. */
function otherTaker(t: Task, s: number): boolean {
  return t.proc.tasks.some((x) => x !== t && !sigismember(x.mask, s) && (x.state === "ready" || x.intr !== undefined));
}

/** A blocking call of t is about to sleep in `on`: with a signal waiting that t should take,
 *  it does not sleep but is marked interrupted (the stepper runs the handler next). */
export function interruptBeforeSleep(t: Task, on: string): boolean {
  if (!signalWaiting(t)) return false;
  const p = t.proc;
  for (let s = 1; s < NSIG; s++) {
    if (!sigismember(pendingFor(t) & ~t.mask, s) || !isUserHandler(handlerOf(p, s))) continue;
    // A signal sent to t alone is t's to take, whoever else runs.
    if (!sigismember(t.pending ?? 0, s) && otherTaker(t, s)) continue;
    t.intr = on;
    return true;
  }
  return false;
}

/**
 * Act on p's pending signals that some thread does not block: default actions happen
 * here and now; for a user handler, a thread blocked in a slow call is woken so that the
 * stepper can run the handler (takeSignal). A stopped process takes no signal: whatever
 * arrives stays pending until SIGCONT continues it (resume dispatches again). Only SIGKILL
 * (sendsig) ends it while stopped, and signals it ignores are discarded on arrival (sendsig),
 * as Linux does: complete_signal wakes a stopped task for SIGKILL alone. A signal sent to
 * one thread is acted on when that thread does not block it; its default action, like any,
 * is the whole process's.
 */
export function dispatch(k: KState, p: KProc): void {
  for (let s = 1; s < NSIG; s++) {
    if (sigismember(p.pending, s) && !blockedByAll(p, s)) actOn(k, p, s);
  }
  for (const t of p.tasks.slice()) {
    for (let s = 1; s < NSIG && t.pending; s++) {
      if (sigismember(t.pending, s) && !sigismember(t.mask, s)) actOn(k, p, s, t);
    }
  }
}

/** Act on pending signal s: the process's (any thread not blocking it may take it), or
 *  thread `to`'s own. */
function actOn(k: KState, p: KProc, s: number, to?: Task): void {
  if (p.zombie || p.stopped) return;
  const h = handlerOf(p, s);
  const name = signame(s);
  if (isUserHandler(h)) {
    const takers = to ? [to] : p.tasks.filter((t) => !sigismember(t.mask, s));
    if (takers.some((t) => t.state === "ready" || t.intr)) return;
    const t = takers[0];
    t.intr = t.blockedOn;
    unblock(k, t, name);
    return;
  }
  if (to) to.pending = (to.pending! & ~sigmask(s)) >>> 0;
  else p.pending &= ~sigmask(s);
  if (ignored(p, s)) {
    ignoredEvent(k, p, s);
    return;
  }
  const d = defaultAction(s);
  if (d === "stop") {
    // Stop signals still pending behind this one stay pending; SIGCONT discards them.
    stop(k, p, s);
    return;
  }
  emit(k, { kind: "signal", pid: p.pid, signal: name, action: d === "core" ? "core" : "terminated" });
  doexit(k, p, W_TERMSIG(s, d === "core" && k.limits.coreDumps));
}

/** Calls that SA_RESTART restarts; pause, sigsuspend, select, sleep, System V's semop and
 *  sigtimedwait (sigwait's call) never restart. */
function restartable(call: string): boolean {
  return !/^(pause|sigsuspend|select|sleep|usleep|semop|sigwait)\(/.test(call);
}

export function takeSignal(k: KState, t: Task): SignalDelivery | null {
  const p = t.proc;
  dispatch(k, p);
  if (p.zombie || p.stopped || t.state !== "ready") return null;
  // The thread's own signals first, then the process's (Linux's dequeue_signal).
  const own = t.pending ?? 0;
  for (let i = 0; i < 2 * NSIG; i++) {
    const s = i % NSIG, mine = i < NSIG;
    if (s === 0 || !sigismember(mine ? own : p.pending, s) || sigismember(t.mask, s)) continue;
    const act = p.actions[s];
    if (!act || !isUserHandler(act.handler)) continue;
    if (mine) t.pending = (own & ~sigmask(s)) >>> 0;
    else p.pending &= ~sigmask(s);
    const interrupted = t.intr;
    t.intr = undefined;
    const restart = interrupted !== undefined && (act.flags & SA_RESTART) !== 0 && restartable(interrupted);
    // sigsuspend's temporary mask is not what the handler's return restores: the original is.
    const savedMask = t.suspendMask ?? t.mask;
    t.suspendMask = undefined;
    const during = t.mask | act.mask | (act.flags & SA_NODEFER ? 0 : sigmask(s));
    t.mask = (during & ~UNBLOCKABLE) >>> 0;
    if (act.flags & SA_RESETHAND) p.actions[s] = undefined;
    t.frames.push({ signo: s, interrupted, restart });
    emit(k, { kind: "signal", pid: p.pid, signal: signame(s), action: "handled" });
    const info = act.flags & SA_SIGINFO ? p.info[s] ?? KERNEL_INFO : undefined;
    return { signo: s, name: signame(s), handler: act.handler, savedMask, interrupted, restart, info };
  }
  return null;
}

export function sigreturn(k: KState, t: Task, savedMask: number): void {
  t.mask = (savedMask & ~UNBLOCKABLE) >>> 0;
  const f = t.frames.pop();
  if (f?.interrupted) t.after = { call: f.interrupted, restart: f.restart };
  dispatch(k, t.proc);
}

/**
 * At the start of a slow call: how a signal handler that ran since the call blocked
 * affects it. "eintr": fail with EINTR; "restart" or undefined: carry on.
 */
export function interrupted(t: Task, call: string): "eintr" | "restart" | undefined {
  t.intr = undefined; // woken for a signal another thread took: just a spurious wakeup
  const a = t.after;
  t.after = undefined;
  if (!a || a.call !== call) return undefined;
  return a.restart ? "restart" : "eintr";
}

export function sigaction(k: KState, t: Task, s: number, act: SigActionView | null): SysResult {
  if (!validSignal(s)) return fail("EINVAL");
  const p = t.proc;
  const old = p.actions[s] ?? { handler: "SIG_DFL", mask: 0, flags: 0 };
  if (act) {
    if (s === SIG.SIGKILL || s === SIG.SIGSTOP) return fail("EINVAL");
    if (typeof act.handler !== "string" || act.handler === "") return fail("EFAULT");
    p.actions[s] = act.handler === "SIG_DFL" && !act.flags && !act.mask ? undefined : { handler: act.handler, mask: act.mask >>> 0, flags: act.flags >>> 0 };
    // Setting a disposition that ignores the signal discards it if pending (POSIX).
    if (ignored(p, s) && p.tasks.some((x) => sigismember(pendingFor(x), s))) {
      unpend(p, sigmask(s));
      ignoredEvent(k, p, s);
    }
    dispatch(k, p);
  }
  return ok(0, { oldAction: { ...old } });
}

export function sigprocmask(k: KState, t: Task, how: number, set: number | null): SysResult {
  const old = t.mask;
  if (set !== null) {
    if (!Number.isInteger(set)) return fail("EFAULT");
    if (how === SIG_BLOCK) t.mask = (t.mask | set) >>> 0;
    else if (how === SIG_UNBLOCK) t.mask = (t.mask & ~set) >>> 0;
    else if (how === SIG_SETMASK) t.mask = set >>> 0;
    else return fail("EINVAL");
    t.mask = (t.mask & ~UNBLOCKABLE) >>> 0;
    dispatch(k, t.proc);
  } else if (how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) return fail("EINVAL");
  return ok(0, { oldMask: old });
}

/** kill(2): pid > 0 one process, 0 the caller's group, -1 everyone but init and the caller, < -1 group -pid.
 *  `code`: the si_code its targets' SA_SIGINFO handlers see (raise's is SI_TKILL). */
export function kill(k: KState, caller: KProc | undefined, pid: number, s: number, code = SI_USER): SysRet {
  if (!Number.isInteger(s) || s < 0 || s >= NSIG) return fail("EINVAL");
  if (!Number.isInteger(pid)) return fail("ESRCH");
  let targets: KProc[];
  if (pid > 0) targets = [...k.procs.values()].filter((p) => p.pid === pid);
  else if (pid === -1) targets = [...k.procs.values()].filter((p) => p.pid !== 1 && p !== caller);
  else {
    if (pid === 0 && !caller) return fail("ESRCH");
    const g = pid === 0 ? caller!.pgid : -pid;
    targets = [...k.procs.values()].filter((p) => p.pgid === g && p.pid !== 1);
  }
  if (pid > 0 && targets[0]?.pid === 1 && s !== 0 && (s === SIG.SIGKILL || s === SIG.SIGSTOP || handlerOf(targets[0], s) === "SIG_DFL")) {
    // init is protected from signals it has not asked for.
    return ok(0);
  }
  if (targets.length === 0) return fail("ESRCH");
  // From a program: its pid; from outside the model (the learner, as a shell's kill would):
  // no pid the program knows.
  const info: SigInfo = { code, pid: caller?.pid ?? 0, uid: UID };
  if (s !== 0) for (const p of targets) sendsig(k, p, s, info);
  return ok(0);
}

/** tgkill(2) as pthread_kill and raise use it: signal s for thread `tid` of the caller's
 *  process alone (SI_TKILL, the caller's pid); ESRCH when there is no such thread there. */
export function tgkill(k: KState, caller: Task, tid: number, s: number): SysRet {
  if (!Number.isInteger(s) || s < 0 || s >= NSIG) return fail("EINVAL");
  const t = k.tasks.get(tid);
  if (!t || t.proc !== caller.proc || t.proc.zombie) return fail("ESRCH");
  if (s !== 0) sendsig(k, t.proc, s, { code: SI_TKILL, pid: t.proc.pid, uid: UID }, t);
  return ok(0);
}

/** SIGPIPE for a write to a pipe or socket nobody reads: Linux sends it as from the writer
 *  itself (SI_USER, its own pid). */
export function sigpipe(k: KState, p: KProc): void {
  sendsig(k, p, SIG.SIGPIPE, { code: SI_USER, pid: p.pid, uid: UID });
}

