// The learner's stepper: a Session driven by hand from the editor and the view. It adds
// what a person does while stepping (pick a process, connect a client, type a line, close
// clients, send a signal) and exact stepping back. The world is deterministic, so going
// back rebuilds the Session and replays the log of what the learner did up to that point.
import { signo as signoOf } from "../kernel/kernel";
import type { Snapshot } from "../kernel/snapshot";
import type { Program } from "../c/program";
import { Policy, Session } from "./session";
import { ClientAction, ClientScript, DEFAULT_PORT, Scenario } from "./scenario";
import type { ClientState } from "./clients";
import type { TraceEntry } from "./trace";

export interface StepperOptions {
  program: Program;
  name: string;
  scenario?: Scenario;
  policy?: Policy;
  seed?: number;
  /** Steps one "continue" or "run to here" may take. */
  maxSteps?: number;
  loadProgram?: (name: string) => Program | undefined;
}

/** Something the learner did; the log of these is the session's history. */
export type LearnerAction =
  | { kind: "step"; tid?: number }
  | { kind: "connect"; lines: string[] }
  | { kind: "send"; client: number; line: string }
  | { kind: "close"; client: number | "all" }
  | { kind: "signal"; pid: number; signal: string };

/** The result of a command: whether it did something, and what to tell the learner. */
export interface Outcome {
  ok: boolean;
  message?: string;
}

/** A learner-connected client waits for more lines until this (never reached) step count. */
const HOLD = Number.MAX_SAFE_INTEGER;
const isHold = (a: ClientAction): boolean => "waitSteps" in a && a.waitSteps === HOLD;

export class Stepper {
  session!: Session;
  /** What the learner did, each with the history index it happened at. */
  private log: Array<{ at: number; action: LearnerAction }> = [];
  /** trace.length after each history entry, so a step's system calls can be found. */
  private traceAt: number[] = [];
  private closeGroups = 0;

  constructor(readonly opts: StepperOptions) {
    this.reset();
  }

  get history(): readonly Snapshot[] { return this.session.history; }
  get current(): Snapshot { return this.session.history[this.session.history.length - 1]; }
  get index(): number { return this.session.history.length - 1; }
  get mainPid(): number { return this.session.mainPid; }
  get ended(): string | undefined { return this.session.ended; }

  /** System calls made by the step that produced history entry i. */
  callsAt(i: number): TraceEntry[] {
    if (i <= 0 || i >= this.traceAt.length) return [];
    return this.session.trace.slice(this.traceAt[i - 1], this.traceAt[i]);
  }

  /** One line of one process: the chosen pid's, or the scheduler's pick. */
  step(pid?: number): Outcome {
    let tid: number | undefined;
    if (pid !== undefined) {
      const found = this.runnableTid(pid);
      if (typeof found === "string") return { ok: false, message: found };
      tid = found;
    }
    return this.apply({ kind: "step", tid }) ? { ok: true } : { ok: false, message: this.session.ended ?? "nothing can run now" };
  }

  /** Step with the scheduler until the program ends, everything blocks, or the limit. */
  continue(limit = this.opts.maxSteps ?? 10000): Outcome {
    return this.until(() => false, limit);
  }

  /** Step with the scheduler until some process arrives at `line` (before it runs). */
  runToLine(line: number, limit = this.opts.maxSteps ?? 10000): Outcome {
    const r = this.until((s) => s.processes.some((p) => p.kind === "program" && p.state !== "zombie" && p.line === line), limit);
    return r.ok && r.message === undefined ? r : { ok: r.ok, message: r.message ?? `no process reached line ${line}` };
  }

  /** Step with the scheduler until `moment` holds of the Snapshot (a demo's interesting moment). */
  until(moment: (s: Snapshot, st: Stepper) => boolean, limit = this.opts.maxSteps ?? 10000): Outcome {
    for (let n = 0; n < limit; n++) {
      if (!this.apply({ kind: "step" })) return { ok: n > 0, message: this.session.ended };
      if (moment(this.current, this)) return { ok: true };
    }
    return { ok: true, message: `stopped after ${limit} steps (forklab.maxSteps)` };
  }

  /** A new client connects (once the program listens) and sends `lines`, then waits. */
  connect(lines: string[]): Outcome {
    this.apply({ kind: "connect", lines });
    const c = this.session.clients.list[this.session.clients.list.length - 1];
    return { ok: true, message: c.pid ? `client pid ${c.pid} connecting` : "the client will connect once the program listens" };
  }

  send(client: number, line: string): Outcome {
    const c = this.client(client);
    if (!c || c.phase === "done") return { ok: false, message: `no connected client with pid ${client}` };
    this.apply({ kind: "send", client, line });
    return { ok: true };
  }

  close(client: number | "all"): Outcome {
    const open = this.session.clients.list.filter((c) => c.phase !== "done" && (client === "all" || c.pid === client));
    if (!open.length) return { ok: false, message: client === "all" ? "no client is connected" : `no connected client with pid ${client}` };
    this.apply({ kind: "close", client });
    return { ok: true };
  }

  signal(pid: number, signal: string): Outcome {
    if (signoOf(signal) === undefined) return { ok: false, message: `unknown signal ${signal}` };
    if (!this.current.processes.some((p) => p.pid === pid && p.state !== "zombie")) return { ok: false, message: `pid ${pid} is not a live process` };
    this.apply({ kind: "signal", pid, signal });
    return { ok: true };
  }

  /** Back one history entry, or first undo outside actions taken since the last step. */
  back(): Outcome {
    const last = this.log[this.log.length - 1];
    if (!last) return { ok: false, message: "already at the start" };
    if (last.action.kind !== "step" && last.at === this.index) return this.goto(this.index, true);
    return this.goto(this.index - 1);
  }

  /** Rebuild the session at history index `target` (<= the current one) by replay. */
  goto(target: number, dropOutside = false): Outcome {
    if (target > this.index || target < 0) return { ok: false, message: `step ${target} is not in the history (0..${this.index})` };
    const keep = this.log.filter((e) => e.at < target || (e.at === target && e.action.kind !== "step" && !dropOutside));
    this.reset();
    for (const e of keep) this.apply(e.action);
    return { ok: true };
  }

  /** Start again from the beginning with the same program and scenario. */
  reset(): void {
    this.session = new Session({
      program: this.opts.program, name: this.opts.name, scenario: structuredClone(this.opts.scenario ?? {}),
      policy: this.opts.policy, seed: this.opts.seed, snapshots: true, loadProgram: this.opts.loadProgram,
      // The session's own cap applies to the whole history; each command has its own limit.
      maxSteps: Number.MAX_SAFE_INTEGER,
    });
    this.log = [];
    this.traceAt = [0];
    this.closeGroups = 0;
  }

  /** Performs an action and logs it; false when a step could not run. */
  private apply(action: LearnerAction): boolean {
    const s = this.session;
    const at = this.index;
    if (action.kind === "step") {
      const before = s.history.length;
      s.step(action.tid);
      if (s.history.length === before) return false;
      // The pick is recorded, so replay does not depend on the scheduler's state.
      const done = s.actions[s.actions.length - 1];
      this.log.push({ at, action: { kind: "step", tid: done.kind === "step" ? done.tid : action.tid } });
      this.traceAt.push(s.trace.length);
      return true;
    }
    this.outside(action);
    this.log.push({ at, action });
    // The world changed: a blocked program may be able to go on.
    s.ended = undefined;
    s.clients.advance(s.steps);
    s.machine.reap();
    this.refresh();
    return true;
  }

  private outside(a: Exclude<LearnerAction, { kind: "step" }>): void {
    const s = this.session;
    switch (a.kind) {
      case "connect": {
        const script: ClientScript = { actions: [...a.lines.map((send) => ({ send })), { waitSteps: HOLD }] };
        s.clients.add(script, this.port());
        return;
      }
      case "send": {
        const c = this.client(a.client)!;
        c.script.actions.splice(this.closingIndex(c), 0, { send: a.line });
        if (c.waitUntil !== undefined && c.phase === "idle") c.waitUntil = undefined;
        return;
      }
      case "close": {
        const group = `learner-close-${++this.closeGroups}`;
        for (const c of s.clients.list) {
          if (c.phase === "done" || (a.client !== "all" && c.pid !== a.client)) continue;
          // A client waiting for an echo closes right after it; an idle one at once.
          const from = c.phase === "sent" ? c.at + 1 : c.at;
          c.script.actions.splice(from, Infinity, a.client === "all" ? { close: true, group } : { close: true });
          c.waitUntil = undefined;
        }
        return;
      }
      case "signal":
        s.kernel.externalKill(a.pid, signoOf(a.signal)!);
        return;
    }
  }

  /** Where a new line goes: before the client's hold or its next close. */
  private closingIndex(c: ClientState): number {
    const acts = c.script.actions;
    for (let i = c.at; i < acts.length; i++) if (isHold(acts[i]) || "close" in acts[i]) return i;
    return acts.length;
  }

  /** The last snapshot, redone after an outside action, keeping what its step did. */
  private refresh(): void {
    const h = this.session.history;
    const last = h[h.length - 1];
    const fresh = this.session.snapshot();
    h[h.length - 1] = { ...fresh, events: [...last.events, ...fresh.events], output: [...last.output, ...fresh.output] };
    this.traceAt[this.traceAt.length - 1] = this.session.trace.length;
  }

  private client(pid: number): ClientState | undefined {
    return this.session.clients.list.find((c) => c.pid === pid);
  }

  private port(): number {
    const a = this.opts.scenario?.argv?.[0];
    return a && /^\d+$/.test(a) ? +a : DEFAULT_PORT;
  }

  /** The thread of `pid` that can run a line now, or why none can. */
  private runnableTid(pid: number): number | string {
    const p = this.session.machine.procs.get(pid);
    const snap = this.current.processes.find((x) => x.pid === pid);
    if (!p || !snap) return snap?.state === "zombie" ? `pid ${pid} has exited (a zombie until its parent reaps it)` : `pid ${pid} is not a process of this program`;
    const ready = new Set(this.session.runnable());
    const t = p.threads.find((x) => ready.has(x.tid));
    if (t) return t.tid;
    if (snap.state === "stopped") return `pid ${pid} is stopped: send it SIGCONT`;
    return `pid ${pid} is blocked${snap.blockedOn ? ` in ${snap.blockedOn}` : ""}: ${unblockHint(snap.blockedOn)}`;
  }
}

/** What would let a process blocked in `call` go on, in the learner's terms. */
export function unblockHint(call: string | undefined): string {
  const name = (call ?? "").replace(/\(.*$/, "");
  switch (name) {
    case "accept": return "connect a client";
    case "read": case "recvfrom": case "recv": case "readline": return "it waits for data (a client line, or a writer)";
    case "wait": case "wait4": case "waitpid": return "it waits for a child to exit";
    case "pause": case "sigsuspend": return "it waits for a signal";
    case "write": case "sendto": return "it waits for the reader to make room";
    case "connect": return "it waits for the server to accept";
    case "nanosleep": case "sleep": return "it is sleeping";
    default: return "another process must act first";
  }
}
