// Moments a lesson names (walkthroughs/lessons.json "askAt"/"at"), as predicates the
// stepper runs to: a history index, the end, the h-th time a process arrives at a line
// (before the line runs), or the last Snapshot before a scripted signal shows up.
import type { Proc, Snapshot } from "../contract/snapshot";
import type { Outcome, Stepper } from "../session/stepper";

export type Role = "parent" | "child";

export type At =
  | "end"
  | { step: number }
  | { beforeSignal: string }
  | { line: number; pid?: Role; child?: number; hit?: number };

/** The pid a role names: the program's first process, or its k-th child in fork order. */
export function rolePid(history: readonly Snapshot[], mainPid: number, role: Role = "parent", child = 1): number | undefined {
  if (role === "parent") return mainPid;
  const forks = history.flatMap((s) => s.events.filter((e) => e.kind === "fork" && e.pid === mainPid));
  const e = forks[child - 1];
  return e?.kind === "fork" ? e.child : undefined;
}

/** Step `st` to the moment `at`; ok is false when the run ended first. */
export function runTo(st: Stepper, at: At, limit?: number): Outcome & { reached: boolean } {
  if (at === "end") {
    const r = st.continue(limit);
    return { ...r, reached: true };
  }
  if ("step" in at) {
    if (at.step <= st.index) { st.goto(at.step); return { ok: true, reached: true }; }
    const r = st.until((s) => s.step >= at.step, limit);
    return { ...r, reached: st.index >= at.step };
  }
  if ("beforeSignal" in at) {
    const seen = (s: Snapshot) => s.events.some((e) => e.kind === "signal" && e.signal === at.beforeSignal);
    const r = st.until(seen, limit);
    if (!seen(st.current)) return { ...r, reached: false };
    st.goto(st.index - 1);
    return { ok: true, reached: true };
  }
  const want = at.hit ?? 1;
  let hits = 0;
  let was = false;
  const arrived = (s: Snapshot, stepper: Stepper): boolean => {
    const pid = rolePid(stepper.history, stepper.mainPid, at.pid, at.child);
    const p = pid === undefined ? undefined : s.processes.find((x) => x.pid === pid && x.state !== "zombie");
    const here = p?.line === at.line;
    if (here && !was) hits++;
    was = here;
    return here && hits >= want;
  };
  if (arrived(st.current, st)) return { ok: true, reached: true };
  const r = st.until(arrived, limit);
  return { ...r, reached: arrived(st.current, st) };
}

/** A lesson step as far as its point goes (walkthroughs/lessons.json). */
export interface PointedStep {
  question?: { askAt: At; claim?: string };
  figure?: { at: At };
  claims?: Array<{ id: string; at: At }>;
}

/**
 * Where the lesson's point shows after its question: the moment the step's figure draws,
 * else the moment of the claim that proves the answer; undefined when that is the question's
 * own moment or the end (Continue then runs on as usual). Continue after a question stops
 * here, so the learner sees what was asked about before the run goes past it (a scripted
 * Ctrl-C ending zombies.c empties the process table).
 */
export function lessonPoint(step: PointedStep): At | undefined {
  const q = step.question;
  if (!q) return undefined;
  const same = (a: At, b: At) => JSON.stringify(a) === JSON.stringify(b);
  const figure = step.figure?.at;
  if (figure !== undefined && figure !== "end" && !same(figure, q.askAt)) return figure;
  const claim = step.claims?.find((c) => c.id === q.claim)?.at;
  return claim !== undefined && claim !== "end" && !same(claim, q.askAt) ? claim : undefined;
}

/** Continue, stopping at `point` when it is still ahead (lessonPoint); as st.continue when
 *  there is none, or when the run stands there already. */
export function continueTo(st: Stepper, point: At | undefined, limit?: number): Outcome & { reached: boolean } {
  const from = st.index;
  const ahead = point !== undefined && point !== "end" && !("step" in point && point.step <= from);
  if (ahead) {
    const r = runTo(st, point, limit);
    if (st.index !== from || !r.ok) return r;
  }
  return { ...st.continue(limit), reached: point === undefined || point === "end" };
}

/** The "saw" context keys (walkthroughs/README.md) whose predicate holds of this Snapshot. */
export function sawKeys(s: Snapshot, mainPid: number): string[] {
  const keys: string[] = [];
  const prog = s.processes.filter((p) => p.kind === "program");
  const main = prog.find((p) => p.pid === mainPid);
  if (prog.some((p) => p.state === "zombie")) keys.push("forklab.saw.zombie");
  if (prog.some((p) => p.pid !== mainPid && p.ppid === 1)) keys.push("forklab.saw.adopted");
  if (main?.state === "stopped") keys.push("forklab.saw.stopped");
  // Blocked there now, or during the step (a signal can wake the writer within it).
  const waits: Array<[Proc, string | undefined]> = prog.map((p) => [p, p.state === "blocked" ? p.blockedOn : undefined]);
  for (const e of s.events) {
    if (e.kind !== "block") continue;
    const p = prog.find((q) => q.pid === e.pid);
    if (p) waits.push([p, e.on]);
  }
  if (waits.some(([p, on]) => writesFullPipe(s, p, on))) keys.push("forklab.saw.pipeFull");
  return keys;
}

/** `on` is a write to a pipe: a pipe writer waits only when every page of the pipe holds
 *  bytes, so the pipe is full, whatever the size of the writes (16 pages hold 65536 bytes
 *  of 1024-byte writes but 64000 of 1000-byte ones). */
function writesFullPipe(s: Snapshot, p: Proc, on: string | undefined): boolean {
  const m = /^write\((\d+)\)$/.exec(on ?? "");
  const id = m ? p.fds[Number(m[1])] : undefined;
  const file = id === null || id === undefined ? undefined : s.files.find((f) => f.id === id);
  return !!file && s.objects.find((o) => o.id === file.object)?.kind === "pipe";
}
