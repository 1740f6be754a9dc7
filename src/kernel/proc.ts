// The process table: pid allocation, fork, exit (zombies, reparenting to init), exec,
// threads, and xv6-style sleep/wakeup for blocking calls (block/wakeup here).
import { fdcloseall, fdcloseexec, fdcopy } from "./fdtable";
import { emit, KProc, KState, Task, WaitCond } from "./kstate";
import { fail, ok, SigActionView, SysBlocked, SysResult } from "./result";
import { childInfo, sendsig, dispatch, interruptBeforeSleep } from "./signal";
import { SA_NOCLDWAIT, SIG } from "./signum";
import { shmdetachall, shmforkcopy } from "./shm";
import { semexit } from "./sem";
import { W_EXITCODE } from "./waitstatus";
import { Chan, childChan, sleepOn, takeReady, touch, unqueue } from "./waitq";

export const INIT_PID = 1;

export function allocproc(k: KState, ppid: number, name: string, kind: KProc["kind"], pgid?: number): KProc {
  const pid = k.nextPid++;
  const p: KProc = {
    pid, ppid, pgid: pgid ?? pid, sid: pid, name, kind, tasks: [], fds: [], cloexec: [], actions: [],
    pending: 0, info: [], lost: [], zombie: false, status: 0, stopped: false, shm: new Map(), nextShmAddr: 0x7f0000000000,
    childSeq: ++k.childSeq,
  };
  k.procs.set(pid, p);
  if (kind === "program") k.nprograms++;
  k.dirty.add(pid);
  p.tasks.push(newTask(k, p, pid, 0));
  return p;
}

function newTask(k: KState, p: KProc, tid: number, mask: number): Task {
  const t: Task = { tid, proc: p, state: "ready", mask, frames: [] };
  k.tasks.set(tid, t);
  runqUpdate(k, t);
  return t;
}

/** Put t on the run queue or take it off, as its state now says (binary search: the queue is sorted). */
export function runqUpdate(k: KState, t: Task): void {
  const q = k.runq;
  let lo = 0, hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (q[mid] < t.tid) lo = mid + 1; else hi = mid;
  }
  const there = q[lo] === t.tid;
  const should = t.state === "ready" && !t.proc.stopped && t.proc.kind === "program" && k.tasks.get(t.tid) === t;
  if (should && !there) q.splice(lo, 0, t.tid);
  else if (!should && there) q.splice(lo, 1);
}

/** Block t in `on` until `cond` holds; a change on one of `chans` re-checks it (waitq.ts).
 *  A task with a signal to handle does not sleep: it stays ready, marked as interrupted in `on`. */
export function block(k: KState, t: Task, on: string, cond: WaitCond, chans: Chan[]): SysBlocked {
  if (interruptBeforeSleep(t, on)) {
    unblock(k, t);
    return { blocked: on };
  }
  if (t.state !== "blocked" || t.blockedOn !== on) emit(k, { kind: "block", pid: t.proc.pid, on });
  t.state = "blocked";
  t.blockedOn = on;
  t.wait = cond;
  sleepOn(k, t, chans);
  runqUpdate(k, t);
  return { blocked: on };
}

/** Make t ready again; `by`: the signal (or cancellation) that interrupts its call, when it
 *  is not what the call waited for that came. */
export function unblock(k: KState, t: Task, by?: string): void {
  if (t.state !== "blocked") return;
  const on = t.blockedOn;
  t.state = "ready";
  t.blockedOn = undefined;
  t.wait = undefined;
  unqueue(k, t);
  runqUpdate(k, t);
  k.woken.add(t.tid);
  emit(k, { kind: "wake", pid: t.proc.pid, ...(on === undefined ? {} : { on }), ...(by === undefined ? {} : { by }) });
}

/** Make ready the sleepers of the channels changed since the last call whose call can now go on. */
export function wakeup(k: KState): void {
  for (const t of takeReady(k)) unblock(k, t);
}

/** A task leaves the table (exit, exec, thread exit): off its wait queues too. */
function taskgone(k: KState, t: Task): void {
  unqueue(k, t);
  k.tasks.delete(t.tid);
  runqUpdate(k, t);
  k.gone.add(t.proc.pid);
  if (t.tid !== t.proc.pid && t.proc.kind === "program") k.nthreads--;
}

export function fork(k: KState, t: Task): SysResult {
  const parent = t.proc;
  // Programs count against the limit, zombies included (like RLIMIT_NPROC).
  if (parent.kind === "program" && k.nprograms + k.nthreads >= k.limits.maxProcs) return fail("EAGAIN");
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
  for (const t of p.tasks) taskgone(k, t);
  p.tasks = [];
  p.zombie = true;
  p.stopped = false;
  p.report = undefined;
  p.status = status;
  p.pending = 0;
  p.alarmAt = undefined;
  p.alarmEvery = undefined;
  fdcloseall(k, p);
  shmdetachall(k, p);
  semexit(k, p);
  emit(k, { kind: "exit", pid: p.pid, status });
  touch(k, childChan(p.ppid));
  // Orphans go to init, which reaps the ones that are already zombies at once.
  for (const c of k.procs.values()) {
    if (c.ppid !== p.pid) continue;
    c.ppid = INIT_PID;
    c.childSeq = ++k.childSeq;
    emit(k, { kind: "adopt", pid: INIT_PID, child: c.pid, parent: p.pid });
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
  sendsig(k, parent, SIG.SIGCHLD, childInfo(p, p.status));
}

/** Remove a zombie from the process table. */
export function reap(k: KState, by: number, z: KProc): void {
  k.procs.delete(z.pid);
  if (z.kind === "program") k.nprograms--;
  touch(k, childChan(z.ppid));
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
  for (const o of p.tasks) if (o !== t) taskgone(k, o);
  if (t.tid !== p.pid) {
    taskgone(k, t);
    t.tid = p.pid;
    k.tasks.set(t.tid, t);
    runqUpdate(k, t);
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
  // RLIMIT_NPROC counts threads as well as processes.
  if (p.kind === "program" && k.nprograms + k.nthreads >= k.limits.maxProcs) return fail("EAGAIN");
  if (p.kind === "program") k.nthreads++;
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
  taskgone(k, t);
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
  if (target.sid !== self.sid) return fail("EPERM"); // a child that called setsid
  const g = pgid === 0 ? target.pid : pgid;
  if (g !== target.pid && ![...k.procs.values()].some((q) => q.pgid === g && q.sid === self.sid)) return fail("EPERM");
  target.pgid = g;
  touch(k, childChan(target.ppid)); // waitpid(0) and waitpid(-pgid) match by group
  k.dirty.add(target.pid);
  return ok(0);
}

/** setsid(2): EPERM when a process group with the caller's pid exists (it leads one, or
 *  once did and members remain); else the caller leads a new session and a new group,
 *  with no controlling terminal. The result is the new session's id. */
export function setsid(k: KState, t: Task): SysResult {
  const self = t.proc;
  if ([...k.procs.values()].some((q) => q.pgid === self.pid)) return fail("EPERM"); // zombies too, until reaped
  self.sid = self.pid;
  self.pgid = self.pid;
  touch(k, childChan(self.ppid)); // waitpid(0) and waitpid(-pgid) match by group
  k.dirty.add(self.pid);
  return ok(self.pid);
}

/** The state the Snapshot shows for a process. */
export function procState(p: KProc, running?: Task): { state: "ready" | "running" | "blocked" | "stopped" | "zombie"; blockedOn?: string } {
  if (p.zombie) return { state: "zombie" };
  if (p.stopped) return { state: "stopped" };
  // The task that just ran shows as running unless the step left it blocked in a call.
  if (running && running.proc === p && running.state !== "blocked") return { state: "running" };
  // The Snapshot names one wait per process. A thread's read of the terminal is the wait
  // only the learner can end (by typing), so it is the one named when there is one: the
  // view offers its input line by it (contract/terminal.ts readsTerminal).
  const blocked = p.tasks.find((t) => t.state === "blocked" && t.wait?.kind === "ttyline") ?? p.tasks.find((t) => t.state === "blocked");
  if (p.tasks.some((t) => t.state === "ready") || !blocked) return { state: "ready" };
  return { state: "blocked", blockedOn: blocked.blockedOn };
}
