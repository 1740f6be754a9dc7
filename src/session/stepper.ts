// The learner's stepper: a Session driven by hand from the editor and the view. It says,
// in the learner's terms, what each command did or why it could not (a blocked process,
// a client that is not connected), and steps until a line or a moment. Everything done
// (lines stepped, clients, typed lines, closes, signals) is a Session action and a step of
// its own in the history, so stepping back is the Session's own exact replay. Going back keeps the steps after it as the
// recorded future: Forward, Last and the slider replay it; only a different action at an
// earlier step replaces it (the Outcome says how many steps that dropped).
import { signo as signoOf } from "../kernel/kernel";
import type { Snapshot } from "../contract/snapshot";
import type { Program } from "../c/program";
import { OutsideAction, Policy, Session } from "./session";
import type { Scenario } from "../contract/scenario";
import type { TraceEntry } from "../c/trace";
import { whyBlocked, whyNotStep } from "../contract/unblock";
import { readsTerminal } from "../contract/terminal";
import type { TtyEnd } from "../contract/protocol";

export interface StepperOptions {
  program: Program;
  name: string;
  scenario?: Scenario;
  policy?: Policy;
  seed?: number;
  /** Steps one "continue" or "run to here" may take. */
  maxSteps?: number;
  loadProgram?: (name: string) => Program | undefined;
  /** Files next to the program, read at their first open (the model's file system). */
  readFile?: (path: string) => string | Uint8Array | undefined;
  /** Asked before each step of a command that takes many (continue, run to a line or a
   *  moment), with the steps done so far: true stops the command there (the learner's Stop). */
  checkpoint?: (done: number, limit: number) => boolean;
  /** Asked during a long step: true abandons it halfway (see rebuild()). */
  interrupted?: () => boolean;
}

/** The result of a command: whether it did something, and what to tell the learner. */
export interface Outcome {
  ok: boolean;
  message?: string;
  /** The learner stopped the command before it was done. */
  stopped?: boolean;
  /** A different action at an earlier step replaced this many recorded steps. */
  replaced?: number;
}

export class Stepper {
  session!: Session;
  /** Snapshots recorded after the current step (kept by Back, First and goto), in order,
   *  and the system calls of each. */
  private future: Snapshot[] = [];
  private futureCalls: TraceEntry[][] = [];
  /** Recorded steps a different action replaced since the last Outcome, and at which step. */
  private replaced = 0;
  private replacedAt = 0;

  constructor(readonly opts: StepperOptions) {
    this.reset();
  }

  /** The steps up to the current one (what the model has run to reach it). */
  get history(): readonly Snapshot[] { return this.session.history; }
  /** Every recorded step: the history, then the recorded future after a step back. */
  get timeline(): readonly Snapshot[] { return this.future.length ? [...this.session.history, ...this.future] : this.session.history; }
  get current(): Snapshot { return this.session.history[this.session.history.length - 1]; }
  get index(): number { return this.session.history.length - 1; }
  get mainPid(): number { return this.session.mainPid; }
  get ended(): string | undefined { return this.session.ended; }

  /** System calls made by the step that produced timeline entry i. */
  callsAt(i: number): TraceEntry[] {
    return i <= this.index ? this.session.callsAt(i) : this.futureCalls[i - this.index - 1] ?? [];
  }

  /** One line of one process: the chosen pid's, or the scheduler's pick. */
  step(pid?: number): Outcome {
    let tid: number | undefined;
    if (pid !== undefined) {
      const found = this.runnableTid(pid);
      if (typeof found === "string") return { ok: false, message: found };
      tid = found;
    }
    if (!this.stepOnce(tid)) return { ok: false, message: this.session.ended ?? "nothing can run now" };
    return this.outcome();
  }

  /** The result of a command that ran, saying when it replaced the recorded future. */
  private outcome(message?: string): Outcome {
    const n = this.replaced;
    this.replaced = 0;
    if (!n) return { ok: true, message };
    const note = `a different action at step ${this.replacedAt} replaced the ${n} recorded step${n > 1 ? "s" : ""} after it`;
    return { ok: true, message: message ? `${message}; ${note}` : note, replaced: n };
  }

  /** Step with the scheduler until the program ends, everything blocks, or the limit. */
  continue(limit = this.opts.maxSteps ?? 10000): Outcome {
    return this.until(() => false, limit);
  }

  /** Step with the scheduler until some process arrives at `line` (before it runs). */
  runToLine(line: number, limit = this.opts.maxSteps ?? 10000): Outcome {
    const r = this.until((s) => s.processes.some((p) => p.kind === "program" && p.state !== "zombie" && p.line === line), limit);
    return r.ok && r.message === undefined ? r : { ...r, message: r.message ?? `no process reached line ${line}` };
  }

  /** Step with the scheduler until `moment` holds of the Snapshot (a demo's interesting moment). */
  until(moment: (s: Snapshot, st: Stepper) => boolean, limit = this.opts.maxSteps ?? 10000): Outcome {
    for (let n = 0; n < limit; n++) {
      if (this.opts.checkpoint?.(n, limit)) {
        const message = `stopped after ${n.toLocaleString("en")} step${n === 1 ? "" : "s"}`;
        return n > 0 ? { ...this.outcome(message), stopped: true } : { ok: false, message, stopped: true };
      }
      if (!this.stepOnce()) return n > 0 ? this.outcome(this.session.ended) : { ok: false, message: this.session.ended };
      if (moment(this.current, this)) return this.outcome();
      // A line still running after a step's bound goes on too (its note says so once): a
      // command here has Stop and its own limit, so an endless loop on one line runs until
      // the learner stops it or the limit (Session.run, with no one to press Stop, ends it
      // after STUCK_STEPS such steps in a row).
    }
    return this.outcome(`stopped after ${limit} steps (forklab.maxSteps)`);
  }

  /** Forward along the recorded future (one step, with the outside actions taken at it);
   *  false when there is none. */
  forward(): boolean {
    if (!this.future.length) return false;
    const at = this.index;
    try {
      return this.session.forward();
    } finally {
      this.followed(at);
    }
  }

  /** The session replayed recorded steps after `at`: they leave the future, and the
   *  history holds the recorded Snapshots themselves (same content, same objects, so
   *  whoever holds them sees nothing changed). */
  private followed(at: number): void {
    const n = this.index - at;
    if (n <= 0) return;
    const h = this.session.history;
    for (let i = 0; i < n && i < this.future.length; i++) h[at + 1 + i] = this.future[i];
    this.future.splice(0, n);
    this.futureCalls.splice(0, n);
  }

  /** After a replay from the start: the entries below `upto` are the ones held before
   *  (the Session is deterministic, so their content is the same). */
  private keepIdentity(past: readonly Snapshot[], upto: number): void {
    const h = this.session.history;
    for (let i = 0; i < upto && i < past.length && i < h.length; i++) h[i] = past[i];
  }

  /** A new client connects (once the program listens) and sends `lines`, then waits. */
  connect(lines: string[]): Outcome {
    if (!this.outside({ kind: "connect", lines })) return { ok: false, message: "the client could not connect" };
    const c = this.session.clients.list[this.session.clients.list.length - 1];
    return this.outcome(c.pid ? `client pid ${c.pid} connecting` : "the client will connect once the program listens");
  }

  send(client: number, line: string): Outcome {
    if (!this.outside({ kind: "send", client, line })) return { ok: false, message: `no connected client with pid ${client}` };
    return this.outcome();
  }

  close(client: number | "all"): Outcome {
    if (!this.outside({ kind: "close", client })) return { ok: false, message: client === "all" ? "no client is connected" : `no connected client with pid ${client}` };
    return this.outcome();
  }

  signal(pid: number, signal: string): Outcome {
    if (signoOf(signal) === undefined) return { ok: false, message: `unknown signal ${signal}` };
    if (!this.current.processes.some((p) => p.pid === pid && p.state !== "zombie")) return { ok: false, message: `pid ${pid} is not a live process` };
    this.outside({ kind: "signal", pid, signal });
    return this.outcome();
  }

  /** A line typed at the terminal, ended by Enter or Ctrl-D (`end`). */
  ttyInput(text: string, end: TtyEnd): Outcome {
    if (!this.outside({ kind: "ttyInput", text, end })) return { ok: false, message: "no process has the terminal open: nothing reads what is typed" };
    return this.outcome();
  }

  /** An outside action, a step of its own: the recorded next step when it is the same
   *  action (Forward replays it), else a new branch that replaces the recorded future. */
  private outside(a: OutsideAction): boolean {
    if (this.future.length && sameAction(this.session.actions[this.session.cursor], a)) return this.forward();
    const at = this.index;
    const done = this.session.act(a);
    if (done) this.branched(at);
    return done;
  }

  /** Back one step: a line, or an action taken by hand (each is a history entry). */
  back(): Outcome {
    if (this.index === 0) return { ok: false, message: "already at the start" };
    return this.goto(this.index - 1);
  }

  /** To timeline index `target`: back by the Session's replay (the steps after it become
   *  the recorded future), forward along the recorded future. */
  goto(target: number): Outcome {
    const last = this.index + this.future.length;
    if (target > last || target < 0) return { ok: false, message: `step ${target} is not in the history (0..${last})` };
    if (target > this.index) {
      const at = this.index;
      try {
        this.session.goto(target);
      } finally {
        this.followed(at);
      }
      return { ok: true };
    }
    const past = this.session.history;
    const pastCalls = past.slice(target + 1).map((_, i) => this.session.callsAt(target + 1 + i));
    this.session.goto(target);
    // The replay rebuilt steps 0..target; the recorded ones after it stay, as they were.
    this.keepIdentity(past, target + 1);
    if (target < past.length - 1) {
      this.future = [...past.slice(target + 1), ...this.future];
      this.futureCalls = [...pastCalls, ...this.futureCalls];
    }
    return { ok: true };
  }

  /** Start again from the beginning with the same program and scenario. */
  reset(): void {
    this.future = [];
    this.futureCalls = [];
    this.session = new Session({
      program: this.opts.program, name: this.opts.name, scenario: this.opts.scenario ?? {},
      policy: this.opts.policy, seed: this.opts.seed, snapshots: true, loadProgram: this.opts.loadProgram, readFile: this.opts.readFile,
      interrupted: this.opts.interrupted,
      // The session's own cap applies to the whole history; each command has its own limit.
      maxSteps: Number.MAX_SAFE_INTEGER,
    });
  }

  /** After a step interrupted halfway: the same session again from its recorded actions
   *  (a replay, exact), as it was after the last whole step, with its recorded future. */
  rebuild(): void {
    // From the session's latest checkpoint, keeping the Snapshots already handed out.
    const held = this.session.history;
    if (this.session.recover()) {
      this.keepIdentity(held, this.index + 1);
      return;
    }
    const { actions, steps } = this.session;
    const past = this.session.history;
    const future = this.future;
    const futureCalls = this.futureCalls;
    this.reset();
    this.session.actions = actions;
    this.session.goto(steps);
    this.keepIdentity(past, this.index + 1);
    this.future = future;
    this.futureCalls = futureCalls;
  }

  /** One line (of `tid`, or the scheduler's pick); false when nothing could run. The
   *  recorded future is followed when the line is the one it recorded next; any other
   *  line starts a new branch and drops it. */
  private stepOnce(tid?: number): boolean {
    if (this.future.length && this.recordedNext(tid)) return this.forward();
    // Session.step drops the recorded actions after the cursor whatever it then runs.
    this.branched();
    return this.session.step(tid).tid !== undefined;
  }

  /** The recorded action after the current state is a line of `tid` (any line when no
   *  tid is asked for: the learner presses Forward). */
  private recordedNext(tid?: number): boolean {
    const a = this.session.actions[this.session.cursor];
    if (!a) return false;
    if (tid === undefined) return true;
    return a.kind === "step" && a.tid === tid;
  }

  /** The Session dropped its undone actions (a new step at timeline index `at`): the
   *  recorded future goes with them. */
  private branched(at = this.index): void {
    if (!this.future.length) return;
    if (!this.replaced) this.replacedAt = at;
    this.replaced += this.future.length;
    this.future = [];
    this.futureCalls = [];
  }

  /** The thread of `pid` that can run a line now, or why none can. */
  private runnableTid(pid: number): number | string {
    const p = this.session.machine.procs.get(pid);
    const snap = this.current.processes.find((x) => x.pid === pid);
    if (!p || !snap) return (snap && whyNotStep(snap, this.current)) ?? `pid ${pid} is not a process of this program`;
    const ready = new Set(this.session.runnable());
    const t = p.threads.find((x) => ready.has(x.tid));
    if (t) return t.tid;
    const tty = readsTerminal(this.current, snap);
    return whyNotStep(snap, this.current) ?? whyBlocked(pid, snap.blockedOn, tty);
  }
}

/** The recorded action `a` is the outside action `b` again (a Forward, not a new branch). */
function sameAction(a: { kind: string } | undefined, b: OutsideAction): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
