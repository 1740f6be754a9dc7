// System V semaphores (semget(2), semop(2), semctl(2)): sets of counters by key and id,
// living until IPC_RMID. semop applies all of its operations at once or none: one that
// would take a value below 0, or wait for 0 while it is not, makes the caller sleep on the
// set (or fail with EAGAIN under IPC_NOWAIT) until a change lets every operation go. IPC_RMID
// wakes the sleepers with EIDRM. A signal handler ends the wait with EINTR, SA_RESTART or
// not (semop is never restarted). SEM_UNDO operations are undone when the process exits.
import { IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, GETALL, GETNCNT, GETPID, GETVAL, GETZCNT, SEM_UNDO, SETALL, SETVAL } from "./fcntl";
import type { KProc, KState, SemOp, SemSet, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted } from "./signal";
import { Chan, touch, waitTest } from "./waitq";

/** Linux's limits: semaphores per set, operations per semop, the largest value. */
export const SEMMSL = 32000;
export const SEMOPM = 500;
export const SEMVMX = 32767;

const semChan = (semid: number): Chan => `sem${semid}`;

waitTest("semop", (k, _t, c) => {
  const set = k.sems.get(c.semid);
  return !set || attempt(set, c.ops) !== "block";
});

/** The values after ops, "block" when one of them must wait, or ERANGE past SEMVMX. */
function attempt(set: SemSet, ops: SemOp[]): number[] | "block" | "ERANGE" {
  const vals = set.vals.slice();
  for (const { num, op } of ops) {
    const v = vals[num] + op;
    if (op === 0 ? vals[num] !== 0 : v < 0) return "block";
    if (v > SEMVMX) return "ERANGE";
    vals[num] = v;
  }
  return vals;
}

export function semget(k: KState, key: number, nsems: number, flags: number): SysRet {
  if (!Number.isInteger(key) || !Number.isInteger(nsems) || !Number.isInteger(flags)) return fail("EINVAL");
  if (nsems < 0 || nsems > SEMMSL) return fail("EINVAL");
  if (key !== IPC_PRIVATE) {
    const set = [...k.sems.values()].find((s) => s.key === key);
    if (set) {
      if (flags & IPC_CREAT && flags & IPC_EXCL) return fail("EEXIST");
      if (nsems > set.vals.length) return fail("EINVAL");
      return ok(set.semid);
    }
    if (!(flags & IPC_CREAT)) return fail("ENOENT");
  }
  if (nsems === 0) return fail("EINVAL");
  const semid = k.nextSemid++;
  k.sems.set(semid, { semid, key, vals: new Array(nsems).fill(0), pids: new Array(nsems).fill(0) });
  return ok(semid);
}

export function semop(k: KState, t: Task, semid: number, ops: SemOp[]): SysResult {
  const call = `semop(${semid})`;
  const decided = t.decided;
  t.decided = undefined;
  if (decided?.call === call) return fail(decided.errno);
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (ops.length < 1) return fail("EINVAL");
  if (ops.length > SEMOPM) return fail("E2BIG");
  const set = k.sems.get(semid);
  if (!set) return fail("EINVAL");
  if (ops.some((o) => !Number.isInteger(o.num) || o.num < 0 || o.num >= set.vals.length)) return fail("EFBIG");
  const next = attempt(set, ops);
  if (next === "ERANGE") return fail("ERANGE");
  if (next === "block") {
    if (ops.some((o) => o.flg & IPC_NOWAIT)) return fail("EAGAIN");
    return block(k, t, call, { kind: "semop", semid, ops }, [semChan(semid)]);
  }
  set.vals = next;
  for (const o of ops) {
    set.pids[o.num] = t.proc.pid;
    if (o.flg & SEM_UNDO && o.op !== 0) adjust(t.proc, semid, o.num, -o.op);
  }
  touch(k, semChan(semid));
  return ok(0);
}

function adjust(p: KProc, semid: number, num: number, by: number): void {
  const adj = (p.semadj ??= new Map());
  const key = `${semid}.${num}`;
  const v = (adj.get(key) ?? 0) + by;
  if (v === 0) adj.delete(key);
  else adj.set(key, v);
}

/** semctl's argument: a value (SETVAL) or the array of values (SETALL). */
export type SemArg = number | number[];

export function semctl(k: KState, semid: number, num: number, cmd: number, arg: SemArg): SysRet {
  const set = k.sems.get(semid);
  if (!set) return fail("EINVAL");
  const n = set.vals.length;
  const inRange = Number.isInteger(num) && num >= 0 && num < n;
  switch (cmd) {
    case IPC_RMID: return semrm(k, set);
    case IPC_STAT: return ok(0, { semStat: { nsems: n, key: set.key } });
    case IPC_SET: return ok(0);
    case GETALL: return ok(0, { semVals: set.vals.slice() });
    case SETALL: {
      const vals = Array.isArray(arg) ? arg : [];
      if (vals.length !== n) return fail("EFAULT");
      if (vals.some((v) => v < 0 || v > SEMVMX)) return fail("ERANGE");
      set.vals = vals.slice();
      for (let i = 0; i < n; i++) forgetUndo(k, semid, i);
      touch(k, semChan(semid));
      return ok(0);
    }
  }
  if (![GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT].includes(cmd)) return fail("EINVAL");
  if (!inRange) return fail("EINVAL");
  switch (cmd) {
    case GETVAL: return ok(set.vals[num]);
    case GETPID: return ok(set.pids[num]);
    case GETNCNT: return ok(sleepers(k, semid, num, (op) => op < 0));
    case GETZCNT: return ok(sleepers(k, semid, num, (op) => op === 0));
  }
  const v = typeof arg === "number" ? arg : NaN;
  if (!Number.isInteger(v) || v < 0 || v > SEMVMX) return fail("ERANGE");
  set.vals[num] = v;
  forgetUndo(k, semid, num);
  touch(k, semChan(semid));
  return ok(0);
}

/** How many tasks sleep in semop on semaphore num for an operation `kind` accepts. */
function sleepers(k: KState, semid: number, num: number, kind: (op: number) => boolean): number {
  let count = 0;
  for (const t of k.tasks.values()) {
    const c = t.wait;
    if (t.state === "blocked" && c?.kind === "semop" && c.semid === semid && c.ops.some((o) => o.num === num && kind(o.op))) count++;
  }
  return count;
}

/** SETVAL and SETALL clear every process's undo entries for the semaphores they set, as Linux does. */
function forgetUndo(k: KState, semid: number, num: number): void {
  for (const p of k.procs.values()) p.semadj?.delete(`${semid}.${num}`);
}

function semrm(k: KState, set: SemSet): SysRet {
  k.sems.delete(set.semid);
  for (const t of k.tasks.values()) {
    const c = t.wait;
    if (t.state === "blocked" && c?.kind === "semop" && c.semid === set.semid) t.decided = { call: `semop(${set.semid})`, errno: "EIDRM" };
  }
  touch(k, semChan(set.semid));
  return ok(0);
}

/** exit: each SEM_UNDO adjustment is added back, the value kept within 0..SEMVMX. */
export function semexit(k: KState, p: KProc): void {
  for (const [key, by] of p.semadj ?? []) {
    const [semid, num] = key.split(".").map(Number);
    const set = k.sems.get(semid);
    if (!set) continue;
    set.vals[num] = Math.max(0, Math.min(SEMVMX, set.vals[num] + by));
    set.pids[num] = p.pid;
    touch(k, semChan(semid));
  }
  p.semadj = undefined;
}
