// System V shared memory: segments by key/id, attached into processes at addresses;
// fork copies attachments, exit and exec detach them; IPC_RMID removes the segment once
// the last process detaches.
import { objalloc } from "./file";
import { IPC_CREAT, IPC_EXCL, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, PAGE_SIZE, SHM_RDONLY } from "./fcntl";
import type { KProc, KState, ShmSeg, Task } from "./kstate";
import { fail, ok, SysResult } from "./result";

export const SHMMAX = 1 << 24;

export function shmget(k: KState, key: number, size: number, flags: number): SysResult {
  if (!Number.isInteger(key) || !Number.isInteger(size) || !Number.isInteger(flags)) return fail("EINVAL");
  if (key !== IPC_PRIVATE) {
    const seg = [...k.shm.values()].find((s) => s.key === key && !s.removed);
    if (seg) {
      if (flags & IPC_CREAT && flags & IPC_EXCL) return fail("EEXIST");
      if (size > seg.size) return fail("EINVAL");
      return ok(seg.shmid);
    }
    if (!(flags & IPC_CREAT)) return fail("ENOENT");
  }
  if (size < 1 || size > SHMMAX) return fail("EINVAL");
  const shmid = k.nextShmid++;
  const seg = objalloc<ShmSeg>(k, (id) => ({
    id, kind: "shm", refs: 0, shmid, key, size, data: new Uint8Array(Math.ceil(size / PAGE_SIZE) * PAGE_SIZE), removed: false,
  }));
  k.shm.set(shmid, seg);
  return ok(shmid);
}

export function shmat(k: KState, t: Task, shmid: number, flags: number): SysResult {
  const seg = k.shm.get(shmid);
  if (!seg) return fail("EINVAL");
  if (flags & ~SHM_RDONLY) return fail("EINVAL");
  const p = t.proc;
  const addr = p.nextShmAddr;
  p.nextShmAddr += seg.data.length + PAGE_SIZE;
  p.shm.set(addr, shmid);
  seg.refs++;
  return ok(addr, { segment: seg.data });
}

export function shmdt(k: KState, t: Task, addr: number): SysResult {
  const p = t.proc;
  const shmid = p.shm.get(addr);
  if (shmid === undefined) return fail("EINVAL");
  p.shm.delete(addr);
  detach(k, shmid);
  return ok(0);
}

function detach(k: KState, shmid: number): void {
  const seg = k.shm.get(shmid);
  if (!seg) return;
  seg.refs--;
  if (seg.refs === 0 && seg.removed) destroy(k, seg);
}

function destroy(k: KState, seg: ShmSeg): void {
  k.shm.delete(seg.shmid);
  k.objects.delete(seg.id);
}

export function shmctl(k: KState, shmid: number, cmd: number): SysResult {
  const seg = k.shm.get(shmid);
  if (cmd !== IPC_RMID && cmd !== IPC_STAT && cmd !== IPC_SET) return fail("EINVAL");
  if (!seg) return fail("EINVAL");
  if (cmd === IPC_STAT) return ok(0, { shmStat: { size: seg.size, nattch: seg.refs, key: seg.removed ? IPC_PRIVATE : seg.key } });
  if (cmd === IPC_SET) return ok(0);
  seg.removed = true;
  if (seg.refs === 0) destroy(k, seg);
  return ok(0);
}

export function shmforkcopy(k: KState, parent: KProc, child: KProc): void {
  child.nextShmAddr = parent.nextShmAddr;
  for (const [addr, shmid] of parent.shm) {
    child.shm.set(addr, shmid);
    const seg = k.shm.get(shmid);
    if (seg) seg.refs++;
  }
}

export function shmdetachall(k: KState, p: KProc): void {
  for (const shmid of p.shm.values()) detach(k, shmid);
  p.shm.clear();
}
