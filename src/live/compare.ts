// Model and reality side by side: the same server with the same clients, once stepped in
// the model and once read from /proc, compared process by process and descriptor by
// descriptor. Processes pair up by role (the server, then its children in fork order);
// descriptors by number; what is compared is what a learner draws: the kind of object,
// the open file's refcount, and whether the child shares it with its parent.
import type { KObject, OpenFile, Proc, Snapshot } from "../contract/snapshot";

export interface CompareRow {
  /** "server", "child 1", ... */
  who: string;
  /** "state" or "fd N". */
  what: string;
  model: string;
  live: string;
  same: boolean;
}

function objectText(o: KObject | undefined, f: OpenFile): string {
  if (!o) return "?";
  switch (o.kind) {
    case "socket": return `${o.state} socket`;
    case "pipe": return `pipe ${f.end ?? ""} end`.replace("  ", " ");
    case "tty": return "terminal";
    case "file": return `file ${o.path.split("/").pop()}`;
    case "shm": return "shm";
  }
}

/** What one descriptor shows: object kind, refcount, shared with the parent's same fd. */
function fdText(s: Snapshot, p: Proc, fd: number, parent?: Proc): string {
  const id = p.fds[fd];
  if (id === null || id === undefined) return "closed";
  const f = s.files.find((x) => x.id === id)!;
  const shared = parent && parent.fds[fd] === id ? ", shared with the parent" : "";
  return `${objectText(s.objects.find((o) => o.id === f.object), f)}, refcount ${f.refcount}${shared}`;
}

function stateText(p: Proc): string {
  return p.blockedOn ? `${p.state} in ${p.blockedOn}` : p.state;
}

/** The server and its descendants that run the program, server first, then by pid. */
function programTree(s: Snapshot, root: number): Proc[] {
  const inTree = new Set([root]);
  const out: Proc[] = [];
  for (const p of [...s.processes].sort((a, b) => a.pid - b.pid)) {
    if (p.pid === root || inTree.has(p.ppid)) {
      inTree.add(p.pid);
      if (p.kind === "program") out.push(p);
    }
  }
  return out;
}

export function compareTables(model: Snapshot, modelRoot: number, live: Snapshot, liveRoot: number): CompareRow[] {
  const m = programTree(model, modelRoot);
  const l = programTree(live, liveRoot);
  const rows: CompareRow[] = [];
  for (let i = 0; i < Math.max(m.length, l.length); i++) {
    const who = i === 0 ? "server" : `child ${i}`;
    const mp = m[i];
    const lp = l[i];
    const ms = mp ? stateText(mp) : "absent";
    const ls = lp ? stateText(lp) : "absent";
    rows.push({ who, what: "state", model: ms, live: ls, same: ms === ls });
    const fds = Math.max(mp?.fds.length ?? 0, lp?.fds.length ?? 0);
    for (let fd = 0; fd < fds; fd++) {
      const mt = mp ? fdText(model, mp, fd, i ? m[0] : undefined) : "absent";
      const lt = lp ? fdText(live, lp, fd, i ? l[0] : undefined) : "absent";
      if (mt === "closed" && lt === "closed") continue;
      rows.push({ who, what: `fd ${fd}`, model: mt, live: lt, same: mt === lt });
    }
  }
  return rows;
}

/** The rows as an aligned text table, differences marked. */
export function formatComparison(rows: CompareRow[]): string {
  const w = (k: "who" | "what" | "model") => Math.max(k.length, ...rows.map((r) => r[k].length));
  const [a, b, c] = [w("who"), w("what"), w("model")];
  const line = (r: { who: string; what: string; model: string; live: string }, mark: string) =>
    `${mark} ${r.who.padEnd(a)}  ${r.what.padEnd(b)}  ${r.model.padEnd(c)}  ${r.live}`;
  return [line({ who: "who", what: "what", model: "model", live: "live (/proc)" }, " "),
    ...rows.map((r) => line(r, r.same ? " " : "≠"))].join("\n");
}
