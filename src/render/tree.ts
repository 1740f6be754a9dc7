// Process-tree order: parents before their children, siblings by pid, as `ps -H` lists
// them. Clients (outside processes) come last, in pid order.
import type { Proc, Snapshot } from "../contract/snapshot";

export interface TreeEntry {
  proc: Proc;
  /** Depth below the root of its tree (0 for init and orphan roots). */
  depth: number;
}

export function processTreeOrder(snap: Snapshot): TreeEntry[] {
  const program = snap.processes.filter((p) => p.kind !== "client");
  const present = new Set(program.map((p) => p.pid));
  const children = new Map<number, Proc[]>();
  for (const p of program) {
    const parent = present.has(p.ppid) && p.ppid !== p.pid ? p.ppid : -1;
    const list = children.get(parent) ?? [];
    list.push(p);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.pid - b.pid);
  const out: TreeEntry[] = [];
  // Iterative walk: a 200-process chain must not overflow the stack.
  const stack: TreeEntry[] = (children.get(-1) ?? []).map((proc) => ({ proc, depth: 0 })).reverse();
  const seen = new Set<number>();
  while (stack.length) {
    const e = stack.pop() as TreeEntry;
    if (seen.has(e.proc.pid)) continue;
    seen.add(e.proc.pid);
    out.push(e);
    const kids = children.get(e.proc.pid) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ proc: kids[i], depth: e.depth + 1 });
  }
  // A ppid cycle would leave processes unvisited: list them rather than lose them.
  for (const p of program) if (!seen.has(p.pid)) out.push({ proc: p, depth: 0 });
  const clients = snap.processes.filter((p) => p.kind === "client").sort((a, b) => a.pid - b.pid);
  return out.concat(clients.map((proc) => ({ proc, depth: 0 })));
}
