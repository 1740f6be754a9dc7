// Hover texts: what the last execution of a line did to the kernel's tables, from the
// Snapshots before and after that step and the system calls the step made, e.g.
// "Close(connfd): open file #7 refcount 2 -> 1".
import type { KObject, Proc, Snapshot } from "../contract/snapshot";
import type { TraceEntry } from "../c/trace";
import { syscallText } from "../contract/syscalltext";

export interface LineEffect {
  pid: number;
  line: number;
  /** History index of the step. */
  step: number;
  /** The call as written on the line, e.g. "Close(connfd)". */
  call: string;
  /** The system calls with their results: "close(4) = 0". */
  calls: string[];
  /** What changed in the tables: "open file #7 refcount 2 -> 1". */
  effects: string[];
}

const KEYWORDS = new Set(["if", "while", "for", "switch", "return", "sizeof", "do", "else"]);

/** The first function call written on a source line, with balanced parentheses. */
export function callText(source: string): string | undefined {
  const re = /\b([A-Za-z_]\w*)\s*\(/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (KEYWORDS.has(m[1])) continue;
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < source.length; i++) {
      if (source[i] === "(") depth++;
      else if (source[i] === ")" && --depth === 0) return `${m[1]}${source.slice(m.index + m[0].length - 1, i + 1)}`;
    }
    return undefined;
  }
  return undefined;
}

function describeObject(o: KObject | undefined): string {
  if (!o) return "?";
  switch (o.kind) {
    case "socket": return `${o.state} socket${o.local ? ` ${o.local}` : ""}${o.remote ? ` <-> ${o.remote}` : ""}`;
    case "pipe": return "pipe";
    case "file": return `file ${o.path}`;
    case "tty": return `terminal ${o.name}`;
    case "shm": return `shared memory ${o.shmid}`;
  }
}

function fileLabel(s: Snapshot, id: number): string {
  const f = s.files.find((x) => x.id === id);
  if (!f) return `open file #${id}`;
  const o = s.objects.find((x) => x.id === f.object);
  return `open file #${id} (${f.end ? `${f.end} end of ` : ""}${describeObject(o)})`;
}

/** How a raw wait status reads: "exit 0", "killed by signal 13". */
export function waitStatusText(status: number): string {
  const sig = status & 0x7f;
  return sig === 0 ? `exit ${(status >> 8) & 0xff}` : `killed by signal ${sig}`;
}

/** Table changes for one process across one step. */
export function procEffects(prev: Snapshot, next: Snapshot, pid: number): string[] {
  const out: string[] = [];
  const a: Proc | undefined = prev.processes.find((p) => p.pid === pid);
  const b: Proc | undefined = next.processes.find((p) => p.pid === pid);
  const touched = new Set<number>();
  const n = Math.max(a?.fds.length ?? 0, b?.fds.length ?? 0);
  for (let fd = 0; fd < n; fd++) {
    const x = a?.fds[fd] ?? null;
    const y = b?.fds[fd] ?? null;
    if (x === y) continue;
    if (x === null) out.push(`fd ${fd} -> ${fileLabel(next, y!)}`);
    else if (y === null) out.push(`fd ${fd} closed (was open file #${x})`);
    else out.push(`fd ${fd}: open file #${x} -> #${y}`);
    if (x !== null) touched.add(x);
    if (y !== null) touched.add(y);
  }
  for (const e of next.events) {
    if (e.kind === "fork" && e.pid === pid) {
      const child = next.processes.find((p) => p.pid === e.child);
      const fds = child ? child.fds.flatMap((id, fd) => (id === null ? [] : [fd])) : [];
      out.push(`fork: child pid ${e.child} gets a copy of the descriptor table (fds ${fds.join(", ") || "none"}); each open file's refcount goes up by one`);
    }
    if (e.kind === "reap" && e.pid === pid) out.push(`reaped child pid ${e.child} (${waitStatusText(e.status)}): it leaves the process table`);
    if (e.kind === "exit" && e.pid === pid) out.push(`pid ${pid} exited (${waitStatusText(e.status)}): its descriptors are closed; it is a zombie until reaped`);
    if (e.kind === "signal" && e.pid === pid) out.push(`${e.signal}: ${e.action}`);
  }
  for (const id of [...touched].sort((x, y) => x - y)) {
    const before = prev.files.find((f) => f.id === id)?.refcount ?? 0;
    const after = next.files.find((f) => f.id === id)?.refcount ?? 0;
    if (before === after) continue;
    if (before === 0) out.push(`new open file #${id} (refcount ${after})`);
    else out.push(`open file #${id} refcount ${before} -> ${after}${after === 0 ? " (freed)" : ""}`);
  }
  return out;
}

/**
 * What one step (history index `step`) did, per process and line: the system calls and the
 * table changes. `source(line)` gives the text of a source line.
 */
export function stepEffects(prev: Snapshot, next: Snapshot, step: number, calls: TraceEntry[], source: (line: number) => string): LineEffect[] {
  const groups = new Map<string, TraceEntry[]>();
  for (const c of calls) {
    const key = `${c.pid}:${c.line}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  // The step's table changes belong to a process's last line in the step (the one that ran).
  const lastOf = new Map<number, string>();
  for (const key of groups.keys()) lastOf.set(Number(key.split(":")[0]), key);
  const out: LineEffect[] = [];
  for (const [key, list] of groups) {
    const [pid, line] = key.split(":").map(Number);
    const src = source(line);
    out.push({
      pid, line, step,
      call: callText(src) ?? src.trim(),
      calls: list.map(syscallText),
      effects: lastOf.get(pid) === key ? procEffects(prev, next, pid) : [],
    });
  }
  return out;
}

/** One line of text for a LineEffect, as the hover's first line. */
export function effectSummary(e: LineEffect): string {
  const what = e.effects.length ? e.effects.join("; ") : e.calls.join("; ");
  return `${e.call}: ${what}`;
}
