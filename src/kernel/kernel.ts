// The Kernel facade: the only door the C stepper and the session use. Every system call
// takes the calling task's id (tid; a process's main thread has tid == pid) first, returns
// plain data (SysResult), never throws for bad arguments (Linux's errno instead), and
// appends KEvents that the next snapshot() carries. The concepts live in their own files.
import * as clock from "./clock";
import { fdget } from "./fdtable";
import { fileread, filewrite } from "./file";
import * as fs from "./fs";
import { latin1Bytes, latin1Text } from "./latin1";
import { DEFAULT_LIMITS, emit, KernelOptions, KFile, KState, Task } from "./kstate";
import { pipe as pipe2 } from "./pipe";
import * as proc from "./proc";
import { fail, isBlocked, ok, SigActionView, SignalDelivery, SysResult } from "./result";
import { SelectSets, select as doselect } from "./select";
import { PollFd, poll as dopoll } from "./poll";
import * as shm from "./shm";
import * as sem from "./sem";
import * as futex from "./futex";
import type { SemOp } from "./kstate";
import * as sig from "./signal";
import * as sigwait from "./sigwait";
import * as st from "./stat";
import * as ps from "./ps";
import * as fifo from "./fifo";
import type { PsEntry } from "./ps";
import { SA_RESTART } from "./signum";
import { BUF_SHOWN } from "../contract/snapshot";
import type { KEvent, Snapshot } from "../contract/snapshot";
import { SnapshotOptions, SnapView } from "./snapview";
import * as sock from "./socket";
import { getsockopt, setsockopt } from "./sockopt";
import * as sysfile from "./sysfile";
import * as sysproc from "./sysproc";
import type { SpawnOptions } from "./sysproc";
import * as tty from "./tty";
import { waitpid as dowaitpid } from "./wait";

export * from "./result";
export * from "./errno";
export * from "./signum";
export { ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF } from "./clock";
export * from "./fcntl";
export * from "./waitstatus";
export { S_IFMT, S_IFSOCK, S_IFREG, S_IFDIR, S_IFCHR, S_IFIFO, F_OK, R_OK, W_OK, X_OK } from "./stat";
export type { StatInfo } from "./stat";
export type { PsEntry } from "./ps";
export type { KernelOptions } from "./kstate";
export type { SelectSets } from "./select";
export type { ProcAnnotation, SnapshotOptions } from "./snapview";
export type { SpawnOptions, StdioSpec } from "./sysproc";

export interface TaskInfo {
  tid: number;
  pid: number;
  state: "ready" | "blocked" | "stopped" | "zombie";
  blockedOn?: string;
  /** The stepper may run a line of this task now. */
  runnable: boolean;
}

import type { SockAddr } from "./socket";
export type { SockAddr } from "./socket";

type Arg = number | string;

/** Arguments as the trace shows them; anything that is not a number or string shows as "?". */
const fmt = (x: unknown): Arg => (typeof x === "number" || typeof x === "string" ? x : "?");
const isAddr = (a: unknown): a is SockAddr => {
  if (typeof a !== "object" || a === null) return false;
  const x = a as Record<string, unknown>;
  return typeof x.path === "string" || (typeof x.host === "string" && typeof x.port === "number");
};
/** An address as the trace shows it: "127.0.0.1:80", or the AF_UNIX path. */
const addrArg = (a: unknown): string => (!isAddr(a) ? "?" : "path" in a ? a.path : `${a.host}:${a.port}`);
/** The calls whose result's data is the bytes they read (the others' is not shown). */
const READS_BYTES = new Set(["read", "readv", "pread", "recvfrom"]);
const isFdList = (l: unknown): boolean => l === undefined || (Array.isArray(l) && l.every((x) => Number.isInteger(x)));
/** A poll(2) array: each entry's fd and events whole numbers. */
const isPollList = (l: unknown): l is PollFd[] =>
  Array.isArray(l) && l.every((p) => typeof p === "object" && p !== null && Number.isInteger((p as PollFd).fd) && Number.isInteger((p as PollFd).events));

export class Kernel {
  private readonly k: KState;
  private readonly view = new SnapView();

  constructor(opts: KernelOptions = {}) {
    const limits = { ...DEFAULT_LIMITS, ...opts };
    this.k = {
      limits, clock: 0, nextPid: 1, nextFileId: 1, nextObjId: 1, nextShmid: 0, nextEphemeral: 32768, childSeq: 0,
      procs: new Map(), tasks: new Map(), files: new Map(), objects: new Map(), fs: new Map(), ports: new Map(), udpPorts: new Map(),
      shm: new Map(), sems: new Map(), nextSemid: 0, semNames: new Map(), tty: tty.ttyalloc(), events: [], output: [], dirty: new Set(), woken: new Set(),
      waitq: new Map(), touched: new Set(), nprograms: 0, nthreads: 0, runq: [], gone: new Set(),
    };
    // init: pid 1, never stepped; it waits for children forever and reaps the orphans it adopts.
    const init = proc.allocproc(this.k, 0, "init", "init");
    init.sid = 1;
    proc.block(this.k, init.tasks[0], "wait(-1)", { kind: "signal" }, []);
    this.k.nextPid = Math.max(2, Math.floor(limits.firstPid));
    this.k.tty.foreground = 1;
    this.k.events = [];
  }

  /** Run one system call for task tid: look the task up, record the call, wake whoever can now run. */
  /** `given`: the bytes a write-like call hands over (write, sendto). */
  private sys(tid: number, call: string, args: Arg[], body: (t: Task) => SysResult, given?: Uint8Array): SysResult {
    const t = this.k.tasks.get(tid);
    if (!t) return fail("ESRCH");
    this.k.dirty.add(t.proc.pid);
    // A C program can only pass numbers and strings; anything else is a bad pointer.
    let r = args.every((a) => typeof a === "number" || typeof a === "string") ? body(t) : fail("EFAULT");
    if (!isBlocked(r)) {
      if (t.state === "blocked") proc.unblock(this.k, t);
      // The bytes moved, as the trace shows them: the buffer given (strace shows it whole,
      // also on a short write), or the bytes read.
      const moved = r.ret > 0 ? given ?? (READS_BYTES.has(call) ? r.data : undefined) : undefined;
      if (moved && moved.length) r = { ...r, buf: latin1Text(moved.subarray(0, BUF_SHOWN)), bufLen: moved.length };
      const e: KEvent = { kind: "syscall", pid: t.proc.pid, call, args, ret: r.ret };
      if (r.errno) e.errno = r.errno;
      // pipe() and socketpair() hand their descriptors back through memory: the event says which.
      if (r.fds) e.fds = [...r.fds];
      if (r.buf !== undefined) { e.buf = r.buf; e.bufLen = r.bufLen; }
      emit(this.k, e);
    }
    proc.wakeup(this.k);
    return r;
  }

  /** A call on descriptor fd: EBADF unless it is open. */
  private fdcall(tid: number, call: string, fd: number, args: Arg[], body: (t: Task, f: KFile) => SysResult, given?: Uint8Array): SysResult {
    return this.sys(tid, call, [fd, ...args], (t) => {
      const f = fdget(t.proc, fd);
      return f ? body(t, f) : fail("EBADF");
    }, given);
  }

  // ---- processes (proc.ts) ----

  /** Create a process from outside (the session): the learner's program or a scripted client. Returns its pid. */
  spawn(opts: SpawnOptions): number {
    return sysproc.spawn(this.k, opts);
  }

  fork(tid: number): SysResult {
    return this.sys(tid, "fork", [], (t) => proc.fork(this.k, t));
  }

  /** exit(3)/_exit(2): the whole process ends with status (code & 0xff) << 8. */
  exit(tid: number, code: number): SysResult {
    return this.sys(tid, "exit", [code], (t) => proc.exit(this.k, t, code));
  }

  /** execve hook: same process, new image `name`; FD_CLOEXEC descriptors close, caught signals reset. */
  execve(tid: number, name: string): SysResult {
    return this.sys(tid, "execve", [name], (t) => proc.execve(this.k, t, name));
  }

  /** pthread_create's kernel half: a new task in the caller's process; ret is its tid. */
  threadCreate(tid: number): SysResult {
    return this.sys(tid, "clone", [], (t) => proc.threadCreate(this.k, t));
  }

  /** pthread_exit's kernel half: the last thread to go ends the process with status 0. */
  threadExit(tid: number): SysResult {
    return this.sys(tid, "thread_exit", [], (t) => proc.threadExit(this.k, t));
  }

  /** A pthread_cancel request for task tid (glibc's SIGCANCEL): a blocking call it sleeps
   *  in ends, so that its library, calling again, finds the request and ends the thread. */
  wakeForCancel(tid: number): void {
    const t = this.k.tasks.get(tid);
    if (t && t.state === "blocked") proc.unblock(this.k, t, "pthread_cancel");
  }

  getpid(tid: number): SysResult {
    return this.sys(tid, "getpid", [], (t) => ok(t.proc.pid));
  }

  /** setrlimit(2): RLIMIT_NPROC and RLIMIT_NOFILE, for the whole kernel (sysproc.ts). */
  setrlimit(tid: number, resource: number, value: number): SysResult {
    return this.sys(tid, "setrlimit", [resource, value], () => sysproc.setrlimit(this.k, resource, value));
  }

  getppid(tid: number): SysResult {
    return this.sys(tid, "getppid", [], (t) => ok(t.proc.ppid));
  }

  gettid(tid: number): SysResult {
    return this.sys(tid, "gettid", [], (t) => ok(t.tid));
  }

  getpgrp(tid: number): SysResult {
    return this.sys(tid, "getpgrp", [], (t) => ok(t.proc.pgid));
  }

  setpgid(tid: number, pid: number, pgid: number): SysResult {
    return this.sys(tid, "setpgid", [pid, pgid], (t) => proc.setpgid(this.k, t, pid, pgid));
  }

  /** setsid(2): a new session and process group led by the caller, with no controlling terminal. */
  setsid(tid: number): SysResult {
    return this.sys(tid, "setsid", [], (t) => proc.setsid(this.k, t));
  }

  /** isatty(3)'s ioctl(fd, TCGETS): 0 for the terminal, whoever's controlling terminal it is. */
  isatty(tid: number, fd: number): SysResult {
    return this.fdcall(tid, "ioctl", fd, [], (_t, f) => (f.obj.kind === "tty" ? ok(0) : fail("ENOTTY")));
  }

  tcgetpgrp(tid: number, fd: number): SysResult {
    return this.fdcall(tid, "tcgetpgrp", fd, [], (t, f) => (f.obj.kind === "tty" ? tty.tcgetpgrp(this.k, t) : fail("ENOTTY")));
  }

  tcsetpgrp(tid: number, fd: number, pgid: number): SysResult {
    return this.fdcall(tid, "tcsetpgrp", fd, [pgid], (t, f) => (f.obj.kind === "tty" ? tty.tcsetpgrp(this.k, t, pgid) : fail("ENOTTY")));
  }

  // ---- wait.ts ----

  waitpid(tid: number, pid: number, options: number): SysResult {
    return this.sys(tid, "waitpid", [pid, options], (t) => dowaitpid(this.k, t, pid, options));
  }

  wait(tid: number): SysResult {
    return this.waitpid(tid, -1, 0);
  }

  // ---- descriptors and files ----

  open(tid: number, path: string, flags: number, mode = 0o666): SysResult {
    return this.sys(tid, "open", [path, flags, mode], (t) => sysfile.open(this.k, t, path, flags, mode));
  }

  close(tid: number, fd: number): SysResult {
    return this.fdcall(tid, "close", fd, [], (t) => sysfile.close(this.k, t, fd));
  }

  /** read(2); `call` names it in the events: "readv" for one that spreads over buffers. */
  read(tid: number, fd: number, count: number, call = "read"): SysResult {
    return this.fdcall(tid, call, fd, [count], (t, f) => fileread(this.k, t, fd, f, count));
  }
  write(tid: number, fd: number, bytes: Uint8Array, call = "write"): SysResult {
    const given = bytes instanceof Uint8Array ? bytes : undefined;
    return this.fdcall(tid, call, fd, [given?.length ?? "?"], (t, f) => (given ? filewrite(this.k, t, fd, f, given) : fail("EFAULT")), given);
  }
  /** pread(2), pwrite(2) at offset `at`: a negative one is EINVAL before the descriptor is looked at (fs.ts). */
  pread(tid: number, fd: number, count: number, at: number): SysResult {
    return this.sys(tid, "pread", [fd, count, at], (t) => fs.atOffset(t.proc, fd, at, (f) => fs.pread(f, count, at)));
  }
  pwrite(tid: number, fd: number, bytes: Uint8Array, at: number): SysResult {
    return this.sys(tid, "pwrite", [fd, bytes.length, at], (t) => fs.atOffset(t.proc, fd, at, (f) => fs.pwrite(f, bytes, at)), bytes);
  }

  lseek(tid: number, fd: number, offset: number, whence: number): SysResult {
    return this.fdcall(tid, "lseek", fd, [offset, whence], (_t, f) => fs.lseek(f, offset, whence));
  }
  dup(tid: number, fd: number): SysResult {
    return this.fdcall(tid, "dup", fd, [], (t, f) => sysfile.dup(this.k, t, f));
  }
  dup2(tid: number, oldfd: number, newfd: number): SysResult {
    return this.fdcall(tid, "dup2", oldfd, [newfd], (t, f) => sysfile.dup2(this.k, t, oldfd, f, newfd));
  }
  fcntl(tid: number, fd: number, cmd: number, arg = 0): SysResult {
    return this.fdcall(tid, "fcntl", fd, [cmd, arg], (t, f) => sysfile.fcntl(this.k, t, fd, f, cmd, arg));
  }

  /** pipe2(fds, flags): ret 0 and fds [read end, write end]. */
  pipe(tid: number, flags = 0): SysResult {
    return this.sys(tid, "pipe", [flags], (t) => pipe2(this.k, t, flags));
  }

  unlink(tid: number, path: string): SysResult {
    return this.sys(tid, "unlink", [path], () => (typeof path === "string" ? fs.unlink(this.k, path) : fail("EFAULT")));
  }
  /** mkdir(2): an empty directory at path. */
  mkdir(tid: number, path: string, mode: number): SysResult {
    return this.sys(tid, "mkdir", [path, mode], () => (typeof path === "string" && Number.isInteger(mode) ? fs.mkdir(this.k, path, mode) : fail("EFAULT")));
  }
  rmdir(tid: number, path: string): SysResult {
    return this.sys(tid, "rmdir", [path], () => (typeof path === "string" ? fs.rmdir(this.k, path) : fail("EFAULT")));
  }
  /** mkfifo(3): a named pipe at path. */
  mkfifo(tid: number, path: string, mode: number): SysResult {
    return this.sys(tid, "mkfifo", [path, mode], () => (typeof path === "string" && Number.isInteger(mode) ? fifo.mkfifo(this.k, path, mode) : fail("EFAULT")));
  }

  access(tid: number, path: string, mode: number): SysResult {
    return this.sys(tid, "access", [path, mode], () => (typeof path === "string" ? st.access(this.k, path, mode) : fail("EFAULT")));
  }
  /** stat(2)/lstat(2): ret 0 and `stat`, or ENOENT/ENOTDIR. */
  stat(tid: number, path: string): SysResult {
    return this.sys(tid, "stat", [path], () => (typeof path === "string" ? st.statpath(this.k, path) : fail("EFAULT")));
  }
  fstat(tid: number, fd: number): SysResult {
    return this.fdcall(tid, "fstat", fd, [], (_t, f) => st.fstatfile(this.k, f));
  }

  /** The names in directory `path` (opendir+readdir's getdents), or ENOENT/ENOTDIR. */
  readdir(tid: number, path: string): SysResult {
    return this.sys(tid, "getdents", [path], () => {
      const s = st.statpath(this.k, path);
      if (s.ret < 0) return s;
      const names = st.direntries(this.k, path);
      if (!names) return fail("ENOTDIR");
      // A directory inside shows with a trailing "/" (readdir's d_type).
      const base = st.normpath(path) === "." ? "" : `${st.normpath(path)}/`;
      return ok(0, { names: names.map((n) => (st.isdir(this.k, base + n) ? `${n}/` : n)) });
    });
  }

  // ---- signals (signal.ts) ----

  kill(tid: number, pid: number, signo: number): SysResult {
    return this.sys(tid, "kill", [pid, signo], (t) => sig.kill(this.k, t.proc, pid, signo));
  }

  /** tgkill(2): signal `signo` for thread `target` of the caller's process alone (pthread_kill);
   *  to itself it is raise(3) (glibc's too: a handler sees SI_TKILL and its own pid). */
  tgkill(tid: number, target: number, signo: number): SysResult {
    const [call, args] = target === tid ? ["raise", [signo]] : ["tgkill", [target, signo]];
    return this.sys(tid, call, args, (t) => sig.tgkill(this.k, t, target, signo));
  }

  /** sigtimedwait(2) (sigwait, sigwaitinfo): the signal taken from `set`, its sender in siginfo (sigwait.ts). */
  sigtimedwait(tid: number, set: number, timeoutMs: number | null): SysResult {
    return this.sys(tid, "sigtimedwait", [set], (t) => sigwait.sigtimedwait(this.k, t, set, timeoutMs));
  }

  sigaction(tid: number, signo: number, act: SigActionView | null): SysResult {
    const valid = act === null || (typeof act === "object" && typeof act.handler === "string" && Number.isInteger(act.mask) && Number.isInteger(act.flags));
    return this.sys(tid, "sigaction", [signo, act === null ? "NULL" : valid ? act.handler : "?"], (t) => (valid ? sig.sigaction(this.k, t, signo, act) : fail("EFAULT")));
  }

  /** signal(2) as glibc gives it: BSD semantics (SA_RESTART, handler stays installed). ret 0; oldAction holds the old one. */
  signal(tid: number, signo: number, handler: string): SysResult {
    return this.sys(tid, "signal", [signo, handler], (t) =>
      sig.sigaction(this.k, t, signo, { handler, mask: 0, flags: handler === "SIG_DFL" || handler === "SIG_IGN" ? 0 : SA_RESTART }));
  }

  sigprocmask(tid: number, how: number, set: number | null): SysResult {
    return this.sys(tid, "sigprocmask", [how, set ?? "NULL"], (t) => sig.sigprocmask(this.k, t, how, set));
  }

  sigpending(tid: number): SysResult {
    return this.sys(tid, "sigpending", [], (t) => ok(0, { oldMask: sig.pendingFor(t) }));
  }

  /** pause(2): blocks until a signal; returns -1/EINTR after a handler ran. */
  pause(tid: number): SysResult {
    return this.sys(tid, "pause", [], (t) => sysproc.pause(this.k, t));
  }

  /** sigsuspend(2): swap in mask and wait for a signal; returns -1/EINTR after a handler ran, old mask back. */
  sigsuspend(tid: number, mask: number): SysResult {
    return this.sys(tid, "sigsuspend", [mask], (t) => sysproc.sigsuspend(this.k, t, mask));
  }

  /** Whether `tid` has a signal to handle now: the stepper then calls takeSignal at once (the
   *  return from a call or from a handler is where Linux delivers a pending signal). */
  signalWaiting(tid: number): boolean {
    const t = this.k.tasks.get(tid);
    return t !== undefined && t.state === "ready" && sig.signalWaiting(t);
  }

  /** Before running a line of `tid`: the next signal whose user handler must run now, or null. */
  takeSignal(tid: number): SignalDelivery | null {
    const t = this.k.tasks.get(tid);
    if (!t) return null;
    const d = sig.takeSignal(this.k, t);
    proc.wakeup(this.k);
    return d;
  }

  /** longjmp out of the `n` innermost running handlers: their frames go without sigreturn
   *  (the mask they set stays; a call they interrupted is abandoned). Innermost last. */
  dropSignalFrames(tid: number, n: number): Array<{ interrupted?: string; restart: boolean }> {
    const t = this.k.tasks.get(tid);
    if (!t) return [];
    this.k.dirty.add(t.proc.pid);
    return t.frames.splice(Math.max(0, t.frames.length - n), n).map((f) => ({ interrupted: f.interrupted, restart: f.restart }));
  }

  /** After the handler returns: restore the mask saved in the SignalDelivery. */
  sigreturn(tid: number, savedMask: number): void {
    const t = this.k.tasks.get(tid);
    if (!t) return;
    this.k.dirty.add(t.proc.pid);
    sig.sigreturn(this.k, t, Number.isInteger(savedMask) ? savedMask : t.mask);
    proc.wakeup(this.k);
  }

  // ---- clock.ts ----

  alarm(tid: number, seconds: number): SysResult {
    return this.sys(tid, "alarm", [seconds], (t) => clock.alarm(this.k, t, seconds));
  }

  /** setitimer(2) of ITIMER_REAL (ms); the old setting in `itimer`. ITIMER_VIRTUAL and
   *  ITIMER_PROF count CPU time, which the model does not keep: EINVAL. */
  setitimer(tid: number, which: number, next: clock.ITimer | undefined): SysResult {
    return this.sys(tid, "setitimer", [which], (t) =>
      which !== clock.ITIMER_REAL ? fail("EINVAL") : ok(0, { itimer: next ? clock.setitimer(this.k, t, next) : clock.getitimer(this.k, t) }));
  }

  /** sleep(3): 0 when the time is up; the seconds left (rounded up) when a handler interrupted it. */
  sleep(tid: number, seconds: number): SysResult {
    return this.sys(tid, "sleep", [seconds], (t) => sysproc.sleep(this.k, t, seconds));
  }

  /** usleep(3): 0 when done, -1/EINTR when a handler interrupted it. */
  usleep(tid: number, usec: number): SysResult {
    return this.sys(tid, "usleep", [usec], (t) => sysproc.usleep(this.k, t, usec));
  }

  /** Logical time now, in ms. */
  now(): number {
    return this.k.clock;
  }

  /** The earliest pending timer (alarm, sleep, select timeout) after now, or undefined. */
  nextTimer(): number | undefined {
    return clock.nextTimer(this.k);
  }

  /** Move logical time forward to `ms`, firing alarms and ending sleeps and timeouts on the way. */
  advanceTo(ms: number): void {
    if (typeof ms === "number") clock.advanceTo(this.k, ms);
  }

  // ---- sockets (socket.ts) ----

  socket(tid: number, domain: number, type: number, protocol = 0): SysResult {
    return this.sys(tid, "socket", [domain, type, protocol], (t) => sock.socket(this.k, t, domain, type, protocol));
  }

  /** socketpair(2): ret 0 and fds, two connected AF_UNIX stream sockets. */
  socketpair(tid: number, domain: number, type: number, protocol = 0): SysResult {
    return this.sys(tid, "socketpair", [domain, type, protocol], (t) => sock.socketpair(this.k, t, domain, type, protocol));
  }

  /** bind(2) to a loopback port, or (AF_UNIX) to a path: a socket file appears there. */
  bind(tid: number, fd: number, addr: SockAddr): SysResult {
    return this.sys(tid, "bind", [fd, addrArg(addr)], (t) => (isAddr(addr) ? sock.bind(this.k, t, fd, addr) : fail("EFAULT")));
  }

  listen(tid: number, fd: number, backlog: number): SysResult {
    return this.sys(tid, "listen", [fd, backlog], (t) => sock.listen(this.k, t, fd, backlog));
  }

  /** accept(2): ret is the new descriptor, addr the client's "127.0.0.1:port". */
  accept(tid: number, fd: number, flags = 0): SysResult {
    return this.sys(tid, "accept", [fd], (t) => (Number.isInteger(flags) ? sock.accept(this.k, t, fd, flags) : fail("EINVAL")));
  }

  connect(tid: number, fd: number, addr: SockAddr): SysResult {
    return this.sys(tid, "connect", [fd, addrArg(addr)], (t) => (isAddr(addr) ? sock.connect(this.k, t, fd, addr) : fail("EFAULT")));
  }

  /** sendto(2): to `addr` (a datagram socket), or like write(2) when addr is null. */
  sendto(tid: number, fd: number, bytes: Uint8Array, addr: SockAddr | null, flags = 0): SysResult {
    return this.fdcall(tid, "sendto", fd, [bytes instanceof Uint8Array ? bytes.length : "?", addr === null ? "NULL" : addrArg(addr)], (t, f) =>
      !(bytes instanceof Uint8Array) || (addr !== null && !isAddr(addr)) ? fail("EFAULT") : !Number.isInteger(flags) ? fail("EINVAL") : sock.sendto(this.k, t, fd, f, bytes, addr, flags),
    bytes instanceof Uint8Array ? bytes : undefined);
  }

  /** recvfrom(2): ret bytes read, data, and for a datagram its sender in addr. */
  recvfrom(tid: number, fd: number, count: number, flags = 0): SysResult {
    return this.fdcall(tid, "recvfrom", fd, [count], (t, f) => (Number.isInteger(count) && count >= 0 && Number.isInteger(flags) ? sock.recvfrom(this.k, t, fd, f, count, flags) : fail("EINVAL")));
  }

  shutdown(tid: number, fd: number, how: number): SysResult {
    return this.sys(tid, "shutdown", [fd, how], (t) => sock.shutdown(this.k, t, fd, how));
  }

  setsockopt(tid: number, fd: number, level: number, opt: number, value: number, len = 4): SysResult {
    return this.sys(tid, "setsockopt", [fd, level, opt, value], (t) => setsockopt(t, fd, level, opt, value, len));
  }

  getsockopt(tid: number, fd: number, level: number, opt: number): SysResult {
    return this.sys(tid, "getsockopt", [fd, level, opt], (t) => (Number.isInteger(level) && Number.isInteger(opt) ? getsockopt(t, fd, level, opt) : fail("EINVAL")));
  }

  getsockname(tid: number, fd: number): SysResult {
    return this.sys(tid, "getsockname", [fd], (t) => sock.getsockname(t, fd));
  }

  getpeername(tid: number, fd: number): SysResult {
    return this.sys(tid, "getpeername", [fd], (t) => sock.getpeername(t, fd));
  }

  // ---- select.ts ----

  /** select(2): ret = number of ready descriptors, readable/writable = the sets as select leaves them. timeoutMs null = wait forever. */
  /** poll(2): ret = how many entries have events, revents = each entry's. timeoutMs < 0 = wait forever. */
  poll(tid: number, fds: PollFd[], timeoutMs: number): SysResult {
    const valid = isPollList(fds) && Number.isInteger(timeoutMs);
    return this.sys(tid, "poll", [valid ? fds.length : "?", valid ? fmt(timeoutMs) : "?"], (t) => (valid ? dopoll(this.k, t, fds, timeoutMs) : fail("EFAULT")));
  }

  select(tid: number, nfds: number, sets: SelectSets, timeoutMs: number | null): SysResult {
    const valid = sets === undefined || sets === null || (typeof sets === "object" && isFdList(sets.read) && isFdList(sets.write) && isFdList(sets.except));
    return this.sys(tid, "select", [nfds, timeoutMs === null ? "NULL" : fmt(timeoutMs), valid ? "" : "?"], (t) => (valid ? doselect(this.k, t, nfds, sets ?? {}, timeoutMs) : fail("EFAULT")));
  }

  // ---- shm.ts ----

  shmget(tid: number, key: number, size: number, flags: number): SysResult {
    return this.sys(tid, "shmget", [key, size, flags], () => shm.shmget(this.k, key, size, flags));
  }

  /** shmat(2): ret is the address; segment is the shared bytes (the same Uint8Array in every process). */
  shmat(tid: number, shmid: number, flags = 0): SysResult {
    return this.sys(tid, "shmat", [shmid, flags], (t) => shm.shmat(this.k, t, shmid, flags));
  }

  shmdt(tid: number, addr: number): SysResult {
    return this.sys(tid, "shmdt", [addr], (t) => shm.shmdt(this.k, t, addr));
  }

  shmctl(tid: number, shmid: number, cmd: number): SysResult {
    return this.sys(tid, "shmctl", [shmid, cmd], () => shm.shmctl(this.k, shmid, cmd));
  }

  // ---- sem.ts and futex.ts ----

  semget(tid: number, key: number, nsems: number, flags: number): SysResult {
    return this.sys(tid, "semget", [key, nsems, flags], () => sem.semget(this.k, key, nsems, flags));
  }

  /** semop(2): ops as struct sembuf gives them ({ num, op, flg }). */
  semop(tid: number, semid: number, ops: SemOp[]): SysResult {
    const valid = Array.isArray(ops) && ops.every((o) => typeof o === "object" && o !== null && [o.num, o.op, o.flg].every(Number.isInteger));
    return this.sys(tid, "semop", [semid, valid ? ops.length : "?"], (t) => (valid ? sem.semop(this.k, t, semid, ops) : fail("EFAULT")));
  }

  /** semctl(2): ret the value asked for (GETVAL, GETPID, GETNCNT, GETZCNT), semVals (GETALL), semStat (IPC_STAT). */
  semctl(tid: number, semid: number, num: number, cmd: number, arg: sem.SemArg = 0): SysResult {
    const valid = typeof arg === "number" || (Array.isArray(arg) && arg.every(Number.isInteger));
    return this.sys(tid, "semctl", [semid, num, cmd], () => (valid ? sem.semctl(this.k, semid, num, cmd, arg) : fail("EFAULT")));
  }

  /** sem_wait's sleep on the word at addr, read as `seen`; sem_timedwait's until `deadline` (futex.ts). */
  futexWait(tid: number, addr: number, seen: number, deadline?: number): SysResult {
    return this.sys(tid, "futex", [addr, "FUTEX_WAIT", seen], (t) => futex.futexWait(this.k, t, addr, seen, deadline));
  }

  /** sem_post's wake of up to n sleepers on the word at addr. */
  futexWake(tid: number, addr: number, n: number): SysResult {
    return this.sys(tid, "futex", [addr, "FUTEX_WAKE", n], (t) => futex.futexWake(this.k, t, addr, n));
  }

  /** sem_open(3): ret the shmid of the segment holding the named semaphore (attach it with shmat). */
  semOpen(tid: number, name: string, create: boolean, excl: boolean): SysResult {
    return this.sys(tid, "sem_open", [name], () => (typeof name === "string" ? futex.semOpen(this.k, name, create === true, excl === true) : fail("EFAULT")));
  }

  semUnlink(tid: number, name: string): SysResult {
    return this.sys(tid, "sem_unlink", [name], () => (typeof name === "string" ? futex.semUnlink(this.k, name) : fail("EFAULT")));
  }

  // ---- the world outside ----

  /** Bytes typed at the keyboard (latin1 text), available to reads of the terminal. */
  ttyInput(text: string): void {
    if (typeof text === "string") tty.ttyInput(this.k, text);
    proc.wakeup(this.k);
  }

  /** Some descriptor refers to the terminal (typing there can reach a process). */
  hasTerminal(): boolean {
    return this.k.tty.vnode !== undefined;
  }

  /** The learner typed at the terminal (latin1 text), then Ctrl-D when `eof`: the input
   *  as ttyInput and ttyKey, said as an event of the step ("typed "hi\n" at the terminal"). */
  typed(text: string, eof: boolean): void {
    if (typeof text !== "string") return;
    if (text) tty.ttyInput(this.k, text);
    if (eof === true) tty.ttyKey(this.k, "^D");
    const what = [text ? JSON.stringify(text) : "", eof === true ? "Ctrl-D (end of file)" : ""].filter(Boolean).join(" then ");
    emit(this.k, { kind: "note", pid: 0, text: `typed ${what || "nothing"} at the terminal` });
    proc.wakeup(this.k);
  }

  /** Ctrl-C, Ctrl-Z, Ctrl-\ send SIGINT, SIGTSTP, SIGQUIT to the foreground group; Ctrl-D ends input. */
  ttyKey(key: "^C" | "^Z" | "^\\" | "^D"): void {
    tty.ttyKey(this.k, key);
    proc.wakeup(this.k);
  }

  /** A signal from outside the model (a shell's kill) to a pid, or to group -pid. */
  externalKill(pid: number, signo: number): SysResult {
    const r = sig.kill(this.k, undefined, pid, signo);
    emit(this.k, { kind: "note", pid: 0, text: `kill(${fmt(pid)}, ${fmt(signo)}) from outside = ${r.ret}` });
    proc.wakeup(this.k);
    return r;
  }

  // ---- the stepper's view of tasks ----

  /** Whether tid's process is stopped (by SIGSTOP, or SIGTSTP and its kin). */
  stopped(tid: number): boolean {
    return this.k.tasks.get(tid)?.proc.stopped ?? false;
  }

  task(tid: number): TaskInfo | undefined {
    const t = this.k.tasks.get(tid);
    if (!t) {
      const z = this.k.procs.get(tid);
      return z?.zombie ? { tid, pid: z.pid, state: "zombie", runnable: false } : undefined;
    }
    const p = t.proc;
    const info: TaskInfo = { tid, pid: p.pid, state: p.stopped ? "stopped" : t.state, runnable: t.state === "ready" && !p.stopped && p.kind !== "init" };
    if (t.blockedOn) info.blockedOn = t.blockedOn;
    return info;
  }

  /** Tids of the tasks woken from a blocking call since the last takeWoken(), oldest wake first.
   *  Lets the session look only at scripted clients that may move, not at all of them. */
  takeWoken(): number[] {
    const w = [...this.k.woken];
    this.k.woken.clear();
    return w;
  }

  /** Tasks of programs (not clients) the stepper may run now, ascending; kept as tasks
   *  block, wake, stop and go, so asking costs nothing per process. Read only. */
  readyPrograms(): readonly number[] {
    return this.k.runq;
  }

  /** Pids whose tasks left the table (exit, exec, thread exit) since the last call. */
  takeGone(): number[] {
    const g = [...this.k.gone];
    this.k.gone.clear();
    return g;
  }

  /** Tasks the stepper may run now, in tid order. */
  runnable(): number[] {
    return this.tasks().filter((tid) => this.task(tid)!.runnable);
  }

  /** Live tasks of every process but init, in tid order. */
  tasks(): number[] {
    return [...this.k.tasks.values()].filter((t) => t.proc.kind !== "init").map((t) => t.tid).sort((a, b) => a - b);
  }

  /** The process table as ps(1) lists it (a look, not a call: no event). */
  processes(): PsEntry[] {
    return ps.processes(this.k);
  }

  /** Pids of live and zombie processes (init included), ascending. */
  pids(): number[] {
    return [...this.k.procs.keys()].sort((a, b) => a - b);
  }

  // ---- the file system, for the session and tests ----

  readFile(path: string): Uint8Array | undefined {
    const ip = this.k.fs.get(path);
    return ip?.data.slice(0, ip.size);
  }

  writeFile(path: string, data: Uint8Array | string): void {
    const ip = fs.inodeget(this.k, path, true)!;
    const bytes = typeof data === "string" ? latin1Bytes(data) : data;
    ip.size = 0;
    fs.iwrite(ip, 0, bytes);
  }

  /** Whether some socket listens on this loopback port (a look, not a call: no event). */
  listening(port: number): boolean {
    return sock.listenerOn(this.k, port) !== undefined;
  }

  // ---- snapshots ----

  /** The state as a plain Snapshot; parts unchanged since the previous snapshot are shared. Takes the step's events and output. */
  snapshot(step: number, opts: SnapshotOptions = {}): Snapshot {
    return this.view.build(this.k, step, opts);
  }

  /** A snapshot built aside from scratch: it shares nothing with the last one and takes no
   *  events, so the step's own snapshot stays whole (the session's probes before a scripted
   *  signal; the tests of the sharing). Slower than snapshot(). */
  freshSnapshot(step: number, opts: SnapshotOptions = {}): Snapshot {
    return new SnapView().build(this.k, step, opts, false);
  }

  /** Drop and return the events gathered since the last snapshot (when not taking snapshots). */
  takeEvents(): KEvent[] {
    const e = this.k.events;
    this.k.events = [];
    this.k.output = [];
    return e;
  }
}
