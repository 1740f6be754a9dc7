// One stepping session: a program, its Scenario, the kernel model, the C machine, a
// scheduler and the history. Everything runs deterministically (seeded random policy),
// so the history is the list of actions taken (stepped lines, and what the world outside
// did by hand: clients joining, lines typed, closes, signals; each of these is a step of
// its own, as a line is). With snapshots, the session
// also keeps checkpoints of the whole machine (checkpoints.ts): stepping back or jumping
// restores the nearest one at or before the target and replays the recorded actions after
// it, so a jump costs a few dozen steps, not the whole history.
import { Kernel, KernelOptions, signo as signoOf, StdioSpec } from "../kernel/kernel";
import type { Snapshot } from "../contract/snapshot";
import { Machine, StepMode } from "../c/vm";
import { StepInterrupted, STUCK_STEPS } from "../c/stepbounds";
import { Program } from "../c/program";
import { commandProgram } from "../c/commands";
import { Scenario, DEFAULT_PORT, ProgramScript, STDIN_FILE } from "../contract/scenario";
import type { TtyEnd } from "../contract/protocol";
import { latin1Text } from "../kernel/latin1";
import { terminalReaders } from "../contract/terminal";
import { TYPE_HINT } from "../contract/unblock";

/** Lines a Scenario program may run at start-up before the main program starts. */
const OTHER_START_STEPS = 100_000;
/** Output (stdout and stderr) a run may produce before it stops: the model's memory is bounded. */
export const MAX_OUTPUT = 16 << 20;
const DRAIN_BYTES = 1 << 20;
/** System calls a run's trace may hold before the run stops. */
export const MAX_TRACE = 500_000;
/** Calls between drains of the kernel's events when snapshots are off. */
const DRAIN_CALLS = 20_000;
import { Clients } from "./clients";
import { ProcVars } from "./procvars";
import { TraceEntry } from "../c/trace";
import { Checkpoint, Checkpoints } from "./checkpoints";
import { freeze, restore } from "./checkpoint";

/** Session fields a checkpoint does not copy: the options (shared), the history and the
 *  actions (kept as they are: the history up to a checkpoint is a prefix of the current
 *  one, the actions are the list being replayed), and the checkpoints themselves. */
const UNCOPIED = new Set(["opts", "history", "traceAt", "actions", "checkpoints"]);

/** The history as it stood at a checkpoint: a prefix of `history` (entries are never
 *  rewritten once kept, so the array may grow on or be cut after it meanwhile). */
interface HistoryMark {
  history: Snapshot[];
  traceAt: number[];
  length: number;
}

export type Policy = "round-robin" | "parent-first" | "child-first" | "random";

export interface SessionOptions {
  program: Program;
  name: string;
  scenario?: Scenario;
  policy?: Policy;
  seed?: number;
  /** Take a Snapshot after every step (the extension); off for plain runs and benchmarks. */
  snapshots?: boolean;
  /** exec: other programs by name. */
  loadProgram?: (name: string) => Program | undefined;
  maxSteps?: number;
  /** Instructions one step may run (endless loops on one line). */
  stepBudget?: number;
  /** The model's memory bounds (Machine's maxPages and maxHeap); defaults as there. */
  maxPages?: number;
  maxHeap?: number;
  /** Files the program may open that the model's file system does not hold yet (the
   *  example's folder): read once, at the program's first open of that path. */
  readFile?: (path: string) => string | Uint8Array | undefined;
  /** The learner's Stop, asked during long steps (MachineOptions.interrupted). */
  interrupted?: () => boolean;
  /** The kernel model's limits and numbering (default: Linux's defaults, pids from 2). */
  kernel?: KernelOptions;
  /** Keep checkpoints for stepping back and jumping (default: with snapshots). Off, a
   *  jump back replays from the start. */
  checkpoints?: boolean;
  /** Steps between checkpoints at first (doubling as the history grows; checkpoints.ts). */
  checkpointSpacing?: number;
}

/** Something done to the program from outside while it is stepped (the learner's hand). */
export type OutsideAction =
  /** A new client connects (once the program listens), sends `lines`, then holds on. */
  | { kind: "connect"; lines: string[] }
  /** Client `client` (a pid) sends one more line. */
  | { kind: "send"; client: number; line: string }
  /** One client closes, or every open client at the same moment. */
  | { kind: "close"; client: number | "all" }
  /** kill(pid, signal) from outside the program. */
  | { kind: "signal"; pid: number; signal: string }
  /** Typed at the terminal: `text`, then Enter (its newline) or Ctrl-D (end of file). */
  | { kind: "ttyInput"; text: string; end: TtyEnd };

/** What the session did, in order: replaying the list from a fresh session is exact. */
export type Action =
  /** A stepped line; `picked` when the scheduler chose the task (replay picks again, so
   *  the policy's state moves as it did). */
  | { kind: "step"; tid: number; mode: StepMode; picked?: boolean }
  /** step() found nothing to run; the world outside still moved (clients, clock, signals). */
  | { kind: "wait" }
  | OutsideAction;

export interface StepInfo {
  /** Steps so far: lines stepped and actions taken by hand (each a history entry). */
  step: number;
  tid?: number;
  pid?: number;
  /** Why the run stopped, when it did. */
  ended?: string;
}

export class Session {
  // Not readonly: goto() adopts the state of a replayed session.
  kernel: Kernel;
  machine: Machine;
  clients: Clients;
  readonly mainPid: number;
  /** History entries after the first: each stepped line and each outside action. */
  steps = 0;
  history: Snapshot[] = [];
  /** trace.length at each history entry (with snapshots), so a step's system calls can be found. */
  traceAt: number[] = [];
  /** Every action so far, and after a step back also the undone ones (the future). */
  actions: Action[] = [];
  /** How many of `actions` the current state has applied; a new action drops the rest. */
  cursor = 0;
  private rr = 0;
  private rand: number;
  /** Scenario signals sent so far (they go in order). */
  private signalsSent = 0;
  /** Closes of all clients at once so far (each is its own close group). */
  private closeGroups = 0;
  private readonly port: number;
  /** Each process's call stack and globals for its Snapshot row. */
  private vars = new ProcVars();
  private outputText = "";
  /** machine.written at the last drain of the kernel's output. */
  private drained = 0;
  /** trace.length at the last drain (each call also left a kernel event). */
  private drainedCalls = 0;
  private notesSeen = 0;
  private stderrText = "";
  ended?: string;
  /** A step was interrupted halfway: the state is partway through a line; only the
   *  recorded actions (which leave that step out) are still good. */
  halfStepped = false;
  readonly maxSteps: number;
  /** The first process's raw wait status once it has exited. */
  mainStatus?: number;
  /** The program's processes just before each scenario signal (what the real run's /proc
   *  probes see): "before SIGINT" -> processes of the first process's group, zombies included. */
  probes: Array<{ when: string; processes: Snapshot["processes"] }> = [];
  private checkpoints?: Checkpoints;

  constructor(readonly opts: SessionOptions) {
    const sc = opts.scenario ?? {};
    this.rand = (opts.seed ?? 1) >>> 0 || 1;
    this.maxSteps = opts.maxSteps ?? sc.maxSteps ?? 100000;
    this.kernel = new Kernel(opts.kernel);
    seedFiles(this.kernel, sc.files ?? {});
    // exec: NAME.c next to the program first, else a built-in command (echo, cat, wc).
    const loadProgram = (name: string): Program | undefined => opts.loadProgram?.(name) ?? commandProgram(name);
    this.machine = new Machine(this.kernel, { loadProgram, stepBudget: opts.stepBudget, readFile: opts.readFile, interrupted: opts.interrupted, maxPages: opts.maxPages, maxHeap: opts.maxHeap });
    const out: StdioSpec = sc.stdout === "tty" ? { tty: true } : sc.stdout === "file" ? { file: "stdout.txt" } : { pipe: true };
    if (sc.stdinFrom === "file") this.kernel.writeFile(STDIN_FILE, sc.stdin ?? "");
    // With stdout a terminal, stdin is that terminal too (as a shell, or script(1) in the
    // real run, gives it): the Scenario's stdin is typed there ahead, then Ctrl-D.
    const typedAhead = sc.stdout === "tty" && sc.stdinFrom !== "file";
    const stdin: StdioSpec = sc.stdinFrom === "file" ? { readFile: STDIN_FILE } : typedAhead ? { tty: true } : { input: sc.stdin ?? "" };
    const stderr: StdioSpec = sc.stdout === "tty" ? { tty: true } : { pipe: true };
    for (const spec of sc.programs ?? []) this.startOther(spec);
    this.mainPid = this.kernel.spawn({ name: opts.name, kind: "program", stdin, stdout: out, stderr });
    if (typedAhead && sc.stdin !== undefined) this.kernel.typed(sc.stdin, true);
    // argv[0] as a shell gives it to a program run from its folder: ./name.
    this.machine.load(this.mainPid, opts.program, [`./${opts.name}`, ...(sc.argv ?? [])]);
    this.port = sc.argv?.[0] && /^\d+$/.test(sc.argv[0]) ? +sc.argv[0] : DEFAULT_PORT;
    // A copy: lines typed and closes by hand edit the scripts, and a replay starts afresh.
    this.clients = new Clients(this.kernel, structuredClone(sc.clients ?? []), this.port);
    if (opts.snapshots) this.keep(this.snapshot());
    if (opts.checkpoints ?? opts.snapshots) this.checkpoints = new Checkpoints(opts.checkpointSpacing);
    this.checkpoint();
  }

  /** A Scenario program (a server the main program talks to): its own process group, stdin
   *  at EOF, output to pipes that are not the program's stdout; run until it blocks or ends
   *  (a server waits in accept), as a real one started first and given time to listen. */
  private startOther(spec: ProgramScript): void {
    const name = spec.file.split("/").pop()!.replace(/\.c$/, "");
    const prog = this.machine.options.loadProgram?.(name);
    if (!prog) {
      this.machine.note(0, 0, `the scenario's program ${spec.file} was not found next to the program`);
      return;
    }
    const pid = this.kernel.spawn({ name, kind: "program", stdin: { input: "" }, stdout: { pipe: true }, stderr: { pipe: true }, foreground: false });
    this.machine.outside.add(pid);
    this.machine.load(pid, prog, [`./${name}`, ...(spec.argv ?? [])]);
    for (let n = 0; n < OTHER_START_STEPS; n++) {
      const tid = this.kernel.runnable()[0];
      if (tid === undefined) break;
      this.machine.step(tid, "over");
      this.machine.reap();
    }
  }

  get trace(): TraceEntry[] { return this.machine.trace; }

  /** System calls made by the step that produced history entry i (with snapshots). */
  callsAt(i: number): TraceEntry[] {
    if (i <= 0 || i >= this.traceAt.length) return [];
    return this.trace.slice(this.traceAt[i - 1], this.traceAt[i]);
  }

  /** Program tasks the scheduler may pick now, ascending: the kernel's run queue (kept as
   *  tasks block and wake, so no process is visited) less threads waiting in the library. */
  runnable(): number[] {
    return this.kernel.readyPrograms().filter((tid) => this.machine.ready(tid));
  }

  /** The first task the scheduler may pick at or after position i of the run queue, going
   *  up (dir 1) or down (-1); undefined when none. Usually the first one looked at. */
  private firstRunnable(i: number, dir: 1 | -1): number | undefined {
    const q = this.kernel.readyPrograms();
    for (; i >= 0 && i < q.length; i += dir) if (this.machine.ready(q[i])) return q[i];
    return undefined;
  }

  private anyRunnable(): boolean {
    return this.firstRunnable(0, 1) !== undefined;
  }

  /** Step one line of a chosen task (or let the policy choose). After a step back this is a
   *  new branch: the undone future is dropped. */
  step(tid?: number, mode: StepMode = "into"): StepInfo {
    this.dropFuture(this.cursor);
    return this.apply(tid === undefined ? { kind: "step", tid: 0, mode, picked: true } : { kind: "step", tid, mode });
  }

  /** A new client connects (once the program listens), sends `lines`, then holds on. */
  connect(lines: string[]): void { this.act({ kind: "connect", lines }); }
  /** Client `client` (its pid) sends one more line; false when it is not connected. */
  send(client: number, line: string): boolean { return this.act({ kind: "send", client, line }); }
  /** Client `client` closes, or every open client at once; false when none was open. */
  close(client: number | "all"): boolean { return this.act({ kind: "close", client }); }
  /** A signal from outside the program to `pid`; false for an unknown signal name. */
  signal(pid: number, signal: string): boolean { return this.act({ kind: "signal", pid, signal }); }
  /** A line typed at the terminal (canonical mode: readable once it ends); false when no
   *  process has the terminal open. */
  ttyInput(text: string, end: TtyEnd): boolean { return this.act({ kind: "ttyInput", text, end }); }

  /** An outside action now, a step of its own: like a line after a step back, it takes
   *  the place of the recorded action at the cursor and drops the undone future. False
   *  when it does not apply (no such client, no terminal, an unknown signal): then the
   *  session, its recorded future and the checkpoints along it stay as they were. */
  act(a: OutsideAction): boolean {
    return this.applyOutside(a, true);
  }

  /** A new branch from action `cursor`: the recorded actions after it, and the checkpoints
   *  taken along them, go. */
  private dropFuture(cursor: number): void {
    this.actions.length = cursor;
    this.checkpoints?.dropAfter(cursor);
  }

  /** Do one action (new, or replayed) and record it. */
  private apply(a: Action): StepInfo {
    if (a.kind !== "step" && a.kind !== "wait") {
      this.applyOutside(a);
      return { step: this.steps, ended: this.ended };
    }
    this.outside();
    let tid: number;
    if (a.kind === "wait" || a.picked) {
      const pick = this.pick();
      if (pick === undefined) {
        this.record({ kind: "wait" });
        return { step: this.steps, ended: this.ended };
      }
      tid = pick;
    } else {
      tid = a.tid;
      // Round-robin goes on from the task the learner chose.
      this.rr = tid;
    }
    const mode = a.kind === "step" ? a.mode : "into";
    // A recorded action already at the cursor: this step is a replay of the recorded future.
    const replaying = this.cursor < this.actions.length;
    this.record(a.kind === "step" && a.picked ? { kind: "step", tid, mode, picked: true } : { kind: "step", tid, mode });
    this.vars.touch(this.kernel.task(tid)?.pid);
    try {
      this.machine.step(tid, mode);
    } catch (e) {
      // Stopped halfway through the line: the step is not one of the session's applied
      // actions, and this session's state is partway through it (its owner rebuilds it).
      // A new step goes; a replayed one stays recorded with the future after it.
      if (e instanceof StepInterrupted) {
        this.cursor--;
        if (!replaying) this.dropFuture(this.cursor);
        this.halfStepped = true;
      }
      throw e;
    }
    this.machine.reap();
    this.steps++;
    this.outside();
    if (this.opts.snapshots) this.keep(this.snapshot(tid));
    // Without per-step snapshots, drain the kernel's events and output now and then (a
    // snapshot walks every process, so not too often: 1,000 clients make it cost).
    // Output is drained sooner when a lot was written, so the output bound is seen in time.
    else if (this.steps % 4096 === 0 || this.machine.written - this.drained > DRAIN_BYTES || this.trace.length - this.drainedCalls > DRAIN_CALLS) {
      this.drained = this.machine.written;
      this.drainedCalls = this.trace.length;
      this.snapshot(tid);
    }
    this.checkpoint();
    return { step: this.steps, tid, pid: this.kernel.task(tid)?.pid };
  }

  /** What the world outside did by hand: a step of its own (a history entry, so Back
   *  shows the step before it and Forward replays it); recorded, so replay redoes it.
   *  `branch`: a new action, not a replay: once it applies, the undone future goes, and
   *  with it the checkpoints along it, before this step may take one of its own. */
  private applyOutside(a: OutsideAction, branch = false): boolean {
    let done: boolean;
    switch (a.kind) {
      case "connect": this.clients.join(a.lines, this.port); done = true; break;
      case "send": done = this.clients.sendLine(a.client, a.line); break;
      case "close":
        done = this.clients.closeByHand(a.client, `learner-close-${this.closeGroups + 1}`);
        if (done) this.closeGroups++;
        break;
      case "signal": {
        const n = signoOf(a.signal);
        done = n !== undefined;
        if (n !== undefined) this.kernel.externalKill(a.pid, n);
        break;
      }
      case "ttyInput":
        done = this.kernel.hasTerminal();
        // The terminal sends what was typed as UTF-8; the model keeps bytes one a character.
        if (done) this.kernel.typed(latin1Text(new TextEncoder().encode(a.end === "newline" ? `${a.text}\n` : a.text)), a.end === "eof");
        break;
    }
    if (!done) return false;
    if (branch) this.dropFuture(this.cursor);
    this.record(a);
    // The world changed: a blocked program may be able to go on.
    this.ended = undefined;
    this.clients.advance(this.steps);
    this.machine.reap();
    this.steps++;
    if (this.opts.snapshots) this.keep(this.snapshot());
    this.checkpoint();
    return true;
  }

  private keep(snap: Snapshot): void {
    this.history.push(snap);
    this.traceAt.push(this.trace.length);
  }

  private record(a: Action): void {
    this.actions[this.cursor++] = a;
  }

  /** Back one step, a line or an outside action (exact: a replay). False at step 0. */
  stepBack(): boolean {
    if (this.steps === 0) return false;
    this.goto(this.steps - 1);
    return true;
  }

  /** Redo the next undone step (a line or an outside action) after a step back; false
   *  when there is no recorded future. */
  forward(): boolean {
    const start = this.steps;
    this.redo(start + 1);
    return this.steps > start;
  }

  /** Move to the state after step `step` (0 = before the first): from the latest
   *  checkpoint at or before it (or from here, going forward, when that is nearer),
   *  replaying the recorded actions after it; without checkpoints back from the start. */
  goto(step: number): void {
    step = Math.max(step, 0);
    if (step === this.steps) return;
    const c = this.checkpoints?.latest(step);
    if (step > this.steps) {
      if (c && c.steps > this.steps) this.restoreCheckpoint(c);
      this.redo(step);
      return;
    }
    if (c) {
      this.restoreCheckpoint(c);
      this.redo(step);
      return;
    }
    const fresh = new Session(this.opts);
    // Replay through the same list (each action is rewritten as it was), so forward() can redo.
    fresh.actions = this.actions;
    fresh.redo(step);
    Object.assign(this, fresh);
  }

  /** After a step interrupted halfway (halfStepped): back to the state after the last whole
   *  step, from the latest checkpoint; false without checkpoints (the owner replays). */
  recover(): boolean {
    const c = this.checkpoints?.latest(this.steps);
    if (!c) return false;
    const steps = this.steps;
    this.restoreCheckpoint(c);
    this.redo(steps);
    return true;
  }

  /** A checkpoint after this step's line when one is due: the whole machine copied. */
  private checkpoint(): void {
    if (!this.checkpoints?.due(this.steps)) return;
    const state: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (!UNCOPIED.has(k)) state[k] = v;
    // Compiled programs are never written while they run: shared, not copied.
    const shared: object[] = [this.opts, ...[...this.machine.procs.values()].map((p) => p.prog)];
    const mark: HistoryMark = { history: this.history, traceAt: this.traceAt, length: this.history.length };
    const frozen = freeze(state, [this.machine.trace, this.machine.notes, this.probes], shared);
    this.checkpoints.add({ steps: this.steps, cursor: this.cursor, frozen, extra: mark });
  }

  /** Become the state checkpoint `c` holds (the actions and the checkpoints stay). */
  private restoreCheckpoint(c: Checkpoint): void {
    const state = restore(c.frozen) as Record<string, unknown>;
    // A field set since (absent from the copy) goes back to unset.
    for (const k of Object.keys(this)) if (!UNCOPIED.has(k) && !(k in state)) state[k] = undefined;
    Object.assign(this, state);
    const m = c.extra as HistoryMark;
    this.history = m.history.slice(0, m.length);
    this.traceAt = m.traceAt.slice(0, m.length);
  }

  /** Apply recorded actions from the cursor until `step` steps are done (with the waits
   *  after the last: a step() that found nothing to run while the world outside moved). */
  private redo(step: number): void {
    const all = this.actions;
    while (this.cursor < all.length) {
      const a = all[this.cursor];
      if (this.steps >= step && a.kind !== "wait") break;
      const at = this.cursor;
      this.apply(a);
      // Every action applied once is recorded; one that no longer applies means the replay diverged.
      if (this.cursor === at) throw new Error(`replay diverged at action ${at} (${a.kind})`);
    }
  }

  /** Run until every program process has ended, nothing can happen, or the step limit. */
  run(limit = this.maxSteps): string {
    while (!this.ended) {
      if (this.steps >= limit) { this.ended = `stopped after ${limit} steps (the step limit)`; break; }
      this.step();
      this.checkBounds();
    }
    return this.ended!;
  }

  /** A run stops, with the reason, after STUCK_STEPS steps in a row that each ended on a
   *  bound (lines that do not end), once the output passes MAX_OUTPUT, or once the trace
   *  passes MAX_TRACE calls. Stepping by hand is not stopped: each step is bounded. */
  private checkBounds(): void {
    const b = this.machine.lastBound;
    if (b && this.machine.boundedInARow >= STUCK_STEPS) {
      this.ended = `line ${b.line} is still running after ${STUCK_STEPS} steps in a row, each stopped after ${b.what}; the run stops here (an endless loop on one line?)`;
      return;
    }
    const trace = this.machine.trace;
    if (trace.length > MAX_TRACE) {
      this.ended = `the program made more than ${MAX_TRACE.toLocaleString("en")} system calls (the last at line ${trace[trace.length - 1].line}); the run stops here to keep the trace bounded`;
      return;
    }
    if (this.outputText.length + this.stderrText.length > MAX_OUTPUT) {
      const last = this.trace[this.trace.length - 1];
      this.ended = `the program wrote more than ${MAX_OUTPUT >> 20} MiB of output${last ? ` (the last at line ${last.line})` : ""}; the run stops here (an endless loop printing?)`;
    }
  }

  /** The world outside the program: clients, scripted signals, and the clock when all wait. */
  private outside(): void {
    const sc = this.opts.scenario ?? {};
    this.clients.advance(this.steps);
    // Signals go in order, each once its condition holds and the program has settled
    // (nothing runnable), as the real-run driver sends them; atStep also fires at its step.
    const signals = sc.signals ?? [];
    while (this.signalsSent < signals.length) {
      const s = signals[this.signalsSent];
      const atStep = s.atStep !== undefined && this.steps >= s.atStep;
      if (!atStep && !this.quiet()) break;
      const due = atStep
        || (s.afterClientsClosed !== undefined ? this.clients.closed >= s.afterClientsClosed
          : s.afterOutput !== undefined ? this.collectOutput().includes(s.afterOutput) : true);
      if (!due) break;
      // Built aside (takes no events), so the step's own Snapshot stays whole.
      const procs = this.kernel.freshSnapshot(this.steps).processes;
      const group = procs.find((p) => p.pid === this.mainPid)?.pgid ?? this.mainPid;
      this.probes.push({ when: `before ${s.signal}`, processes: procs.filter((p) => p.pgid === group && p.kind === "program") });
      this.signalsSent++;
      const n = signoOf(s.signal) ?? 15;
      const to = s.to ?? "fg";
      if (to === "fg") {
        const key = ({ SIGINT: "^C", SIGTSTP: "^Z", SIGQUIT: "^\\" } as const)[s.signal as "SIGINT"];
        if (key) this.kernel.ttyKey(key);
        else this.kernel.externalKill(-this.mainPid, n);
      } else this.kernel.externalKill(to === "main" ? this.mainPid : to, n);
      this.machine.reap();
    }
    if (!this.anyRunnable() && !this.ended) {
      this.clients.advance(this.steps);
      if (this.anyRunnable()) return;
      const timer = earliest(this.kernel.nextTimer(), this.machine.nextDeadline());
      if (timer !== undefined) { this.kernel.advanceTo(timer); this.machine.reap(); return; }
      if (this.machine.procs.size === 0) this.ended = "every process has exited";
      else this.ended = this.stuck();
    }
  }

  /** Nothing left for the program to do with the clients (all their echoes came back). */
  private quiet(): boolean {
    // As a person at a terminal would: wait until the program has nothing left to do.
    return !this.anyRunnable();
  }

  /** Some process waits for a line typed at the terminal: as the view and the stepper see
   *  it, from a Snapshot (built aside: it takes no events). */
  private awaitsTyping(): boolean {
    return terminalReaders(this.kernel.freshSnapshot(this.steps)).length > 0;
  }

  /** Why nothing can run: each thread blocked in its call, or stopped (a stopped process
   *  is not blocked: only SIGCONT, from outside, lets it go on). */
  private stuck(): string {
    const out: string[] = [];
    let stopped = 0, blocked = 0;
    for (const p of this.machine.procs.values()) {
      // A stopped process is one entry (all its threads are stopped with it).
      if (this.kernel.task(p.pid)?.state === "stopped") { stopped++; out.push(`${p.pid} stopped at line ${this.machine.userLine(p, p.threads[0])}`); continue; }
      for (const t of p.threads) {
        const info = this.kernel.task(t.tid);
        blocked++;
        out.push(`${p.pid}${t.tid !== p.pid ? `/${t.tid}` : ""} in ${t.blockedOn ?? info?.blockedOn ?? info?.state ?? "?"} at line ${this.machine.userLine(p, t)}`);
      }
    }
    const head = !stopped ? "every process is blocked" : !blocked ? "every process is stopped" : "every process is blocked or stopped";
    const hints = [...(stopped ? [`SIGCONT continues a stopped one`] : []), ...(this.awaitsTyping() ? [TYPE_HINT] : [])];
    return `${head}: ${out.join(", ")}${hints.map((h) => `; ${h}`).join("")}`;
  }

  private pick(): number | undefined {
    const q = this.kernel.readyPrograms();
    switch (this.opts.policy ?? "round-robin") {
      case "parent-first": return this.firstRunnable(0, 1);
      case "child-first": return this.firstRunnable(q.length - 1, -1);
      case "random": {
        const r = this.runnable();
        if (!r.length) return undefined;
        this.rand = (Math.imul(this.rand, 1664525) + 1013904223) >>> 0;
        // The high bits: an LCG's low bit only alternates.
        return r[(this.rand >>> 16) % r.length];
      }
      default: {
        // The next task after the last one picked, round the queue (binary search for the place).
        let lo = 0, hi = q.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (q[mid] <= this.rr) lo = mid + 1; else hi = mid;
        }
        const next = this.firstRunnable(lo, 1) ?? this.firstRunnable(0, 1);
        if (next === undefined) return undefined;
        this.rr = next;
        return next;
      }
    }
  }

  snapshot(running?: number): Snapshot {
    const snap = this.kernel.snapshot(this.steps, {
      running,
      annotate: (pid) => {
        const p = this.machine.procs.get(pid);
        if (!p) return undefined;
        const t = p.threads[0];
        const s = p.streams[p.prog.stdout];
        const vars = this.vars.of(this.machine, pid);
        return { line: t ? this.machine.userLine(p, t) : undefined, stdout: s ? { mode: s.mode === "unset" ? "full" : s.mode, buffered: s.out } : undefined,
          frames: vars?.frames, globals: vars?.globals };
      },
    });
    this.vars.taken();
    for (const e of snap.events) if (e.kind === "exit" && e.pid === this.mainPid) this.mainStatus = e.status;
    for (const c of snap.output) {
      if (this.machine.outside.has(c.pid)) continue;
      if (c.fd === 1) this.outputText += c.text;
      else if (c.fd === 2) this.stderrText += c.text;
    }
    for (const n of this.machine.notes.slice(this.notesSeen)) snap.events.push({ kind: "note", pid: n.pid, text: n.text });
    this.notesSeen = this.machine.notes.length;
    return snap;
  }

  /** Output so far (takes a snapshot when snapshots are off, to drain the kernel's output). */
  collectOutput(): string {
    if (!this.opts.snapshots) this.snapshot();
    return this.outputText;
  }

  stdout(): string {
    return this.outputText;
  }

  stderr(): string {
    return this.stderrText;
  }
}

/** The model's file system at the start: /dev/null (an empty file in the model: reads see
 *  EOF; what is written stays) and the files the Scenario names. */
function seedFiles(k: Kernel, files: Record<string, string>): void {
  k.writeFile("/dev/null", "");
  for (const [path, text] of Object.entries(files)) k.writeFile(path, text);
}

/** The earlier of two times, either of which may be absent. */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
