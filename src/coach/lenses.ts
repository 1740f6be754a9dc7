// What the code lenses on a C file say: before a session, "Step in Fork Lab" and "Run to
// end" above main; during one, one lens per live process above the line it will run next
// ("Step pid 1204 (child)", "pid 1203 (parent) blocked in accept(3): connect a client"),
// so two processes on one line read as two lenses side by side. Plain data here; the
// extension turns each into a vscode.CodeLens.
import type { Proc, Snapshot } from "../contract/snapshot";
import { readSource, unblockHint } from "../contract/unblock";
import { readsTerminal } from "../contract/terminal";

export interface LensSpec {
  /** 1-based source line the lens sits above. */
  line: number;
  title: string;
  /** Command id; "" for a lens that only informs. */
  command: string;
  args?: unknown[];
  tooltip?: string;
}

/** Processes a line shows one by one (a lens, a marker each); past that, the rest are
 *  counted in one: a fork bomb puts thousands on one line, and a lens and a decoration per
 *  process would bury the code and stall the editor. */
export const PROCESSES_PER_LINE = 4;

/** The processes to show one by one out of those on one line, and how many are left over:
 *  all of them when they fit, else one fewer than the room (the count takes a place). */
export function perLine<T>(items: readonly T[]): { shown: T[]; more: number } {
  if (items.length <= PROCESSES_PER_LINE) return { shown: [...items], more: 0 };
  const shown = items.slice(0, PROCESSES_PER_LINE - 1);
  return { shown, more: items.length - shown.length };
}

/** Pids listed in a lens's text before the rest are counted. */
const PIDS_LISTED = 8;

/** "3, 4, 5" or "3, 4, 5, ... (97 in all)". */
function pidList(pids: readonly number[]): string {
  return pids.length <= PIDS_LISTED ? pids.join(", ") : `${pids.slice(0, PIDS_LISTED).join(", ")}, ... (${pids.length} in all)`;
}

/** The editor's command ids each lens runs: the extension names its commands and passes them in. */
export interface LensCommands {
  start: string;
  runToEnd: string;
  step: string;
  stepProcess: string;
  back: string;
  continue: string;
  stop: string;
  connect: string;
  signal: string;
  runToLine: string;
}

/** 1-based line of `main`'s definition, found without compiling (lenses must be cheap). */
export function mainLine(text: string): number | undefined {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => /^\s*(?:(?:static|extern)\s+)?(?:int|void)\s+main\s*\(/.test(l));
  return i < 0 ? undefined : i + 1;
}

/** Lenses on a C file with no session. */
export function idleLenses(text: string, CMD: LensCommands): LensSpec[] {
  const line = mainLine(text);
  if (line === undefined) return [];
  return [
    { line, title: "$(debug-start) Step in Fork Lab", command: CMD.start, tooltip: "Start stepping this program through Fork Lab's model of the kernel" },
    { line, title: "Run to end", command: CMD.runToEnd, tooltip: "Run every process until the program ends or all are blocked, then show the tables" },
  ];
}

/** "parent", "child", "child of 1204", with ", in SIGCHLD handler" when a handler runs. */
export function roleOf(s: Snapshot, p: Proc, mainPid: number): string {
  let role: string;
  if (p.pid === mainPid) role = s.processes.some((c) => c.ppid === p.pid && c.kind === "program") ? "parent" : "main";
  else if (p.ppid === mainPid) role = "child";
  else role = `child of ${p.ppid}`;
  if (p.threads && p.threads.length > 1) role += `, ${p.threads.length} threads`;
  if (p.signals.running) role += `, in ${p.signals.running} handler`;
  return role;
}

/** Lines worth a "Run to here": where processes are made, wait, or meet clients. */
const RUN_TO = /\b(?:[Ff]ork|[Aa]ccept|[Ww]ait|[Ww]aitpid|[Pp]ipe|[Dd]up2)\s*\(/;

function isCode(line: string): boolean {
  const t = line.trim();
  return t !== "" && !t.startsWith("//") && !t.startsWith("*") && !t.startsWith("/*") && !t.startsWith("#");
}

export interface SessionLensInput {
  snapshot: Snapshot;
  mainPid: number;
  /** The file's text, for main's line and the "Run to here" lines. */
  text: string;
  /** Why the session stopped, if it did. */
  ended?: string;
}

/** Lenses during a session. */
export function sessionLenses({ snapshot: s, mainPid, text, ended }: SessionLensInput, CMD: LensCommands): LensSpec[] {
  const out: LensSpec[] = [];
  const top = mainLine(text) ?? 1;
  out.push({ line: top, title: `Fork Lab step ${s.step}`, command: CMD.step, tooltip: "Step one line (the scheduler picks the process)" });
  out.push({ line: top, title: "Back", command: CMD.back, tooltip: "Undo the last step" });
  out.push({ line: top, title: "Continue", command: CMD.continue, tooltip: "Step until the program ends or every process waits" });
  out.push({ line: top, title: "Stop", command: CMD.stop });
  const dead = s.processes.filter((p) => p.kind === "program" && p.state === "zombie");
  if (dead.length) {
    out.push({ line: top, title: `zombie${dead.length > 1 ? "s" : ""} ${pidList(dead.map((p) => p.pid))}: exited, not reaped`, command: "",
      tooltip: "A child that exited stays in the process table until its parent calls wait or waitpid" });
  }
  if (ended) out.push({ line: top, title: `ended: ${ended}`, command: "" });

  const live = s.processes.filter((p) => p.kind === "program" && p.state !== "zombie" && p.line !== undefined && p.line > 0)
    .sort((a, b) => a.pid - b.pid);
  const byLine = new Map<number, Proc[]>();
  for (const p of live) {
    const procs = byLine.get(p.line!);
    if (procs) procs.push(p);
    else byLine.set(p.line!, [p]);
  }
  for (const [line, procs] of byLine) {
    const { shown, more } = perLine(procs);
    for (const p of shown) out.push(processLens(s, p, mainPid, CMD));
    if (more) out.push({ line, title: `${more} more processes here`, command: "", tooltip: "Step one of them from the view: pick its process there" });
  }
  const occupied = new Set(live.map((p) => p.line));
  text.split("\n").forEach((l, i) => {
    if (!occupied.has(i + 1) && isCode(l) && RUN_TO.test(l)) {
      out.push({ line: i + 1, title: "Run to here", command: CMD.runToLine, args: [i + 1], tooltip: "Step until some process reaches this line" });
    }
  });
  return out;
}

/** The lens of one live process above its line: step it, or what it waits for. */
function processLens(s: Snapshot, p: Proc, mainPid: number, CMD: LensCommands): LensSpec {
  const role = roleOf(s, p, mainPid);
  if (p.state === "blocked") {
    const call = p.blockedOn ?? "a call";
    const accepting = call.startsWith("accept");
    return { line: p.line!, title: `pid ${p.pid} (${role}) blocked in ${call}: ${unblockHint(call, readsTerminal(s, p), readSource(s, p))}`,
      command: accepting ? CMD.connect : "", tooltip: accepting ? "Connect a client" : `pid ${p.pid} waits; step another process` };
  }
  if (p.state === "stopped") return { line: p.line!, title: `pid ${p.pid} (${role}) stopped: send SIGCONT`, command: CMD.signal, args: [p.pid, "SIGCONT"] };
  return { line: p.line!, title: `$(debug-step-over) Step pid ${p.pid} (${role})`, command: CMD.stepProcess, args: [p.pid],
    tooltip: `Run line ${p.line} in pid ${p.pid}` };
}

/** The status bar's words for a snapshot: short text and a full sentence for screen readers. */
export function statusText(s: Snapshot, ended?: string): { text: string; label: string } {
  const prog = s.processes.filter((p) => p.kind === "program");
  const live = prog.filter((p) => p.state !== "zombie").length;
  const zombies = prog.length - live;
  const text = `Fork Lab: step ${s.step} · ${live} live · ${zombies} zombie${zombies === 1 ? "" : "s"}${ended ? " · ended" : ""}`;
  const label = `Fork Lab session at step ${s.step}: ${live} live process${live === 1 ? "" : "es"}, ${zombies} zombie${zombies === 1 ? "" : "s"}${ended ? `; ${ended}` : ""}`;
  return { text, label };
}
