// Semaphores: System V's semget/semop/semctl (the kernel's sem.ts), and POSIX's sem_t as
// glibc makes it: the counter is the first word of the sem_t in the process's memory; the
// library takes and gives it, and goes to the kernel (futex.ts) only to sleep while it is 0
// and to wake a sleeper after a post. A sem_t in shared memory (shm, MAP_SHARED, sem_open)
// is shared by every process that maps it. Named semaphores are shm segments by name.
import { isBlocked, SysRet } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { setErrno, str, sys } from "./sys";
import { realtimeDeadline } from "./time";

const SEMBUF = 6; // sizeof(struct sembuf)
const SEM_VALUE_MAX = 2147483647;
const O_CREAT = 0o100;
const O_EXCL = 0o200;
const GETALL = 13;
const SETALL = 17;
const IPC_STAT = 2;

/** struct sembuf { unsigned short sem_num; short sem_op; short sem_flg; } × n. */
function readOps(c: Ctx, at: number, n: number): Array<{ num: number; op: number; flg: number }> {
  const ops = [];
  for (let i = 0; i < Math.min(n, 501); i++) {
    const a = at + i * SEMBUF;
    ops.push({ num: c.mem.readU(a, 2), op: (c.mem.readU(a + 2, 2) << 16) >> 16, flg: c.mem.readU(a + 4, 2) });
  }
  return ops;
}

/** semctl(semid, num, cmd, arg): arg is union semun, passed as one word (val, or array/buf). */
function semctl(c: Ctx, a: number[]): number | Ctl {
  const [semid, num, cmd, arg] = a;
  let value: number | number[] = arg | 0;
  if (cmd === SETALL) {
    const set = c.k.semctl(c.t.tid, semid, 0, IPC_STAT);
    const n = !isBlocked(set) && set.semStat ? set.semStat.nsems : 0;
    value = Array.from({ length: n }, (_, i) => c.mem.readU(arg + 2 * i, 2));
  }
  return sys(c, "semctl", [semid, num, cmd], c.k.semctl(c.t.tid, semid, num, cmd, value), (r) => {
    if (cmd === GETALL && r.semVals) r.semVals.forEach((v, i) => c.mem.writeU(arg + 2 * i, 2, v));
    if (cmd === IPC_STAT && r.semStat && arg) {
      c.mem.writeU(arg, 4, r.semStat.key);
      c.mem.write64(arg + 80, r.semStat.nsems); // sem_nsems, after sem_perm and the two times
    }
    return r.ret;
  });
}

/** A failure of a library function that sets errno without a system call. */
function libfail(c: Ctx, e: SysRet["errno"] & string): number {
  setErrno(c, e);
  return -1;
}

function semInit(c: Ctx, sem: number, value: number): number {
  if (value >>> 0 > SEM_VALUE_MAX) return libfail(c, "EINVAL");
  c.mem.fill(sem, 0, 32);
  c.mem.writeU(sem, 4, value >>> 0);
  return 0;
}

/** sem_wait: take one if the count is above 0, else sleep in the kernel until a post; with
 *  `due` (sem_timedwait's deadline, logical ms) no later than that, then ETIMEDOUT. */
function semWait(c: Ctx, sem: number, due?: number): number | Ctl {
  const v = c.mem.readU(sem, 4);
  // With v at 0 the kernel puts the caller to sleep; woken, the call runs again from the
  // top and looks again (another process may have taken the count first).
  return sys(c, "futex", [sem], c.k.futexWait(c.t.tid, sem, v, due), () => {
    c.mem.writeU(sem, 4, v - 1);
    return 0;
  });
}

/** sem_timedwait: glibc checks tv_nsec first (EINVAL), even when the count could be taken;
 *  a deadline already past still takes a count that is there. */
function semTimedWait(c: Ctx, sem: number, abstime: number): number | Ctl {
  const due = realtimeDeadline(c, abstime);
  return due === undefined ? libfail(c, "EINVAL") : semWait(c, sem, due);
}

function semPost(c: Ctx, sem: number): number | Ctl {
  const v = c.mem.readU(sem, 4);
  if (v >= SEM_VALUE_MAX) return libfail(c, "EOVERFLOW");
  c.mem.writeU(sem, 4, v + 1);
  return sys(c, "futex", [sem], c.k.futexWake(c.t.tid, sem, 1), () => 0);
}

/** sem_open(name, oflag[, mode, value]): the named semaphore mapped into this process, or
 *  SEM_FAILED (NULL) with errno. */
function semOpen(c: Ctx, a: number[]): number {
  const [namep, oflag, , value] = a;
  const name = str(c, namep);
  const create = (oflag & O_CREAT) !== 0;
  const failed = (e: SysRet["errno"] & string): number => { libfail(c, e); return 0; };
  if (create && value >>> 0 > SEM_VALUE_MAX) return failed("EINVAL");
  const r = c.k.semOpen(c.t.tid, name, create, (oflag & O_EXCL) !== 0);
  if (isBlocked(r) || r.ret < 0) return failed(isBlocked(r) ? "EINVAL" : r.errno!);
  const at = c.k.shmat(c.t.tid, r.ret, 0);
  if (isBlocked(at) || at.ret < 0 || !at.segment) return failed("ENOMEM");
  c.mem.mapShared(at.ret, at.segment, `semaphore ${name}`);
  if (r.created) semInit(c, at.ret, value);
  return at.ret;
}

function semClose(c: Ctx, sem: number): number {
  const r = c.k.shmdt(c.t.tid, sem);
  if (isBlocked(r) || r.ret < 0) return libfail(c, "EINVAL");
  c.mem.unmap(sem);
  return 0;
}

export const semaphores: Builtin[] = [
  { name: "semget", fn: (c, a) => sys(c, "semget", [a[0], a[1], a[2]], c.k.semget(c.t.tid, a[0], a[1], a[2])) },
  { name: "semop", fn: (c, a) => sys(c, "semop", [a[0], a[2]], c.k.semop(c.t.tid, a[0], readOps(c, a[1], a[2]))) },
  { name: "semctl", fn: semctl },
  { name: "sem_init", fn: (c, a) => semInit(c, a[0], a[2]) },
  { name: "sem_destroy", fn: () => 0 },
  { name: "sem_wait", fn: (c, a) => semWait(c, a[0]) },
  { name: "sem_timedwait", fn: (c, a) => semTimedWait(c, a[0], a[1]) },
  {
    name: "sem_trywait", fn: (c, a) => {
      const v = c.mem.readU(a[0], 4);
      if (v === 0) return libfail(c, "EAGAIN");
      c.mem.writeU(a[0], 4, v - 1);
      return 0;
    },
  },
  { name: "sem_post", fn: (c, a) => semPost(c, a[0]) },
  { name: "sem_getvalue", fn: (c, a) => { c.mem.writeU(a[1], 4, c.mem.readU(a[0], 4)); return 0; } },
  { name: "sem_open", fn: semOpen },
  { name: "sem_close", fn: (c, a) => semClose(c, a[0]) },
  { name: "sem_unlink", fn: (c, a) => { const r = c.k.semUnlink(c.t.tid, str(c, a[0])); return isBlocked(r) || r.ret >= 0 ? 0 : libfail(c, r.errno!); } },
];
