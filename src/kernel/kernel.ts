// The Kernel facade: the only door the C stepper and the session use. Every system call
// takes the calling task's id (tid; a process's main thread has tid == pid) first, returns
// plain data (SysResult), never throws for bad arguments (Linux's errno instead), and
// appends KEvents that the next snapshot() carries. The concepts live in their own files.
import type { Snapshot } from "./snapshot";
import type { KernelOptions } from "./kstate";
import { fail, SigActionView, SignalDelivery, SysResult, SysRet } from "./result";

export * from "./result";
export * from "./errno";
export * from "./signum";
export * from "./fcntl";
export * from "./waitstatus";
export type { KernelOptions } from "./kstate";

/** What a descriptor of a spawned process is connected to. */
export type StdioSpec =
  | { tty: true }
  /** A pipe whose write end the outside world holds: preloaded with `data`, then EOF. */
  | { input: string }
  /** A pipe whose read end the outside world holds and drains at once (captured output). */
  | { pipe: true }
  /** A file in the model's file system (created/truncated for writing; captured output). */
  | { file: string }
  | { none: true };

export interface SpawnOptions {
  name: string;
  /** "program" for the learner's program, "client" for scripted outside processes. */
  kind?: "program" | "client";
  /** Parent pid; default 1 (init). */
  ppid?: number;
  /** Descriptors 0, 1, 2. Default: all three on the terminal. */
  stdin?: StdioSpec;
  stdout?: StdioSpec;
  stderr?: StdioSpec;
  /** Make the new process group the terminal's foreground group (like a shell does). Default true for programs. */
  foreground?: boolean;
}

/** What the stepper knows about a process and not the kernel, merged into its Proc view. */
export interface ProcAnnotation {
  line?: number;
  stdout?: { mode: "line" | "full" | "unbuffered"; buffered: string };
}

export interface SnapshotOptions {
  /** The task that runs (or just ran) this step: its process shows as "running". */
  running?: number;
  /** Per-process data the stepper owns (current line, stdio buffer). */
  annotate?: (pid: number) => ProcAnnotation | undefined;
}

export interface TaskInfo {
  tid: number;
  pid: number;
  state: "ready" | "blocked" | "stopped" | "zombie";
  blockedOn?: string;
  /** The stepper may run a line of this task now. */
  runnable: boolean;
}

export interface SockAddr {
  host: string;
  port: number;
}

export interface SelectSets {
  read?: number[];
  write?: number[];
  except?: number[];
}

const ENOSYS = (): SysRet => fail("ENOSYS");

export class Kernel {
  constructor(_opts: KernelOptions = {}) {}

  // ---- processes (proc.ts) ----
  spawn(_opts: SpawnOptions): number { return -1; }
  fork(_tid: number): SysResult { return ENOSYS(); }
  exit(_tid: number, _code: number): SysResult { return ENOSYS(); }
  execve(_tid: number, _name: string): SysResult { return ENOSYS(); }
  threadCreate(_tid: number): SysResult { return ENOSYS(); }
  threadExit(_tid: number): SysResult { return ENOSYS(); }
  getpid(_tid: number): SysResult { return ENOSYS(); }
  getppid(_tid: number): SysResult { return ENOSYS(); }
  gettid(_tid: number): SysResult { return ENOSYS(); }
  getpgrp(_tid: number): SysResult { return ENOSYS(); }
  setpgid(_tid: number, _pid: number, _pgid: number): SysResult { return ENOSYS(); }
  tcgetpgrp(_tid: number, _fd: number): SysResult { return ENOSYS(); }
  tcsetpgrp(_tid: number, _fd: number, _pgid: number): SysResult { return ENOSYS(); }

  // ---- wait.ts ----
  waitpid(_tid: number, _pid: number, _options: number): SysResult { return ENOSYS(); }
  wait(tid: number): SysResult { return this.waitpid(tid, -1, 0); }

  // ---- descriptors and files (fdtable.ts, file.ts, fs.ts, pipe.ts) ----
  open(_tid: number, _path: string, _flags: number, _mode = 0o666): SysResult { return ENOSYS(); }
  close(_tid: number, _fd: number): SysResult { return ENOSYS(); }
  read(_tid: number, _fd: number, _count: number): SysResult { return ENOSYS(); }
  write(_tid: number, _fd: number, _bytes: Uint8Array): SysResult { return ENOSYS(); }
  lseek(_tid: number, _fd: number, _offset: number, _whence: number): SysResult { return ENOSYS(); }
  dup(_tid: number, _fd: number): SysResult { return ENOSYS(); }
  dup2(_tid: number, _oldfd: number, _newfd: number): SysResult { return ENOSYS(); }
  fcntl(_tid: number, _fd: number, _cmd: number, _arg = 0): SysResult { return ENOSYS(); }
  pipe(_tid: number, _flags = 0): SysResult { return ENOSYS(); }
  unlink(_tid: number, _path: string): SysResult { return ENOSYS(); }

  // ---- signals (signal.ts) ----
  kill(_tid: number, _pid: number, _signo: number): SysResult { return ENOSYS(); }
  raise(_tid: number, _signo: number): SysResult { return ENOSYS(); }
  sigaction(_tid: number, _signo: number, _act: SigActionView | null): SysResult { return ENOSYS(); }
  /** signal(2) as glibc gives it: BSD semantics (SA_RESTART); ret is unused, oldAction holds the old handler. */
  signal(_tid: number, _signo: number, _handler: string): SysResult { return ENOSYS(); }
  sigprocmask(_tid: number, _how: number, _set: number | null): SysResult { return ENOSYS(); }
  sigpending(_tid: number): SysResult { return ENOSYS(); }
  pause(_tid: number): SysResult { return ENOSYS(); }
  sigsuspend(_tid: number, _mask: number): SysResult { return ENOSYS(); }
  /** Before running a line of `tid`: the next signal whose user handler must run now, or null. */
  takeSignal(_tid: number): SignalDelivery | null { return null; }
  /** After the handler returns: restore the mask saved in the SignalDelivery. */
  sigreturn(_tid: number, _savedMask: number): void {}

  // ---- clock.ts ----
  alarm(_tid: number, _seconds: number): SysResult { return ENOSYS(); }
  sleep(_tid: number, _seconds: number): SysResult { return ENOSYS(); }
  usleep(_tid: number, _usec: number): SysResult { return ENOSYS(); }
  /** Logical time now, in ms. */
  now(): number { return 0; }
  /** The earliest pending timer (alarm, sleep, select timeout), or undefined. */
  nextTimer(): number | undefined { return undefined; }
  /** Move logical time forward to `ms`, firing alarms and ending sleeps on the way. */
  advanceTo(_ms: number): void {}

  // ---- sockets (socket.ts) ----
  socket(_tid: number, _domain: number, _type: number, _protocol = 0): SysResult { return ENOSYS(); }
  bind(_tid: number, _fd: number, _addr: SockAddr): SysResult { return ENOSYS(); }
  listen(_tid: number, _fd: number, _backlog: number): SysResult { return ENOSYS(); }
  accept(_tid: number, _fd: number): SysResult { return ENOSYS(); }
  connect(_tid: number, _fd: number, _addr: SockAddr): SysResult { return ENOSYS(); }
  shutdown(_tid: number, _fd: number, _how: number): SysResult { return ENOSYS(); }
  setsockopt(_tid: number, _fd: number, _level: number, _opt: number, _value: number): SysResult { return ENOSYS(); }
  getsockname(_tid: number, _fd: number): SysResult { return ENOSYS(); }
  getpeername(_tid: number, _fd: number): SysResult { return ENOSYS(); }

  // ---- select.ts ----
  select(_tid: number, _nfds: number, _sets: SelectSets, _timeoutMs: number | null): SysResult { return ENOSYS(); }

  // ---- shm.ts ----
  shmget(_tid: number, _key: number, _size: number, _flags: number): SysResult { return ENOSYS(); }
  shmat(_tid: number, _shmid: number, _flags = 0): SysResult { return ENOSYS(); }
  shmdt(_tid: number, _addr: number): SysResult { return ENOSYS(); }
  shmctl(_tid: number, _shmid: number, _cmd: number): SysResult { return ENOSYS(); }

  // ---- the terminal (tty.ts): the outside world typing ----
  /** Bytes typed at the keyboard (available to reads of the terminal). */
  ttyInput(_text: string): void {}
  /** Ctrl-C, Ctrl-Z, Ctrl-\ send SIGINT, SIGTSTP, SIGQUIT to the foreground group; Ctrl-D ends input. */
  ttyKey(_key: "^C" | "^Z" | "^\\" | "^D"): void {}
  /** A signal from outside the model (a shell's kill), to a pid or -pgid. */
  externalKill(_pid: number, _signo: number): SysResult { return ENOSYS(); }

  // ---- the stepper's view of tasks ----
  task(_tid: number): TaskInfo | undefined { return undefined; }
  /** Tasks the stepper may run now, in tid order. */
  runnable(): number[] { return []; }
  /** Live tasks (not zombies) in tid order. */
  tasks(): number[] { return []; }

  // ---- the file system, for the session and tests ----
  readFile(_path: string): Uint8Array | undefined { return undefined; }
  writeFile(_path: string, _data: Uint8Array | string): void {}

  // ---- snapshots ----
  /** The state as a plain Snapshot; unchanged parts are shared with the previous snapshot. Takes the step's events. */
  snapshot(_step: number, _opts: SnapshotOptions = {}): Snapshot { throw new Error("todo"); }
  /** Drop and return the events gathered since the last snapshot. */
  takeEvents(): Snapshot["events"] { return []; }
}
