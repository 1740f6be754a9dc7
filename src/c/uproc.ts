// A process as the C machine sees it: memory pages, threads with operand stacks and
// frames, heap bookkeeping and stdio buffers. All plain data, so fork copies it and a
// checkpoint can clone it; nothing is held in JS closures or generators.
import type { Memory } from "./memory";
import type { Program } from "./program";
import type { LibWaitKind } from "./ctl";
import type { Stream } from "./control";
import type { RandState } from "./libc/random";
import type { Val } from "./wide";

export interface Frame {
  fn: number;
  pc: number;
  fp: number;
  callerSp: number;
  /** Operand stack height when the frame was entered. */
  base: number;
  /** A signal handler's frame: what to restore when it returns. */
  sig?: { savedMask: number; sys?: SysCont; signo: number };
  /** Called by the library (an atexit handler): its return value is dropped, and the
   *  instruction that called it runs again. */
  noResult?: boolean;
  /** A variadic function's frame: where its extra arguments sit, 8 bytes each (va_start). */
  va?: number;
  /** Bit s set: the local of slot s declared without a value (Func.unset) has been written. */
  init?: number;
}

/** A builtin part way through: output still to write, then its result (or exit). */
export interface SysCont {
  /** `stream`: the FILE (its address) whose buffer this is, for a write that fails. */
  writes: Array<{ fd: number; data: string; call: string; stream?: number }>;
  ret: number;
  /** What the call returns instead when a stream's write fails (fflush EOF, printf -1). */
  failRet?: number;
  exit?: number;
  /** fclose: the descriptor to close once the buffer is out. */
  closeFd?: number;
  /** exit: read-ahead to hand back once the output is out, lseek(fd, back, SEEK_CUR) each. */
  unread?: Array<{ fd: number; back: number }>;
  /** The builtin runs again once the writes are out, instead of returning `ret` (AGAIN). */
  again?: boolean;
  /** A failed assert: abort once its message is out. */
  abort?: boolean;
}

export interface Thread {
  tid: number;
  /** The operand stack: numbers, and bigints for 64-bit values beyond 2^53 (src/c/wide.ts). */
  stack: Val[];
  frames: Frame[];
  sp: number;
  stackLo: number;
  stackHi: number;
  errnoAddr: number;
  /** Its block of thread-local variables (threadlocal.ts); absent for the main thread. */
  tls?: number;
  sys?: SysCont;
  /** Set while blocked: what the kernel said it waits for. */
  blockedOn?: string;
  line: number;
  /** Waiting in the library (not the kernel): pthread_join, a mutex, a condition variable;
   *  `deadline` (logical ms): pthread_cond_timedwait's, when the wait ends by itself. */
  wait?: { kind: LibWaitKind; on: number; deadline?: number };
  /** pthread_cond_timedwait's deadline passed before a signal: its result (ETIMEDOUT) once
   *  the mutex is taken back. */
  timedOut?: boolean;
  /** A step of this thread ended on a bound (instructions, calls or output) at `line`, in
   *  `steps` steps in a row: the note is given once, and a run stops after STUCK_STEPS. */
  stuck?: { line: number; steps: number };
  /** Cancellation (libc/cancel.ts): a pthread_cancel request not acted on yet, and the
   *  thread's cancelability (PTHREAD_CANCEL_DISABLE, PTHREAD_CANCEL_ASYNCHRONOUS). Absent:
   *  no request, enabled and deferred, as every thread starts. */
  cancel?: { pending: boolean; off: boolean; async: boolean };
  /** pthread_join/exit bookkeeping. */
  retval?: number;
  detached?: boolean;
}

export interface HeapState {
  brk: number;
  /** Live blocks: address -> bytes taken (the size rounded up, red zone included). */
  blocks: Record<number, number>;
  free: Array<[number, number]>;
  /** Live blocks for the sanitizer notes (heapcheck.ts): address -> [size asked for, allocation line]. */
  born: Record<number, [number, number]>;
  /** Freed blocks not handed out again: address -> [size, allocation line, free line]. */
  dead: Record<number, [number, number, number]>;
  /** Starts of the live and freed blocks, ascending. */
  starts: number[];
}

/** The user-space half of a modelled process (the kernel's half is KProc, the picture's
 *  is the contract's Proc): its memory, threads, heap and stdio buffers. fork copies it. */
export interface UserProc {
  pid: number;
  prog: Program;
  mem: Memory;
  threads: Thread[];
  heap: HeapState;
  streams: Record<number, Stream>;
  nextStack: number;
  /** Mutexes: address -> owner tid (0 = free). */
  mutexes: Record<number, number>;
  /** Condition variables: address -> the tids waiting on it, oldest first (libc/cond.ts). */
  conds: Record<number, number[]>;
  /** Threads that finished and wait to be joined: tid -> return value. */
  finished: Record<number, number>;
  strtok: number;
  /** rand()'s generator state (glibc's TYPE_3 table). */
  rand: RandState;
  /** The environment, "NAME=value" strings in order (getenv, setenv, environ, exec). */
  env: string[];
  /** Strings the library hands out (strerror, inet_ntoa...): text -> address. */
  statics: Record<string, number>;
  /** argv, for exec's view of the program name. */
  argv: string[];
  /** atexit handlers (function addresses), in registration order. */
  atexit: number[];
  /** Pages of `mem` counted in Machine.pagesInUse (the model's own memory bound). */
  counted: number;
}
