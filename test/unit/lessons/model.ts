// Runs a lesson's example through the stepper (src/session) and evaluates a claim's
// predicate on the Snapshots it produced. The same code finds the Snapshot a step's
// figure shows, so a picture and the sentence under it come from one run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Snapshot, Proc, OpenFile, KObject } from "../../../src/contract/snapshot";
import type { Scenario } from "../../../src/contract/scenario";
import { loadProgram } from "../../../src/host/load";
import { Session } from "../../../src/session/session";
import type { TraceEntry } from "../../../src/c/trace";
import type { At, Claim, Role, Where } from "./lessons";

export const ROOT = join(__dirname, "..", "..", "..");
const EXAMPLES = join(ROOT, "examples");

/** One finished run of an example in the model: every Snapshot, the trace and the output. */
export interface ModelRun {
  history: Snapshot[];
  trace: TraceEntry[];
  mainPid: number;
  ended: string;
  /** Children in fork order, per parent pid. */
  children: Map<number, number[]>;
  /** Text each Snapshot index had written to descriptor 1 by then (all processes). */
  stdoutAt: string[];
}

const cache = new Map<string, Promise<ModelRun>>();

export function readScenario(name: string | null): Scenario {
  return name ? (JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Scenario) : {};
}

/** Compile EXAMPLE with the C front end and run it to the end under SCENARIO, keeping every Snapshot. */
export function runModel(example: string, scenario: string | null): Promise<ModelRun> {
  const key = `${example}|${scenario ?? ""}`;
  let p = cache.get(key);
  if (!p) { p = runUncached(example, scenario); cache.set(key, p); }
  return p;
}

async function runUncached(example: string, scenario: string | null): Promise<ModelRun> {
  // Loaded as the CLI and the extension load it (src/host/load.ts): exec targets and the
  // Scenario's programs from examples/, files the program opens from there too.
  const loaded = await loadProgram(join(EXAMPLES, example));
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${example}: ${errors.map((d) => `${d.line}: ${d.message}`).join("; ")}`);
  const session = new Session({
    program: loaded.program, name: loaded.name, scenario: readScenario(scenario), snapshots: true, maxSteps: 50000,
    loadProgram: loaded.loadProgram, readFile: loaded.readFile,
  });
  const ended = session.run();
  const children = new Map<number, number[]>();
  const stdoutAt: string[] = [];
  let out = "";
  for (const snap of session.history) {
    for (const e of snap.events) if (e.kind === "fork") children.set(e.pid, [...(children.get(e.pid) ?? []), e.child]);
    for (const c of snap.output) if (c.fd === 1) out += c.text;
    stdoutAt.push(out);
  }
  return { history: session.history, trace: session.trace, mainPid: session.mainPid, ended, children, stdoutAt };
}

/** The pid a role names: the first process, or its Nth child in fork order; with `grandchild`, that one's k-th child. */
export function pidOf(run: ModelRun, role: Role | undefined, child = 1, grandchild?: number): number | undefined {
  const pid = role === undefined || role === "parent" ? run.mainPid : run.children.get(run.mainPid)?.[child - 1];
  return grandchild === undefined || pid === undefined ? pid : run.children.get(pid)?.[grandchild - 1];
}

/** Index of the Snapshot an `at` selects, or -1 when the run never gets there. */
export function locate(run: ModelRun, at: At): number {
  const h = run.history;
  if (at === "end") return h.length - 1;
  if ("step" in at) return at.step < h.length ? at.step : -1;
  if ("beforeSignal" in at) {
    const i = h.findIndex((s) => s.events.some((e) => e.kind === "signal" && e.signal === at.beforeSignal));
    return i > 0 ? i - 1 : -1;
  }
  // Arrival at a line: the process's current line becomes N (N has not run yet).
  let hits = 0;
  let before: number | undefined;
  for (let i = 0; i < h.length; i++) {
    const pid = pidOf(run, at.pid, at.child);
    const line = pid === undefined ? undefined : h[i].processes.find((p) => p.pid === pid && p.state !== "zombie")?.line;
    if (line === at.line && before !== at.line && ++hits === (at.hit ?? 1)) return i;
    before = line;
  }
  return -1;
}

function proc(snap: Snapshot, pid: number | undefined): Proc | undefined {
  return snap.processes.find((p) => p.pid === pid);
}

function fileAt(snap: Snapshot, p: Proc | undefined, fd: number | undefined): OpenFile | undefined {
  const id = p && fd !== undefined ? p.fds[fd] : null;
  return id === null || id === undefined ? undefined : snap.files.find((f) => f.id === id);
}

function objectOf(snap: Snapshot, f: OpenFile | undefined): KObject | undefined {
  return f && snap.objects.find((o) => o.id === f.object);
}

const programs = (snap: Snapshot): Proc[] => snap.processes.filter((p) => p.kind === "program");

/** The value a claim's check reads from the run at one Snapshot. */
export function measure(run: ModelRun, index: number, c: Where & { check: Claim["check"] }): unknown {
  const snap = run.history[index];
  const pid = pidOf(run, c.pid, c.child, c.grandchild);
  const p = proc(snap, pid);
  const f = fileAt(snap, p, c.fd);
  switch (c.check) {
    case "stdout": return run.stdoutAt[index];
    case "processes": return programs(snap).length;
    case "zombies": return programs(snap).filter((x) => x.state === "zombie").length;
    case "fdCount": return p ? p.fds.filter((x) => x !== null).length : undefined;
    case "fds": return p ? p.fds.flatMap((x, i) => (x === null ? [] : [i])) : undefined;
    case "refcount": return f?.refcount;
    case "offset": return f?.offset;
    case "objectKind": return objectOf(snap, f)?.kind;
    case "socketState": { const o = objectOf(snap, f); return o?.kind === "socket" ? o.state : undefined; }
    case "pipeBytes": { const o = objectOf(snap, f); return o?.kind === "pipe" ? o.buffer.length : undefined; }
    case "pipeReaders": { const o = objectOf(snap, f); return o?.kind === "pipe" ? o.readers : undefined; }
    case "pipeWriters": { const o = objectOf(snap, f); return o?.kind === "pipe" ? o.writers : undefined; }
    case "acceptQueue": { const o = objectOf(snap, f); return o?.kind === "socket" ? (o.pending ?? []).length : undefined; }
    case "socketLocal": { const o = objectOf(snap, f); return o?.kind === "socket" ? o.local : undefined; }
    case "socketRemote": { const o = objectOf(snap, f); return o?.kind === "socket" ? o.remote : undefined; }
    case "shmAttached": { const o = snap.objects.find((x) => x.kind === "shm"); return o?.kind === "shm" ? o.attached : undefined; }
    case "sameFile": {
      const other = fileAt(snap, proc(snap, pidOf(run, c.otherPid ?? c.pid, c.otherChild)), c.otherFd ?? c.fd);
      return f !== undefined && other !== undefined && f.id === other.id;
    }
    case "state": return p?.state;
    case "blockedOn": return p?.blockedOn;
    case "ppid": return p?.ppid;
    case "lost": return p?.signals.lost;
    case "pending": return p?.signals.pending;
    case "blocked": return p?.signals.blocked;
    case "threads": return p ? (p.threads?.length ?? 1) : undefined;
    case "stdoutBuffered": return p?.stdio.stdout.buffered;
    case "returns": case "errno": {
      const calls = run.trace.filter((t) => t.call === c.call && (c.pid === undefined || t.pid === pid));
      const t = calls[(c.nth ?? 1) - 1];
      return c.check === "returns" ? t?.ret : t?.errno;
    }
  }
}

/** Compare a measured value with the claim's expectation; undefined when it holds, else why not. */
export function verdict(actual: unknown, c: Claim): string | undefined {
  const show = JSON.stringify(actual);
  if (c.equals !== undefined && JSON.stringify(actual) !== JSON.stringify(c.equals)) return `is ${show}, not ${JSON.stringify(c.equals)}`;
  if (c.includes !== undefined) {
    const has = typeof actual === "string" ? actual.includes(String(c.includes))
      : Array.isArray(actual) && actual.some((x) => JSON.stringify(x) === JSON.stringify(c.includes));
    if (!has) return `is ${show}, which does not include ${JSON.stringify(c.includes)}`;
  }
  if (c.excludes !== undefined) {
    const has = typeof actual === "string" ? actual.includes(String(c.excludes))
      : Array.isArray(actual) && actual.some((x) => JSON.stringify(x) === JSON.stringify(c.excludes));
    if (has) return `is ${show}, which includes ${JSON.stringify(c.excludes)}`;
  }
  if (c.min !== undefined && !(typeof actual === "number" && actual >= c.min)) return `is ${show}, less than ${c.min}`;
  if (c.max !== undefined && !(typeof actual === "number" && actual <= c.max)) return `is ${show}, more than ${c.max}`;
  return undefined;
}

/** Check one claim on the model; undefined when it holds, else a sentence saying what the model showed. */
export async function checkClaim(c: Claim): Promise<string | undefined> {
  const run = await runModel(c.example, c.scenario);
  const i = locate(run, c.at);
  if (i < 0) return `the run never reaches ${JSON.stringify(c.at)} (it ended: ${run.ended})`;
  const why = verdict(measure(run, i, c), c);
  return why && `at snapshot ${i} (${JSON.stringify(c.at)}) ${c.check} ${why}`;
}
