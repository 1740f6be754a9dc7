// What a built-in function sees and may answer besides a plain return value.
import type { Kernel } from "../kernel/kernel";
import type { Memory } from "./memory";
import type { Machine } from "./vm";
import type { Thread, UserProc } from "./uproc";
import type { Val } from "./wide";

export interface Ctx {
  m: Machine;
  p: UserProc;
  t: Thread;
  k: Kernel;
  mem: Memory;
  /** The call's arguments exactly, when one is a 64-bit value beyond 2^53 (src/c/wide.ts);
   *  the builtin's number arguments round it. printf's integer conversions read these. */
  wide?: Val[];
}

/** The calling thread now waits in the kernel; the call is re-issued when it may proceed. */
export const BLOCKED = Symbol("blocked");
/** The calling thread (or its whole process) no longer runs: exit, exec, pthread_exit. */
export const GONE = Symbol("gone");
/** The builtin pushed a call to user code (an atexit handler); it runs again once that returns. */
export const CALLED = Symbol("called");
/** The builtin queued output that must reach the kernel before it can go on (glibc flushes
 *  a line-buffered stdout before it reads a terminal): the VM writes it out, then runs the
 *  builtin again from the start, which now finds nothing to flush. */
export const AGAIN = Symbol("again");
export type Ctl = typeof BLOCKED | typeof GONE | typeof CALLED | typeof AGAIN;

export type BuiltinFn = (c: Ctx, a: number[]) => Val | Ctl;

export interface Builtin {
  name: string;
  fn: BuiltinFn;
  /** A cancellation point (libc/cancel.ts): a pending pthread_cancel ends the thread here. */
  cancel?: boolean;
}

/** What a thread may wait for in the library: a join, a mutex, another thread's
 *  pthread_once routine, a condition variable's signal, a reader-writer lock. (Semaphores sleep in the kernel: libc/sem.ts.) */
export type LibWaitKind = "join" | "mutex" | "once" | "cond" | "rdlock" | "wrlock";

/** A pthread_once_t whose routine has run (PTHREAD_ONCE_INIT is 0; while the routine runs
 *  it holds the running thread's tid, negated). */
export const ONCE_DONE = 1;
