// The process tree under one pid. /proc/PID/task/TID/children lists each thread's
// children directly (CONFIG_PROC_CHILDREN); without it we scan every /proc/N/stat for ppid.
import { existsSync, readdirSync } from "node:fs";
import { PROC, readProcFile, readStat, vanished } from "./procfs";

/** Children of pid from its threads' children files; undefined when the kernel lacks them. */
export function childrenOf(pid: number, proc = PROC): number[] | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`${proc}/${pid}/task`);
  } catch (e) {
    if (vanished(e)) return [];
    throw e;
  }
  const kids: number[] = [];
  for (const tid of tids) {
    const file = `${proc}/${pid}/task/${tid}/children`;
    try {
      for (const w of readProcFile(file).split(/\s+/)) if (w) kids.push(Number(w));
    } catch (e) {
      if (vanished(e) && !existsSync(`${proc}/${pid}/task/${tid}`)) continue; // thread ended
      if (vanished(e)) return undefined; // no children files on this kernel
      throw e;
    }
  }
  return kids;
}

/** Every descendant of root, root first, in breadth-first order. */
export function descendants(root: number, proc = PROC): number[] {
  const order = [root];
  const direct = childrenOf(root, proc);
  if (direct === undefined) return scanDescendants(root, proc);
  for (let i = 0; i < order.length; i++) {
    const kids = i === 0 ? direct : childrenOf(order[i], proc) ?? [];
    for (const k of kids) if (!order.includes(k)) order.push(k);
  }
  return order;
}

/** Fallback: one pass over /proc builds a ppid map, then walk it from root. */
export function scanDescendants(root: number, proc = PROC): number[] {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name), proc);
    if (!st) continue;
    const list = byParent.get(st.ppid) ?? [];
    list.push(st.pid);
    byParent.set(st.ppid, list);
  }
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    for (const k of (byParent.get(order[i]) ?? []).sort((a, b) => a - b)) order.push(k);
  }
  return order;
}
