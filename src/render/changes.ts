// What the last step changed, found by comparing a Snapshot with the one before it. The
// picture highlights these; the text view and the screen-reader announcement list them.
import type { KObject, OpenFile, Proc, Snapshot } from "../contract/snapshot";
import { vnodeLabel } from "./lookup";

export interface Changes {
  /** "pid:fd" slots that got an open file (open, dup, accept, pipe) in a process that existed before. */
  newFds: Set<string>;
  /** "pid:fd" slots that were closed (the process still exists) -> the open file id they held. */
  closedFds: Map<string, number>;
  /** "pid:fd" slots that now point at a different open file (dup2 onto a used slot). */
  replacedFds: Set<string>;
  newFiles: Set<number>;
  /** Open file id -> refcount before, for those whose refcount changed. */
  refcountWas: Map<number, number>;
  offsetWas: Map<number, number>;
  /** Open files that existed before and are gone (their last reference closed). */
  freedFiles: OpenFile[];
  newObjects: Set<number>;
  /** Objects whose contents changed (bytes queued, readers/writers, pending connections). */
  changedObjects: Set<number>;
  freedObjects: KObject[];
  newProcs: Set<number>;
  newZombies: Set<number>;
  /** Processes that are gone (reaped). */
  reaped: Proc[];
  /** Pids whose state, blocking reason or line changed. */
  stateChanged: Set<number>;
  signalsChanged: Set<number>;
  /** Pids that lost a signal in this step. */
  newlyLost: Set<number>;
  stdoutChanged: Set<number>;
  /** pid -> the variables this step changed in it: "frame index:name" for locals (0 =
   *  outermost), "g:name" for globals. A new process's are not marked (all are new). */
  changedVars: Map<number, Set<string>>;
  /** Output chunks this step wrote (Snapshot.output holds only those: the last n chunks of the terminal). */
  newOutput: number;
}

export function noChanges(): Changes {
  return {
    newFds: new Set(), closedFds: new Map(), replacedFds: new Set(), newFiles: new Set(),
    refcountWas: new Map(), offsetWas: new Map(), freedFiles: [], newObjects: new Set(),
    changedObjects: new Set(), freedObjects: [], newProcs: new Set(), newZombies: new Set(),
    reaped: [], stateChanged: new Set(), signalsChanged: new Set(), newlyLost: new Set(),
    stdoutChanged: new Set(), changedVars: new Map(), newOutput: 0,
  };
}

function byId<T extends { id: number }>(xs: T[]): Map<number, T> {
  return new Map(xs.map((x) => [x.id, x]));
}

/** Finds rows of the step before by key: first at the same index (a step usually keeps
 *  every table's order and length), by a map only once that fails. Counts the rows found,
 *  so that when every earlier row was found, nothing went (keys are unique). */
class Before<T extends object> {
  private map: Map<number, T> | undefined;
  found = 0;
  constructor(private readonly rows: T[], private readonly key: (row: T) => number) {}
  get(k: number, i: number): T | undefined {
    const at = this.rows[i];
    let row: T | undefined = at !== undefined && this.key(at) === k ? at : undefined;
    if (!row) row = (this.map ??= new Map(this.rows.map((r) => [this.key(r), r]))).get(k);
    if (row) this.found++;
    return row;
  }
  /** The earlier rows with no row now (call after looking every current row up). */
  gone(now: T[]): T[] {
    if (this.found === this.rows.length) return [];
    const keys = new Set(now.map(this.key));
    return this.rows.filter((r) => !keys.has(this.key(r)));
  }
}

export function diffSnapshots(prev: Snapshot | undefined, cur: Snapshot): Changes {
  const c = noChanges();
  if (!prev) return c;
  const before = new Before(prev.processes, (p) => p.pid);
  cur.processes.forEach((p, i) => {
    const old = before.get(p.pid, i);
    if (!old) { c.newProcs.add(p.pid); return; }
    // A row the step did not change is the very same object (docs/snapshot.md, wire.ts).
    if (old === p) return;
    if (p.state === "zombie" && old.state !== "zombie") c.newZombies.add(p.pid);
    if (p.state !== old.state || p.blockedOn !== old.blockedOn || p.line !== old.line) c.stateChanged.add(p.pid);
    if (JSON.stringify(p.signals) !== JSON.stringify(old.signals)) c.signalsChanged.add(p.pid);
    if (p.signals.lost.length > old.signals.lost.length) c.newlyLost.add(p.pid);
    if (p.stdio.stdout.buffered !== old.stdio.stdout.buffered) c.stdoutChanged.add(p.pid);
    const vars = changedVariables(old, p);
    if (vars.size) c.changedVars.set(p.pid, vars);
    // A process that just became a zombie had its descriptors closed by exit: the
    // zombie mark says so; listing every slot as "closed" would drown it.
    if (c.newZombies.has(p.pid)) return;
    const n = Math.max(p.fds.length, old.fds.length);
    for (let fd = 0; fd < n; fd++) {
      const a = old.fds[fd] ?? null;
      const b = p.fds[fd] ?? null;
      if (a === b) continue;
      const key = `${p.pid}:${fd}`;
      if (a === null) c.newFds.add(key);
      else if (b === null) c.closedFds.set(key, a);
      else c.replacedFds.add(key);
    }
  });
  c.reaped = before.gone(cur.processes);

  const oldFiles = new Before(prev.files, (f) => f.id);
  cur.files.forEach((f, i) => {
    const old = oldFiles.get(f.id, i);
    if (!old) { c.newFiles.add(f.id); return; }
    if (old === f) return;
    if (old.refcount !== f.refcount) c.refcountWas.set(f.id, old.refcount);
    if (old.offset !== f.offset) c.offsetWas.set(f.id, old.offset);
  });
  // A freed row is drawn as it is now: no descriptor refers to it, refcount 0 ("3→0" when
  // the step closed several references at once, as an exit does).
  c.freedFiles = oldFiles.gone(cur.files).map((f) => {
    if (f.refcount !== 0) c.refcountWas.set(f.id, f.refcount);
    return { ...f, refcount: 0 };
  });

  const oldObjects = new Before(prev.objects, (o) => o.id);
  cur.objects.forEach((o, i) => {
    const old = oldObjects.get(o.id, i);
    if (!old) c.newObjects.add(o.id);
    else if (old !== o && JSON.stringify(old) !== JSON.stringify(o)) c.changedObjects.add(o.id);
  });
  c.freedObjects = oldObjects.gone(cur.objects);
  c.newOutput = cur.output.length;
  return c;
}

/** Variables whose value differs from the same frame's (same depth and function) or the
 *  same global's before; a frame the process just entered has all its locals marked. */
function changedVariables(old: Proc, p: Proc): Set<string> {
  const out = new Set<string>();
  if (old.frames !== p.frames) {
    (p.frames ?? []).forEach((f, i) => {
      const was = old.frames?.[i];
      const before = was && was.function === f.function ? new Map(was.locals.map((v) => [v.name, v.value])) : new Map<string, string>();
      for (const v of f.locals) if (before.get(v.name) !== v.value) out.add(`${i}:${v.name}`);
    });
  }
  if (old.globals !== p.globals) {
    const before = new Map((old.globals ?? []).map((v) => [v.name, v.value]));
    for (const v of p.globals ?? []) if (before.get(v.name) !== v.value) out.add(`g:${v.name}`);
  }
  return out;
}

/** The changes as short sentences, for the caption, the text view and screen readers. */
export function describeChanges(c: Changes, cur: Snapshot): string[] {
  const out: string[] = [];
  const slots = (keys: Iterable<string>) => [...keys].map((k) => { const [pid, fd] = k.split(":"); return `pid ${pid} fd ${fd}`; }).join(", ");
  if (c.newProcs.size) out.push(`new process${c.newProcs.size > 1 ? "es" : ""}: ${[...c.newProcs].join(", ")}`);
  if (c.newFds.size) out.push(`new descriptor${c.newFds.size > 1 ? "s" : ""}: ${slots(c.newFds)}`);
  if (c.replacedFds.size) out.push(`descriptor now refers elsewhere: ${slots(c.replacedFds)}`);
  if (c.closedFds.size) out.push(`closed: ${slots(c.closedFds.keys())}`);
  const files = byId(cur.files);
  for (const [id, was] of c.refcountWas) out.push(`open file #${id} refcount ${was} \u2192 ${files.get(id)?.refcount ?? 0}`);
  for (const [id, was] of c.offsetWas) out.push(`open file #${id} offset ${was} \u2192 ${files.get(id)?.offset}`);
  if (c.freedFiles.length) out.push(`freed open file${c.freedFiles.length > 1 ? "s" : ""}: ${c.freedFiles.map((f) => "#" + f.id).join(", ")}`);
  if (c.freedObjects.length) out.push(`freed object${c.freedObjects.length > 1 ? "s" : ""}: ${c.freedObjects.map((o) => `${o.kind} ${vnodeLabel(o.id)}`).join(", ")}`);
  const objs = new Map(cur.objects.map((o) => [o.id, o]));
  const objNames = (ids: Iterable<number>) => [...ids].map((id) => `${objs.get(id)?.kind ?? "object"} ${vnodeLabel(id)}`).join(", ");
  if (c.newObjects.size) out.push(`new object${c.newObjects.size > 1 ? "s" : ""}: ${objNames(c.newObjects)}`);
  if (c.changedObjects.size) out.push(`contents changed: ${objNames(c.changedObjects)}`);
  if (c.newZombies.size) out.push(`new zombie${c.newZombies.size > 1 ? "s" : ""}: ${[...c.newZombies].join(", ")}`);
  if (c.reaped.length) out.push(`reaped: ${c.reaped.map((p) => p.pid).join(", ")}`);
  for (const pid of c.newlyLost) out.push(`pid ${pid} lost a signal (it was already pending)`);
  for (const [pid, vars] of c.changedVars) out.push(`pid ${pid} changed ${[...vars].map((k) => k.slice(k.indexOf(":") + 1)).join(", ")}`);
  if (c.newOutput) out.push(`${c.newOutput} new chunk${c.newOutput > 1 ? "s" : ""} of terminal output`);
  return out;
}
