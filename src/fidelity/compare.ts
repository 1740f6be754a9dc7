// Compare a normalised Linux trace with a normalised model trace, process by process.
// What may differ from run to run on real Linux (docs/fidelity.md) is folded away first;
// everything else must match exactly. Cross-process orderings that always hold are checked
// on both sides.

import type { NormEntry, NormProc, NormTrace, ProcEnd } from "./normal";
import { SEMCTL_CMD } from "./calls";

export interface Divergence {
  proc: string;
  /** Position in the process's compared main-flow sequence, if the divergence is there. */
  index?: number;
  what: string;
  linux?: string;
  model?: string;
}

export interface RuleViolation {
  side: "linux" | "model";
  rule: "fork-before-child" | "write-before-read" | "exit-before-wait";
  detail: string;
}

export interface ProcComparison {
  name: string;
  /** Main flow after folding, side by side. */
  linux: NormEntry[];
  model: NormEntry[];
  /** Index of the first differing pair, or -1. */
  firstDivergence: number;
  /** Handler entries (compared as multisets). */
  linuxHandler: NormEntry[];
  modelHandler: NormEntry[];
}

export interface Comparison {
  agree: boolean;
  divergences: Divergence[];
  violations: RuleViolation[];
  procs: ProcComparison[];
}

export function describe(e: NormEntry | undefined): string {
  if (!e) return "—";
  const err = e.errno ? ` ${e.errno}` : "";
  return `${e.line || "exit"}: ${e.call}(${e.args.join(", ")}) = ${e.ret}${err}`;
}

/** A WNOHANG waitpid that found nothing to reap: 0 (children, none changed) or ECHILD (none left) depends on timing. */
function nothingReaped(e: NormEntry): boolean {
  return e.call === "waitpid" && typeof e.args[1] === "number" && (e.args[1] & 1) === 1 &&
    (e.ret === 0 || e.errno === "ECHILD");
}

function key(e: NormEntry): string {
  const ret = nothingReaped(e) ? "nothing" : `${e.ret}${e.errno ?? ""}`;
  return `${e.call}(${e.args.join(",")})=${ret}`;
}

/** Line 0 (exit's flush after main returned) matches any line: the model names the return line. */
function sameEntry(a: NormEntry, b: NormEntry): boolean {
  if (a.line !== 0 && b.line !== 0 && a.line !== b.line) return false;
  if (key(a) === key(b)) return true;
  // A sleep cut short by a signal on one side only: signal timing.
  return a.call === "sleep" && b.call === "sleep" && (a.errno === "EINTR" || b.errno === "EINTR");
}

/**
 * Consecutive reads of one descriptor from one line are one logical read: how many bytes
 * each read(2) returns depends on how the writer's bytes happened to arrive.
 */
export function foldReads(entries: NormEntry[]): NormEntry[] {
  const out: NormEntry[] = [];
  for (const e of entries) {
    const prev = out[out.length - 1];
    if (prev && (e.call === "read" || e.call === "recv") && prev.call === e.call && prev.line === e.line &&
        prev.args[0] === e.args[0] && typeof prev.ret === "number" && prev.ret > 0 && typeof e.ret === "number" && e.ret > 0) {
      out[out.length - 1] = { ...prev, ret: prev.ret + e.ret, data: (prev.data ?? "") + (e.data ?? ""), end: e.end };
    } else out.push(e);
  }
  return out;
}

/**
 * A polling loop's empty rounds: a WNOHANG waitpid that reaped nothing, then whatever the loop
 * did until it asked again from the same line (typically a sleep). How many such rounds run
 * before a child is found depends on how long the child took on this run, so back-to-back
 * identical rounds count as one.
 */
export function foldPolls(entries: NormEntry[]): NormEntry[] {
  const out: NormEntry[] = [];
  let lastRound = "";
  let i = 0;
  while (i < entries.length) {
    const e = entries[i];
    if (!nothingReaped(e)) {
      out.push(e);
      lastRound = "";
      i++;
      continue;
    }
    let j = i + 1;
    while (j < entries.length && !(entries[j].call === e.call && entries[j].line === e.line)) j++;
    // Never asked again from its line (a single look before a loop elsewhere): no round, and
    // the loop after it must still fold.
    if (j === entries.length) {
      out.push(e);
      lastRound = "";
      i++;
      continue;
    }
    const round = entries.slice(i, j);
    const roundKey = round.map(bagKey).join("\n");
    if (roundKey !== lastRound) out.push(...round);
    lastRound = roundKey;
    i = j;
  }
  return out;
}

/** semctl's GETNCNT and GETZCNT: how many processes sleep on a semaphore at this instant. */
const SLEEPER_COUNTS = new Set([SEMCTL_CMD.GETNCNT, SEMCTL_CMD.GETZCNT]);
const asksSleepers = (e: NormEntry): boolean => e.call === "semctl" && SLEEPER_COUNTS.has(e.args[0] as number);

/**
 * A wait for sleepers: semctl GETNCNT or GETZCNT asked again and again from one line with
 * nothing in between (a loop that yields until another process sleeps in semop). How many
 * times it asks, and what it saw before the answer that let it go on, depend on when the
 * scheduler ran the other process: back-to-back asks count as their last.
 */
export function foldSleeperWaits(entries: NormEntry[]): NormEntry[] {
  const out: NormEntry[] = [];
  for (const e of entries) {
    const prev = out[out.length - 1];
    if (prev && asksSleepers(e) && asksSleepers(prev) && prev.line === e.line && prev.args[0] === e.args[0]) out[out.length - 1] = e;
    else out.push(e);
  }
  return out;
}

function endText(end: ProcEnd): string {
  switch (end.kind) {
    case "exited": return `exited with ${end.code}`;
    case "killed": return `killed by ${end.signal}`;
    default: return end.blockedIn ? `still running (blocked in ${end.blockedIn})` : "still running";
  }
}

function compareBytes(name: string, l: { stdout: string; stderr: string }, m: { stdout: string; stderr: string }, out: Divergence[]): void {
  if (l.stdout !== m.stdout) out.push({ proc: name, what: "different bytes written to descriptor 1", linux: JSON.stringify(l.stdout), model: JSON.stringify(m.stdout) });
  if (l.stderr !== m.stderr) out.push({ proc: name, what: "different bytes written to descriptor 2", linux: JSON.stringify(l.stderr), model: JSON.stringify(m.stderr) });
}

function compareProc(name: string, l: NormProc, m: NormProc, out: Divergence[], threaded = false): ProcComparison {
  const lMain = foldSleeperWaits(foldPolls(foldReads(l.entries.filter((e) => !e.handler))));
  const mMain = foldSleeperWaits(foldPolls(foldReads(m.entries.filter((e) => !e.handler))));
  let first = -1;
  for (let i = 0; i < Math.max(lMain.length, mMain.length); i++) {
    const a = lMain[i];
    const b = mMain[i];
    if (a && b && sameEntry(a, b)) continue;
    first = i;
    out.push({ proc: name, index: i, what: !a ? "the model makes more calls" : !b ? "Linux makes more calls" : "different call", linux: describe(a), model: describe(b) });
    break;
  }
  // Handlers run whenever the signal arrives: compare what they did, not where.
  const lHandler = l.entries.filter((e) => e.handler && !nothingReaped(e));
  const mHandler = m.entries.filter((e) => e.handler && !nothingReaped(e));
  const bag = (es: NormEntry[]) => es.map(bagKey).sort().join("\n");
  if (bag(lHandler) !== bag(mHandler))
    out.push({ proc: name, what: "signal handlers did different work", linux: bag(lHandler) || "nothing", model: bag(mHandler) || "nothing" });
  if (endText(l.end) !== endText(m.end)) {
    // Where a process that never ends was blocked is timing too; that it was still running is not.
    if (!(l.end.kind === "running" && m.end.kind === "running"))
      out.push({ proc: name, what: "different end", linux: endText(l.end), model: endText(m.end) });
  }
  // A process with threads: its bytes are compared with its threads' (comparePool).
  if (!threaded) compareBytes(name, l, m, out);
  if (l.children.join() !== m.children.join())
    out.push({ proc: name, what: "different children", linux: l.children.join(", ") || "none", model: m.children.join(", ") || "none" });
  return { name, linux: lMain, model: mMain, firstDivergence: first, linuxHandler: lHandler, modelHandler: mHandler };
}

/**
 * The threads of one process, compared together: which worker thread takes which client, and
 * which thread's fflush writes the shared stdout buffer, are the scheduler's choice. So: the
 * same number of threads; what they did as one multiset (each thread's reads folded first;
 * writes to descriptors 1 and 2 left to the bytes); the bytes all threads, the main one
 * included, wrote to 1 and 2 as multisets of lines; and how the threads ended.
 */
function comparePool(owner: string, l: NormProc[], m: NormProc[], out: Divergence[]): ProcComparison {
  const name = `${owner} threads`;
  const work = (ps: NormProc[]) => ps.slice(1).flatMap((p) => foldReads(p.entries))
    .filter((e) => !nothingReaped(e) && !((e.call === "write" || e.call === "send") && (e.args[0] === 1 || e.args[0] === 2)))
    .sort((a, b) => bagKey(a).localeCompare(bagKey(b)));
  const lw = work(l);
  const mw = work(m);
  let first = -1;
  for (let i = 0; i < Math.max(lw.length, mw.length); i++) {
    if (lw[i] && mw[i] && bagKey(lw[i]) === bagKey(mw[i])) continue;
    first = i;
    out.push({ proc: name, what: "the threads did different work", linux: lw.map(bagKey).join("\n") || "nothing", model: mw.map(bagKey).join("\n") || "nothing" });
    break;
  }
  if (l.length !== m.length) out.push({ proc: name, what: "a different number of threads", linux: String(l.length - 1), model: String(m.length - 1) });
  const ends = (ps: NormProc[]) => ps.slice(1).map((p) => endText(p.end)).sort().join(", ");
  if (ends(l) !== ends(m)) out.push({ proc: name, what: "threads ended differently", linux: ends(l), model: ends(m) });
  const lines = (ps: NormProc[], k: "stdout" | "stderr") => ps.map((p) => p[k]).join("").split(/(?<=\n)/).sort().join("");
  compareBytes(name, { stdout: lines(l, "stdout"), stderr: lines(l, "stderr") }, { stdout: lines(m, "stdout"), stderr: lines(m, "stderr") }, out);
  return { name, linux: lw, model: mw, firstDivergence: first, linuxHandler: [], modelHandler: [] };
}

function bagKey(e: NormEntry): string {
  return `${e.line}:${key(e)}`;
}

/** The waitpid that reaped its child: the last one that returned it. With WUNTRACED or
 *  WCONTINUED, earlier ones reported a stop or a continue, which happen before the exit. */
function reapsChild(entries: NormEntry[], w: NormEntry): boolean {
  const same = entries.filter((e) => e.call === "waitpid" && e.ret === w.ret);
  return same[same.length - 1] === w;
}

/** strace stamps a call when the tracer handles its stop, in whole microseconds, so two
 *  stamps from different processes can disagree by a little with what the kernel did. */
const STAMP_SLACK = 0.001;
const before = (a: number, b: number): boolean => a <= b + STAMP_SLACK;

/** Orderings that hold on every run of every correct kernel. `given`: bytes that exist
 *  before the program starts (the Scenario's files and stdin), which a read may return
 *  without any process having written them. */
export function checkRules(t: NormTrace, given: string[] = []): RuleViolation[] {
  const v: RuleViolation[] = [];
  const byName = new Map(t.procs.map((p) => [p.name, p]));
  const writes = t.procs.flatMap((p) => p.entries.filter((e) => (e.call === "write" || e.call === "send") && e.data).map((e) => ({ p, e })));
  for (const p of t.procs) {
    for (const e of p.entries) {
      if (e.call === "fork" && typeof e.ret === "string") {
        const first = byName.get(e.ret)?.entries[0];
        if (first && !before(e.start, first.start))
          v.push({ side: t.side, rule: "fork-before-child", detail: `${e.ret} ran ${describe(first)} before ${p.name}'s fork` });
      }
      if (e.call === "waitpid" && typeof e.ret === "string" && reapsChild(p.entries, e)) {
        const child = byName.get(e.ret);
        const exit = child?.entries.find((c) => c.call === "exit");
        if (exit && !before(exit.start, e.end))
          v.push({ side: t.side, rule: "exit-before-wait", detail: `${p.name}'s waitpid returned ${e.ret} before it exited` });
      }
      if ((e.call === "read" || e.call === "recv") && e.data && e.args[0] !== 0) {
        const probe = e.data.slice(0, 32);
        // Only other processes' writes must come first: a server echoing what a client sent
        // writes it after reading it. But the reader's own earlier write is a source too (a
        // process reading back its own pipe, while a child flushes a copy of the same text
        // from the stdio buffer fork gave it).
        const sources = writes.filter((w) => w.p !== p && w.e.data?.includes(probe));
        // Its own earlier writes count as one text: a line it built from two writes is its own too.
        const own = writes.filter((w) => w.p === p && before(w.e.start, e.end)).map((w) => w.e.data).join("").includes(probe);
        if (sources.length && !own && !sources.some((w) => before(w.e.start, e.end)) && !given.some((g) => g.includes(probe)))
          v.push({ side: t.side, rule: "write-before-read", detail: `${p.name} read ${JSON.stringify(probe)} before anyone wrote it` });
      }
    }
  }
  return v;
}

export function compare(linux: NormTrace, model: NormTrace, given: string[] = []): Comparison {
  const divergences: Divergence[] = [];
  const procs: ProcComparison[] = [];
  const names = [...new Set([...linux.procs.map((p) => p.name), ...model.procs.map((p) => p.name)])].sort(byForkOrder);
  const threadsOf = (t: NormTrace, owner: string) => t.procs.filter((p) => p.thread && p.name.split("/")[0] === owner);
  for (const name of names.filter((n) => !n.includes("/"))) {
    const l = linux.procs.find((p) => p.name === name);
    const m = model.procs.find((p) => p.name === name);
    if (!l || !m) {
      divergences.push({ proc: name, what: l ? "only Linux has this process" : "only the model has this process" });
      continue;
    }
    const lt = threadsOf(linux, name);
    const mt = threadsOf(model, name);
    const threaded = lt.length > 0 || mt.length > 0;
    procs.push(compareProc(name, l, m, divergences, threaded));
    if (threaded) procs.push(comparePool(name, [l, ...lt], [m, ...mt], divergences));
  }
  const violations = [...checkRules(linux, given), ...checkRules(model, given)];
  return { agree: divergences.length === 0 && violations.length === 0, divergences, violations, procs };
}

/** P1 < P1.1 < P1.1.1 < P1.2 < P1.10 < P1/T1 (threads after the forked children) < S1 (a Scenario program) */
export function byForkOrder(a: string, b: string): number {
  if (a[0] !== b[0]) return a[0] === "P" ? -1 : b[0] === "P" ? 1 : a.localeCompare(b);
  const parts = (n: string) => n.slice(1).split(/[./]/).map((x) => (x.startsWith("T") ? 1e6 + Number(x.slice(1)) : Number(x)));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}
