// pthreads and System V shared memory. Threads share the process's memory; each has its
// own stack. Joins and mutexes wait in the library (Thread.wait), not in the kernel
// (semaphores sleep in the kernel: sem.ts); a mutex records its owner's tid, so after fork the child still sees it held by a
// thread that does not exist there.
import { Builtin, BLOCKED, CALLED, GONE, Ctl, Ctx, LibWaitKind, ONCE_DONE } from "../ctl";
import { createsDetached } from "./attr";
import { exitProcess } from "./stdlib";
import { sys } from "./sys";
import { ERRNO } from "../../kernel/kernel";
import { PTHREAD_MUTEX_ERRORCHECK, PTHREAD_MUTEX_RECURSIVE } from "../constants";

/** The calling thread waits in the library for `on`; until `deadline` (logical ms) at most. */
export function libWait(c: Ctx, kind: LibWaitKind, on: number, what: string, deadline?: number): typeof BLOCKED {
  c.t.wait = deadline === undefined ? { kind, on } : { kind, on, deadline };
  c.t.blockedOn = what;
  return BLOCKED;
}

/** The calling thread ends with `value` for its joiner (pthread_exit, a return from its
 *  routine, or cancellation: PTHREAD_CANCELED). The last thread's end is exit(0), as in
 *  glibc (POSIX: "as if exit() were called"): atexit handlers run and stdio is flushed, so
 *  a main that printed and then called pthread_exit still shows its output. */
export function threadExit(c: Ctx, value: number): number | Ctl {
  if (c.p.threads.length === 1) return exitProcess(c, 0);
  if (!c.t.detached) c.p.finished[c.t.tid] = value;
  sys(c, "thread_exit", [0], { ret: 0 });
  c.p.threads = c.p.threads.filter((x) => x !== c.t);
  // Its stack is never used again: what it tracked there (locals never written) goes.
  c.p.mem.shadow?.untrack(c.t.stackLo, c.t.stackHi);
  c.k.threadExit(c.t.tid);
  return GONE;
}

/** Where a mutex keeps its type (glibc's __kind) and a recursive mutex its depth, beside the
 *  lock word and the owner's tid at 0 and 4. PTHREAD_MUTEX_INITIALIZER (all zeros) is a
 *  normal mutex. */
const MUTEX_KIND = 16;
const MUTEX_DEPTH = 12;

function takeMutex(c: Ctx, m: number): 0 {
  c.p.mutexes[m] = c.t.tid;
  c.mem.writeU(m, 4, 1);
  c.mem.writeU(m + 4, 4, c.t.tid);
  c.mem.writeU(m + MUTEX_DEPTH, 4, 1);
  return 0;
}

/** A recursive mutex its owner takes again: one level deeper. */
function relock(c: Ctx, m: number): 0 {
  c.mem.writeU(m + MUTEX_DEPTH, 4, c.mem.readU(m + MUTEX_DEPTH, 4) + 1);
  return 0;
}

/** pthread_mutex_lock: take mutex m, or wait until it is free. Its owner taking it again:
 *  a recursive mutex counts, an error-checking one says EDEADLK; a normal one deadlocks on
 *  Linux, reported here as EDEADLK too. */
export function lockMutex(c: Ctx, m: number): number | typeof BLOCKED {
  c.t.wait = undefined;
  const owner = c.p.mutexes[m];
  if (owner === c.t.tid) return c.mem.readU(m + MUTEX_KIND, 4) === PTHREAD_MUTEX_RECURSIVE ? relock(c, m) : ERRNO.EDEADLK;
  if (owner) return libWait(c, "mutex", m, `pthread_mutex_lock (held by thread ${owner})`);
  return takeMutex(c, m);
}

/** pthread_mutex_trylock: EBUSY when held, by anyone (after fork, perhaps by a thread that
 *  is not in this process), but a recursive mutex by its owner. */
function trylockMutex(c: Ctx, m: number): number {
  const owner = c.p.mutexes[m];
  if (owner === c.t.tid && c.mem.readU(m + MUTEX_KIND, 4) === PTHREAD_MUTEX_RECURSIVE) return relock(c, m);
  return owner ? ERRNO.EBUSY : takeMutex(c, m);
}

/** pthread_mutex_unlock: a recursive or error-checking mutex the caller does not hold is
 *  EPERM (glibc checks the owner of those two kinds only); a recursive one is released at
 *  its outermost unlock. */
export function unlockMutex(c: Ctx, m: number): number {
  const kind = c.mem.readU(m + MUTEX_KIND, 4);
  if ((kind === PTHREAD_MUTEX_RECURSIVE || kind === PTHREAD_MUTEX_ERRORCHECK) && c.p.mutexes[m] !== c.t.tid) return ERRNO.EPERM;
  if (kind === PTHREAD_MUTEX_RECURSIVE) {
    const depth = c.mem.readU(m + MUTEX_DEPTH, 4) - 1;
    c.mem.writeU(m + MUTEX_DEPTH, 4, depth);
    if (depth > 0) return 0;
  }
  delete c.p.mutexes[m];
  c.mem.writeU(m, 4, 0);
  c.mem.writeU(m + 4, 4, 0);
  return 0;
}

/** pthread_once: the first caller runs the routine (as user code); the builtin runs again
 *  when it returns and marks it done. Other threads wait until then; later calls return 0. */
function once(c: Ctx, ctl: number, routine: number): number | Ctl {
  c.t.wait = undefined;
  const v = c.mem.readU(ctl, 4) | 0;
  if (v === ONCE_DONE) return 0;
  if (v === -c.t.tid) { c.mem.writeU(ctl, 4, ONCE_DONE); return 0; }
  if (v < 0) return libWait(c, "once", ctl, "pthread_once (another thread runs the routine)");
  c.mem.writeU(ctl, 4, -c.t.tid >>> 0);
  c.m.callFromLibrary(c.p, c.t, routine, []);
  return CALLED;
}

export const threads: Builtin[] = [
  { name: "pthread_once", fn: (c, a) => once(c, a[0], a[1]) },
  {
    name: "pthread_create", fn: (c, a) => {
      const [tidp, attr, fn, arg] = a;
      const r = c.k.threadCreate(c.t.tid);
      const v = sys(c, "clone", [], r);
      if (typeof v !== "number" || v < 0) return typeof v === "number" ? 11 : v;
      const t = c.m.newThread(c.p, v);
      const start = c.p.prog.funcIndex.get("_thread_start")!;
      t.frames.push({ fn: start, pc: 0, fp: t.sp, callerSp: t.sp, base: 0 });
      t.stack.push(fn, arg);
      if (attr && createsDetached(c, attr)) t.detached = true;
      if (tidp) c.mem.write64(tidp, v);
      return 0;
    },
  },
  { name: "pthread_exit", fn: (c, a) => threadExit(c, a[0]) },
  {
    name: "pthread_join", fn: (c, a) => {
      const [tid, retp] = a;
      c.t.wait = undefined;
      if (tid in c.p.finished) {
        if (retp) c.mem.write64(retp, c.p.finished[tid]);
        delete c.p.finished[tid];
        return 0;
      }
      const t = c.p.threads.find((x) => x.tid === tid);
      if (!t) return 3; // ESRCH
      if (t.detached) return 22; // EINVAL: no one may join a detached thread
      // A cancellation point: a request for this thread ends the wait (cancel.ts).
      return libWait(c, "join", tid, `pthread_join(${tid})`);
    },
  },
  {
    name: "pthread_detach", fn: (c, a) => {
      const t = c.p.threads.find((x) => x.tid === a[0]);
      if (t) t.detached = true;
      delete c.p.finished[a[0]];
      return t ? 0 : 3;
    },
  },
  { name: "pthread_self", fn: (c) => c.t.tid },
  { name: "pthread_equal", fn: (_c, a) => (a[0] === a[1] ? 1 : 0) },
  {
    // glibc writes the whole pthread_mutex_t (40 bytes; a default mutex is all zero), as
    // PTHREAD_MUTEX_INITIALIZER would: the card shows it initialised, not indeterminate.
    // The attribute's type (pthread_mutexattr_settype; attr.ts) goes into it.
    name: "pthread_mutex_init", fn: (c, a) => {
      delete c.p.mutexes[a[0]];
      c.mem.fill(a[0], 0, 40);
      if (a[1]) c.mem.writeU(a[0] + MUTEX_KIND, 4, c.mem.readU(a[1], 4));
      return 0;
    },
  },
  { name: "pthread_mutex_destroy", fn: () => 0 },
  { name: "pthread_mutex_lock", fn: (c, a) => lockMutex(c, a[0]) },
  { name: "pthread_mutex_trylock", fn: (c, a) => trylockMutex(c, a[0]) },
  { name: "pthread_mutex_unlock", fn: (c, a) => unlockMutex(c, a[0]) },
  { name: "shmget", fn: (c, a) => sys(c, "shmget", [a[0], a[1]], c.k.shmget(c.t.tid, a[0], a[1], a[2])) },
  {
    name: "shmat", fn: (c, a) => sys(c, "shmat", [a[0]], c.k.shmat(c.t.tid, a[0], a[2]), (r) => {
      if (r.segment) c.mem.mapShared(r.ret, r.segment, `shared memory ${a[0]}`);
      return r.ret;
    }),
  },
  { name: "shmdt", fn: (c, a) => sys(c, "shmdt", [], c.k.shmdt(c.t.tid, a[0]), (r) => { c.mem.unmap(a[0]); return r.ret; }) },
  {
    name: "shmctl", fn: (c, a) => sys(c, "shmctl", [a[0], a[1]], c.k.shmctl(c.t.tid, a[0], a[1]), (r) => {
      if (a[2] && r.shmStat) {
        c.mem.writeU(a[2], 4, r.shmStat.key);
        c.mem.write64(a[2] + 48, r.shmStat.size);
        c.mem.write64(a[2] + 88, r.shmStat.nattch);
      }
      return r.ret;
    }),
  },
];
