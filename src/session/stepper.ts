// The learner's stepper: a Session driven by hand from the editor and the view. It says,
// in the learner's terms, what each command did or why it could not (a blocked process,
// a client that is not connected), and steps until a line or a moment. Everything done
// (lines stepped, clients, typed lines, closes, signals) is a Session action, so stepping
// back is the Session's own exact replay.
import { signo as signoOf } from "../kernel/kernel";
import type { Snapshot } from "../contract/snapshot";
import type { Program } from "../c/program";
import { Policy, Session } from "./session";
import type { Scenario } from "../contract/scenario";
import type { TraceEntry } from "../c/trace";
import { unblockHint } from "./unblock";

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
}

/** The result of a command: whether it did something, and what to tell the learner. */
export interface Outcome {
  ok: boolean;
  message?: string;
}

export class Stepper {
  session!: Session;

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
    return this.session.callsAt(i);
  }

  /** One line of one process: the chosen pid's, or the scheduler's pick. */
  step(pid?: number): Outcome {
    let tid: number | undefined;
    if (pid !== undefined) {
      const found = this.runnableTid(pid);
      if (typeof found === "string") return { ok: false, message: found };
      tid = found;
    }
    return this.stepOnce(tid) ? { ok: true } : { ok: false, message: this.session.ended ?? "nothing can run now" };
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
      if (!this.stepOnce()) return { ok: n > 0, message: this.session.ended };
      if (moment(this.current, this)) return { ok: true };
      // A line still running after a step's bound: stop, so the learner sees why and can step on.
      const bound = this.session.machine.lastBound;
      if (bound) return { ok: true, message: bound.text };
    }
    return { ok: true, message: `stopped after ${limit} steps (forklab.maxSteps)` };
  }

  /** A new client connects (once the program listens) and sends `lines`, then waits. */
  connect(lines: string[]): Outcome {
    this.session.connect(lines);
    const c = this.session.clients.list[this.session.clients.list.length - 1];
    return { ok: true, message: c.pid ? `client pid ${c.pid} connecting` : "the client will connect once the program listens" };
  }

  send(client: number, line: string): Outcome {
    return this.session.send(client, line) ? { ok: true } : { ok: false, message: `no connected client with pid ${client}` };
  }

  close(client: number | "all"): Outcome {
    if (this.session.close(client)) return { ok: true };
    return { ok: false, message: client === "all" ? "no client is connected" : `no connected client with pid ${client}` };
  }

  signal(pid: number, signal: string): Outcome {
    if (signoOf(signal) === undefined) return { ok: false, message: `unknown signal ${signal}` };
    if (!this.current.processes.some((p) => p.pid === pid && p.state !== "zombie")) return { ok: false, message: `pid ${pid} is not a live process` };
    this.session.signal(pid, signal);
    return { ok: true };
  }

  /** Back one history entry, or first undo the outside actions taken since the last step. */
  back(): Outcome {
    if (this.session.outsideSinceStep) return this.goto(this.index, true);
    if (this.index === 0) return { ok: false, message: "already at the start" };
    return this.goto(this.index - 1);
  }

  /** Back to history index `target` (<= the current one), by the Session's replay. */
  goto(target: number, bare = false): Outcome {
    if (target > this.index || target < 0) return { ok: false, message: `step ${target} is not in the history (0..${this.index})` };
    this.session.goto(target, bare);
    return { ok: true };
  }

  /** Start again from the beginning with the same program and scenario. */
  reset(): void {
    this.session = new Session({
      program: this.opts.program, name: this.opts.name, scenario: this.opts.scenario ?? {},
      policy: this.opts.policy, seed: this.opts.seed, snapshots: true, loadProgram: this.opts.loadProgram, readFile: this.opts.readFile,
      // The session's own cap applies to the whole history; each command has its own limit.
      maxSteps: Number.MAX_SAFE_INTEGER,
    });
  }

  /** One line (of `tid`, or the scheduler's pick); false when nothing could run. */
  private stepOnce(tid?: number): boolean {
    return this.session.step(tid).tid !== undefined;
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
