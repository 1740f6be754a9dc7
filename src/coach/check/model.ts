// The model half of `forklab check`: each check is a Scenario (the session's own scripted
// clients, so the view can replay it and open at the step where a failure shows), run in
// a Session and looked at when the check's moment comes.

import type { Proc, Snapshot } from "../../contract/snapshot";
import type { Diagnostic } from "../../c/diagnostic";
import type { Program } from "../../c/program";
import { baseOf } from "../../host/posix-path";
import { Session } from "../../session/session";
import type { Scenario } from "../../contract/scenario";
import type { ClientState } from "../../session/clients";
import { CheckId, Exercise, HalfResult, listWords, quote } from "./checks";
import { checkScenario, HOLD_STEPS } from "./scenarios";

/** What the model needs of the learner's program (host/load's LoadedProgram fits). */
export interface ModelProgram {
  name: string;
  program: Program;
  loadProgram: (name: string) => Program | undefined;
  readFile: (path: string) => string | Uint8Array | undefined;
}

/** Why the model cannot run the server `file` (its compile errors), or undefined when it can. */
export function modelCannotRun(file: string, diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!errors.length) return undefined;
  return `the model cannot run ${baseOf(file)}: ${errors.map((d) => `line ${d.line}: ${d.message}`).join("; ")}`;
}

/** Steps one check may run in the model before it gives up. */
export const MODEL_STEP_LIMIT = 20_000;

export function modelSession(prog: ModelProgram, scenario: Scenario, snapshots = false): Session {
  return new Session({ program: prog.program, name: prog.name, scenario, loadProgram: prog.loadProgram, readFile: prog.readFile, snapshots, maxSteps: MODEL_STEP_LIMIT });
}

/** Step until `done` holds, nothing more can happen, or the step limit. */
function runUntil(s: Session, done: () => boolean, limit = MODEL_STEP_LIMIT): void {
  while (!done() && s.steps < limit) {
    const before = s.steps;
    s.step();
    // Nothing could run and the clients did not move: the world is stuck.
    if (s.ended && s.steps === before) break;
  }
}

const programProcs = (snap: Snapshot): Proc[] => snap.processes.filter((p) => p.kind === "program");

/** "pid 1 is blocked in read(4) at line 30" for each of the program's processes. */
function whereEach(snap: Snapshot): string {
  const live = programProcs(snap).filter((p) => p.state !== "zombie");
  if (!live.length) return "no process of the server is left";
  return live.map((p) => `pid ${p.pid} is ${p.state === "blocked" ? `blocked in ${p.blockedOn ?? "a call"}` : p.state}${p.line ? ` at line ${p.line}` : ""}`).join("; ");
}

function at(s: Session, snap: Snapshot, pid?: number): HalfResult["where"] {
  const p = snap.processes.find((q) => q.pid === (pid ?? s.mainPid));
  return { step: s.steps, line: p?.line, pid: p?.pid };
}

const placeText = (w: HalfResult["where"]): string => (w ? `step ${w.step}${w.line ? `, line ${w.line}` : ""}` : "");

function fail(message: string, where: HalfResult["where"]): HalfResult {
  return { ok: false, message: `${message}: ${placeText(where)}`, where };
}

/** Did the server itself end? Then say how, with its stderr's last line. */
function serverEnded(s: Session): string | undefined {
  if (s.machine.procs.has(s.mainPid)) return undefined;
  const st = s.mainStatus;
  const how = st === undefined ? "exited" : (st & 0x7f) ? `was killed by signal ${st & 0x7f}` : `exited with status ${(st >> 8) & 0xff}`;
  const err = s.stderr().trim().split("\n").pop();
  return `the server (pid ${s.mainPid}) ${how}${err ? ` after writing "${err}" to stderr` : ""}`;
}

const clientNo = (s: Session, c: ClientState): number => s.clients.list.indexOf(c) + 1;

/** Why client c has no answer yet (any answer: content is the echo check's business). */
function answerProblem(s: Session, c: ClientState, sent: string): string | undefined {
  return c.received === "" ? `client ${clientNo(s, c)} sent ${quote(sent)} and got no answer` : undefined;
}

export function runModelCheck(id: CheckId, prog: ModelProgram, ex: Exercise, port: number): HalfResult {
  const scenario = checkScenario(id, ex, port);
  const s = modelSession(prog, scenario);
  const clients = s.clients.list;
  switch (id) {
    case "echo": return echo(s, clients[0], ex);
    case "concurrent": return concurrent(s, clients, ex);
    case "reaps": return reaps(s);
    case "parent-closes": return parentCloses(s, prog, ex, port);
    case "child-closes-listenfd": return childClosesListenfd(s, clients[0]);
    case "survives-reset": return survivesReset(s, clients, ex);
  }
}

function echo(s: Session, c: ClientState, ex: Exercise): HalfResult {
  runUntil(s, () => c.phase === "done");
  const sent = ex.exchanges.slice(0, 2);
  const expected = sent.map((e) => e.answer).join("");
  if (c.received === expected) return { ok: true, message: `client 1 got ${sent.length} right answers` };
  // The first exchange that went wrong, for the message.
  let off = 0;
  let i = 0;
  for (; i < sent.length - 1 && c.received.startsWith(sent[i].answer, off); i++) off += sent[i].answer.length;
  const got = c.received.slice(off);
  const snap = s.snapshot();
  const what = got === "" ? `client 1 sent ${quote(sent[i].send)} and got no answer (${whereEach(snap)})`
    : `client 1 sent ${quote(sent[i].send)} and got back ${quote(got)} instead of ${quote(sent[i].answer)}`;
  return fail(serverEnded(s) ?? what, at(s, snap));
}

function concurrent(s: Session, clients: ClientState[], ex: Exercise): HalfResult {
  const [first, second] = clients;
  runUntil(s, () => second.phase === "done" || first.phase === "done");
  const snap = s.snapshot();
  const problem = answerProblem(s, second, ex.exchanges[0].send);
  if (!problem && first.phase !== "done") return { ok: true, message: "client 2 was answered while client 1 stayed connected and silent" };
  const why = serverEnded(s) ?? `${problem ?? "client 2 was answered only after client 1 left"} while client 1 stayed connected and silent (${whereEach(snap)})`;
  return fail(why, at(s, snap));
}

function reaps(s: Session): HalfResult {
  const clients = s.clients.list;
  // Once every client has left, let the server run until it has nothing left to do.
  runUntil(s, () => clients.every((c) => c.phase === "done") && s.runnable().length === 0);
  const snap = s.snapshot();
  const zombies = programProcs(snap).filter((p) => p.state === "zombie");
  const left = clients.filter((c) => c.phase === "done").length;
  if (!zombies.length) return { ok: true, message: `no zombie after ${left} clients left at the same moment` };
  const parent = snap.processes.find((p) => p.pid === zombies[0].ppid);
  const pids = zombies.map((z) => `pid ${z.pid}`);
  const lost = parent?.signals.lost.includes("SIGCHLD") ? " (a SIGCHLD arrived while one was pending and was lost: one signal can stand for several children)" : "";
  const message = `after ${left} clients left at the same moment, ${listWords(pids)} ${zombies.length === 1 ? "is a zombie" : "are zombies"}` +
    `${parent ? `; their parent, pid ${parent.pid}, ${parent.state === "blocked" ? `waits in ${parent.blockedOn}` : `is ${parent.state}`}` : ""}${lost}`;
  return fail(message, at(s, snap, parent?.pid));
}

/** Open descriptors of a process (slots that point at an open file). */
const openFds = (p: Proc): number[] => p.fds.flatMap((f, fd) => (f === null ? [] : [fd]));

function parentCloses(s: Session, prog: ModelProgram, ex: Exercise, port: number): HalfResult {
  // The baseline: the server idle in accept with no client at all.
  const idle = modelSession(prog, { argv: [String(port)], files: ex.files });
  runUntil(idle, () => false, 2000);
  const base = idle.snapshot().processes.find((p) => p.pid === idle.mainPid);
  if (!base) return fail(`with no client at all, ${serverEnded(idle) ?? "the server ended"}`, { step: idle.steps });
  const baseline = openFds(base).length;
  const clients = s.clients.list;
  runUntil(s, () => clients.every((c) => c.phase === "done") && s.runnable().length === 0);
  const snap = s.snapshot();
  const main = snap.processes.find((p) => p.pid === s.mainPid);
  if (!main) return fail(serverEnded(s)!, at(s, snap));
  const fds = openFds(main);
  if (fds.length <= baseline) return { ok: true, message: `pid ${main.pid} holds ${fds.length} descriptors after the clients left, as before the first` };
  const extra = fds.slice(baseline).filter((fd) => !openFds(base).includes(fd));
  const kinds = extra.map((fd) => {
    const file = snap.files.find((f) => f.id === main.fds[fd]);
    const obj = snap.objects.find((o) => o.id === file?.object);
    return `fd ${fd} (${obj?.kind ?? "?"})`;
  });
  return fail(`after ${clients.length} clients left, pid ${main.pid} holds ${fds.length} descriptors, ${fds.length - baseline} more than the ${baseline} it held before the first client: ${listWords(kinds)}`, at(s, snap));
}

function childClosesListenfd(s: Session, c: ClientState): HalfResult {
  // The moment: client 1 has its answer and stays connected, so its server is still serving.
  runUntil(s, () => c.phase === "done" || (c.at >= 1 && c.phase === "idle"));
  // Let the server settle (a child may close listenfd a line after it writes).
  const seen = s.steps;
  runUntil(s, () => s.runnable().length === 0 || s.steps >= seen + 200);
  const snap = s.snapshot();
  const main = snap.processes.find((p) => p.pid === s.mainPid);
  if (!main) return fail(serverEnded(s)!, at(s, snap));
  const listening = new Set(snap.objects.filter((o) => o.kind === "socket" && o.state === "listening").map((o) => o.id));
  const objectOf = (fileId: number | null) => snap.files.find((f) => f.id === fileId)?.object;
  const holders = programProcs(snap).filter((p) => p.pid !== main.pid && p.state !== "zombie")
    .flatMap((p) => p.fds.flatMap((f, fd) => (f !== null && listening.has(objectOf(f) ?? -1) ? [{ p, fd }] : [])));
  if (!holders.length) {
    const children = programProcs(snap).filter((p) => p.pid !== main.pid && p.state !== "zombie").length;
    return { ok: true, message: children ? `no child holds the listening socket while client 1 is served` : `no child serves clients, so none holds the listening socket` };
  }
  const h = holders[0];
  return fail(`pid ${h.p.pid}, a child serving client ${clientNo(s, c)}, still holds the listening socket as fd ${h.fd}`, at(s, snap, h.p.pid));
}

function survivesReset(s: Session, clients: ClientState[], ex: Exercise): HalfResult {
  const [, second] = clients;
  runUntil(s, () => second.phase === "done");
  const snap = s.snapshot();
  const ended = serverEnded(s);
  const problem = answerProblem(s, second, ex.exchanges[1].send);
  if (!ended && !problem) return { ok: true, message: "after client 1 reset its connection, client 2 was answered" };
  return fail(`after client 1 reset its connection, ${ended ?? `${problem} (${whereEach(snap)})`}`, at(s, snap));
}

export { HOLD_STEPS };
