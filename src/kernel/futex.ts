// The kernel half of POSIX semaphores, as glibc builds them on futex(2): the counter is a
// word in the process's memory (sem_t); the library changes it, and asks the kernel only to
// sleep while it reads 0 and to wake sleepers after a post. A word is known by where it
// lives: inside a shared segment (shm, MAP_SHARED, a named semaphore) by segment and
// offset, so every process that maps it meets the same sleepers; elsewhere by process and
// address (threads share it, a forked child's copy is its own).
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from "./fcntl";
import type { KState, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { shmctl, shmget } from "./shm";
import { interrupted } from "./signal";
import { Chan, CLOCK_CHAN, touch, waitTest } from "./waitq";

waitTest("futex", (k, _t, c) => c.woken || (c.deadline !== undefined && k.clock >= c.deadline));

/** sizeof(sem_t) on x86-64. */
const SEM_T_SIZE = 32;

const futexChan = (key: string): Chan => `futex:${key}`;

/** The word's identity: "shm<id>+<offset>" in a shared segment, else "pid<pid>+<address>". */
function futexKey(k: KState, t: Task, addr: number): string {
  for (const [at, shmid] of t.proc.shm) {
    const seg = k.shm.get(shmid);
    if (seg && addr >= at && addr < at + seg.data.length) return `shm${shmid}+${addr - at}`;
  }
  return `pid${t.proc.pid}+${addr}`;
}

/**
 * sem_wait's sleep: `seen` is the value the library just read. Not 0: go on (the library
 * takes it). 0: sleep until a post wakes this sleeper. A handler that ran meanwhile ends
 * the wait with EINTR, or (SA_RESTART) lets it sleep on, as Linux's futex does.
 * sem_timedwait's sleep also ends at `deadline` (logical ms, absolute) with ETIMEDOUT; the
 * deadline is the task's timer meanwhile, so the clock moves to it when all else waits.
 */
export function futexWait(k: KState, t: Task, addr: number, seen: number, deadline?: number): SysResult {
  const call = `${deadline === undefined ? "sem_wait" : "sem_timedwait"}(0x${addr.toString(16)})`;
  if (t.timer?.call === call) t.timer = undefined;
  if (deadline !== undefined && !Number.isFinite(deadline)) return fail("EINVAL");
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (seen !== 0) return ok(0);
  if (deadline !== undefined && k.clock >= deadline) return fail("ETIMEDOUT");
  const key = futexKey(k, t, addr);
  if (deadline === undefined) return block(k, t, call, { kind: "futex", key, woken: false }, [futexChan(key)]);
  t.timer = { call, deadline };
  return block(k, t, call, { kind: "futex", key, woken: false, deadline }, [futexChan(key), CLOCK_CHAN]);
}

/** sem_post's wake: up to n sleepers on the word, oldest first; ret is how many. */
export function futexWake(k: KState, t: Task, addr: number, n: number): SysResult {
  const ch = futexChan(futexKey(k, t, addr));
  let woken = 0;
  for (const tid of k.waitq.get(ch) ?? []) {
    if (woken >= n) break;
    const c = k.tasks.get(tid)?.wait;
    if (c?.kind === "futex" && !c.woken) { c.woken = true; woken++; }
  }
  if (woken) touch(k, ch);
  return ok(woken);
}

/** A named semaphore's name as glibc takes it: leading slashes dropped, no other slash. */
function semName(name: string): string | undefined {
  const n = name.replace(/^\/+/, "");
  return n === "" || n.includes("/") ? undefined : n;
}

/**
 * sem_open(3)'s kernel half: the shm segment that holds the named semaphore (created with
 * O_CREAT; EEXIST with O_EXCL too; ENOENT without O_CREAT when there is none). `created`
 * tells the library to store the initial value. The name lasts until sem_unlink.
 */
export function semOpen(k: KState, name: string, create: boolean, excl: boolean): SysResult {
  const n = semName(name);
  if (n === undefined) return fail("EINVAL");
  if (n.length > 251) return fail("ENAMETOOLONG");
  const had = k.semNames.get(n);
  if (had !== undefined && k.shm.has(had)) return create && excl ? fail("EEXIST") : ok(had);
  if (!create) return fail("ENOENT");
  const r = shmget(k, IPC_PRIVATE, SEM_T_SIZE, IPC_CREAT | 0o600);
  if ("blocked" in r || r.ret < 0) return r;
  k.semNames.set(n, r.ret);
  return ok(r.ret, { created: true });
}

/** sem_unlink(3): the name goes now; the semaphore when the last process closes it. */
export function semUnlink(k: KState, name: string): SysResult {
  const n = semName(name);
  if (n === undefined) return fail("EINVAL");
  const shmid = k.semNames.get(n);
  if (shmid === undefined) return fail("ENOENT");
  k.semNames.delete(n);
  shmctl(k, shmid, IPC_RMID);
  return ok(0);
}
