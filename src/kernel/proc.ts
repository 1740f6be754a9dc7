// The process table: pid allocation, fork, exit (zombies, reparenting to init), exec,
// threads, and xv6-style sleep/wakeup for blocking calls (block/wakeup here).
import { fdcloseall, fdcloseexec, fdcopy } from "./fdtable";
import { emit, KProc, KState, Task } from "./kstate";
import { fail, ok, SigActionView, SysBlocked, SysResult } from "./result";
import { sendsig, dispatch, interruptBeforeSleep } from "./signal";
import { SA_NOCLDWAIT, SIG } from "./signum";
import { shmdetachall, shmforkcopy } from "./shm";
import { W_EXITCODE } from "./waitstatus";

export const INIT_PID = 1;

export function allocproc(k: KState, ppid: number, name: string, kind: KProc["kind"], pgid?: number): KProc {
  const pid = k.nextPid++;
  const p: KProc = {
    pid, ppid, pgid: pgid ?? pid, sid: pid, name, kind, tasks: [], fds: [], cloexec: [], actions: [],
    pending: 0, lost: [], zombie: false, status: 0, stopped: false, shm: new Map(), nextShmAddr: 0x7f0000000000,
    childSeq: ++k.childSeq,
  };
  k.procs.set(pid, p);
  k.dirty.add(pid);
  p.tasks.push(newTask(k, p, pid, 0));
  return p;
}

function newTask(k: KState, p: KProc, tid: number, mask: number): Task {
  const t: Task = { tid, proc: p, state: "ready", mask, frames: [] };
  k.tasks.set(tid, t);
  return t;
}

/** Block t in `on` until cond() holds (checked by wakeup after every change). A task with
 *  a signal to handle does not sleep: it stays ready, marked as interrupted in `on`. */
export function block(k: KState, t: Task, on: string, cond: () => boolean): SysBlocked {
  if (interruptBeforeSleep(t, on)) {
    unblock(k, t);
    return { blocked: on };
  }
  if (t.state !== "blocked" || t.blockedOn !== on) emit(k, { kind: "block", pid: t.proc.pid, on });
  t.state = "blocked";
  t.blockedOn = on;
  t.cond = cond;
  return { blocked: on };
}

export function unblock(k: KState, t: Task): void {
  if (t.state !== "blocked") return;
  t.state = "ready";
  t.blockedOn = undefined;
  t.cond = undefined;
  k.woken.add(t.tid);
  emit(k, { kind: "wake", pid: t.proc.pid });
}

/** Make ready every blocked task whose call can now make progress. */
export function wakeup(k: KState): void {
  for (const t of k.tasks.values()) if (t.state === "blocked" && t.cond?.()) unblock(k, t);
}

/** Processes that count against the process limit: programs, zombies included (like RLIMIT_NPROC). */
function nprocs(k: KState): number {
  let n = 0;
  for (const p of k.procs.values()) if (p.kind === "program") n++;
  return n;
}

export function fork(k: KState, t: Task): SysResult {
  const parent = t.proc;
  if (parent.kind === "program" && nprocs(k) >= k.limits.maxProcs) return fail("EAGAIN");
  const child = allocproc(k, parent.pid, parent.name, parent.kind, parent.pgid);
  child.sid = parent.sid;
  // Only the calling thread is copied; it keeps its signal mask. Pending signals and alarms are not inherited.
  child.tasks[0].mask = t.mask;
  const { fds, cloexec } = fdcopy(parent);
  child.fds = fds;
  child.cloexec = cloexec;
  child.actions = parent.actions.map((a) => (a ? { ...a } : a));
  shmforkcopy(k, parent, child);
  emit(k, { kind: "fork", pid: parent.pid, child: child.pid });
  return ok(child.pid);
}

/** The process ends with wait status `status`: every thread, descriptor and attachment goes. */
export function doexit(k: KState, p: KProc, status: number): void {
  if (p.zombie) return;
  for (const t of p.tasks) k.tasks.delete(t.tid);
  p.tasks = [];
  p.zombie = true;
  p.stopped = false;
  p.report = undefined;
  p.status = status;
  p.pending = 0;
  p.alarmAt = undefined;
  fdcloseall(k, p);
  shmdetachall(k, p);
  emit(k, { kind: "exit", pid: p.pid, status });
  // Orphans go to init, which reaps the ones that are already zombies at once.
  for (const c of k.procs.values()) {
    if (c.ppid !== p.pid) continue;
    c.ppid = INIT_PID;
    c.childSeq = ++k.childSeq;
    emit(k, { kind: "adopt", pid: INIT_PID, child: c.pid });
    if (c.zombie) reap(k, INIT_PID, c);
  }
  const parent = k.procs.get(p.ppid);
  if (!parent || parent.pid === INIT_PID) {
    reap(k, INIT_PID, p);
    return;
  }
  const act = parent.actions[SIG.SIGCHLD];
  // A parent that ignores SIGCHLD (or set SA_NOCLDWAIT) makes no zombies: the child is reaped at once.
  if (act && (act.handler === "SIG_IGN" || act.flags & SA_NOCLDWAIT)) {
    reap(k, parent.pid, p);
    return;
  }
  sendsig(k, parent, SIG.SIGCHLD);
}

/** Remove a zombie from the process table. */
export function reap(k: KState, by: number, z: KProc): void {
  k.procs.delete(z.pid);
  emit(k, { kind: "reap", pid: by, child: z.pid, status: z.status });
}

export function exit(k: KState, t: Task, code: number): SysResult {
  doexit(k, t.proc, W_EXITCODE(code));
  return ok(0);
}

/** execve: a new program image in the same process. */
export function execve(k: KState, t: Task, name: string): SysResult {
  if (name === "") return fail("ENOENT");
  const p = t.proc;
  // Other threads die; the caller becomes the main thread with the pid as its tid.
  for (const o of p.tasks) if (o !== t) k.tasks.delete(o.tid);
  if (t.tid !== p.pid) {
    k.tasks.delete(t.tid);
    t.tid = p.pid;
    k.tasks.set(t.tid, t);
  }
  p.tasks = [t];
  t.frames = [];
  p.name = name;
  fdcloseexec(k, p);
  shmdetachall(k, p);
  // Caught signals go back to SIG_DFL (the handler code is gone); ignored ones stay ignored.
  p.actions = p.actions.map((a): SigActionView | undefined => (a && a.handler === "SIG_IGN" ? a : undefined));
  return ok(0);
}

export function threadCreate(k: KState, t: Task): SysResult {
  const p = t.proc;
  const nt = newTask(k, p, k.nextPid++, t.mask);
  p.tasks.push(nt);
  return ok(nt.tid);
}

export function threadExit(k: KState, t: Task): SysResult {
  const p = t.proc;
  if (p.tasks.length === 1) {
    doexit(k, p, W_EXITCODE(0));
    return ok(0);
  }
  p.tasks = p.tasks.filter((o) => o !== t);
  k.tasks.delete(t.tid);
  dispatch(k, p); // signals this thread blocked may now go to another
  return ok(0);
}

export function setpgid(k: KState, t: Task, pid: number, pgid: number): SysResult {
  const self = t.proc;
  if (!Number.isInteger(pid) || !Number.isInteger(pgid) || pgid < 0) return fail("EINVAL");
  const target = pid === 0 ? self : k.procs.get(pid);
  if (!target || (target !== self && target.ppid !== self.pid)) return fail("ESRCH");
  if (target.zombie) return fail("ESRCH");
  if (target.pid === target.sid) return fail("EPERM"); // a session leader cannot move
  const g = pgid === 0 ? target.pid : pgid;
  if (g !== target.pid && ![...k.procs.values()].some((q) => q.pgid === g && q.sid === self.sid)) return fail("EPERM");
  target.pgid = g;
  k.dirty.add(target.pid);
  return ok(0);
}

/** The state the Snapshot shows for a process. */
export function procState(p: KProc, running?: Task): { state: "ready" | "running" | "blocked" | "stopped" | "zombie"; blockedOn?: string } {
  if (p.zombie) return { state: "zombie" };
  if (p.stopped) return { state: "stopped" };
  // The task that just ran shows as running unless the step left it blocked in a call.
  if (running && running.proc === p && running.state !== "blocked") return { state: "running" };
  const blocked = p.tasks.find((t) => t.state === "blocked");
  if (p.tasks.some((t) => t.state === "ready") || !blocked) return { state: "ready" };
  return { state: "blocked", blockedOn: blocked.blockedOn };
}
