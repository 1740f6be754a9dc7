// Reader-writer locks (pthread_rwlock_*), waited for in the library as mutexes are
// (threads.ts). The lock lives in the caller's memory: the number of readers holding it at
// offset 0 and the writer's tid at 24, where glibc keeps __readers and __cur_writer, so
// PTHREAD_RWLOCK_INITIALIZER (all zeros) is a free lock. glibc's default kind prefers
// readers: a reader gets in whenever no writer holds the lock, even while writers wait.
import type { Memory } from "../memory";
import { Builtin, BLOCKED, Ctx } from "../ctl";
import { libWait } from "./threads";
import { ERRNO } from "../../kernel/kernel";

const READERS = 0;
const WRITER = 24;
const RWLOCK_SIZE = 56;

/** Whether a reader (or, with write, a writer) could take the lock now. */
export function rwlockFree(mem: Memory, l: number, write: boolean): boolean {
  return mem.readU(l + WRITER, 4) === 0 && (!write || mem.readU(l + READERS, 4) === 0);
}

function take(c: Ctx, l: number, write: boolean): 0 {
  if (write) c.mem.writeU(l + WRITER, 4, c.t.tid);
  else c.mem.writeU(l + READERS, 4, c.mem.readU(l + READERS, 4) + 1);
  return 0;
}

/** rdlock and wrlock: the writer asking again is EDEADLK, as glibc says; else wait. */
function lock(c: Ctx, l: number, write: boolean): number | typeof BLOCKED {
  c.t.wait = undefined;
  if (c.mem.readU(l + WRITER, 4) === c.t.tid) return ERRNO.EDEADLK;
  if (rwlockFree(c.mem, l, write)) return take(c, l, write);
  const holder = c.mem.readU(l + WRITER, 4);
  const by = holder ? `thread ${holder} writes` : `${c.mem.readU(l + READERS, 4)} reading`;
  return libWait(c, write ? "wrlock" : "rdlock", l, `pthread_rwlock_${write ? "wr" : "rd"}lock (${by})`);
}

function trylock(c: Ctx, l: number, write: boolean): number {
  return rwlockFree(c.mem, l, write) ? take(c, l, write) : ERRNO.EBUSY;
}

/** unlock: the writer's, or one reader's. */
function unlock(c: Ctx, l: number): number {
  if (c.mem.readU(l + WRITER, 4) === c.t.tid) c.mem.writeU(l + WRITER, 4, 0);
  else if (c.mem.readU(l + READERS, 4) > 0) c.mem.writeU(l + READERS, 4, c.mem.readU(l + READERS, 4) - 1);
  return 0;
}

export const rwlocks: Builtin[] = [
  { name: "pthread_rwlock_init", fn: (c, a) => { c.mem.fill(a[0], 0, RWLOCK_SIZE); return 0; } },
  { name: "pthread_rwlock_destroy", fn: () => 0 },
  { name: "pthread_rwlock_rdlock", fn: (c, a) => lock(c, a[0], false) },
  { name: "pthread_rwlock_wrlock", fn: (c, a) => lock(c, a[0], true) },
  { name: "pthread_rwlock_tryrdlock", fn: (c, a) => trylock(c, a[0], false) },
  { name: "pthread_rwlock_trywrlock", fn: (c, a) => trylock(c, a[0], true) },
  { name: "pthread_rwlock_unlock", fn: (c, a) => unlock(c, a[0]) },
  { name: "pthread_rwlockattr_init", fn: (c, a) => { c.mem.write64(a[0], 0); return 0; } },
  { name: "pthread_rwlockattr_destroy", fn: () => 0 },
];
