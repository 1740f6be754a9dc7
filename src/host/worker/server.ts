// The model's side of the worker protocol: holds the sessions (one Stepper each), runs the
// commands the editor sends, and answers with what changed. It knows no platform: the
// entry that runs it (src/host/worker-node.ts, later a Web Worker's) gives it a way to
// load a program, a way to post messages, and the shared stop flag.
import { StepInterrupted } from "../../c/vm";
import type { LoadedProgram } from "../load";
import { demo } from "../../coach/demos";
import { runTo } from "../../coach/moments";
import { Session } from "../../session/session";
import { Stepper } from "../../session/stepper";
import type { Outcome } from "../../session/stepper";
import { Command, NOTES_SENT, OpenRequest, PROGRESS_MS, Request, Response, STOP_SLOT, Update, WorkerMessage } from "./protocol";

/** A program compiled for a session: what host/load.ts gives, minus the platform. */
export type Loader = (file: string, text: string | undefined) => Promise<LoadedProgram>;

interface Held {
  stepper: Stepper;
  /** History entries and applied actions the editor holds (what earlier Updates sent). */
  sentLength: number;
  sentActions: number;
  sentNotes: number;
  /** The request being run, for the checkpoint's progress events and stop check. */
  running?: { id: number; stopGen: number; lastProgress: number; stopSeen?: number };
}

/** How long a Stop waits for the line that runs to end before it abandons the line. */
const MIDLINE_AFTER_MS = 40;

/** Commands that only add steps: the entries the editor holds stay as they are. */
const ADDS_ONLY = new Set<Command["kind"]>(["step", "continue", "runToLine", "demo"]);

export class ModelServer {
  private readonly sessions = new Map<string, Held>();

  /**
   * @param stop an Int32Array over a SharedArrayBuffer: its STOP_SLOT holds the editor's stop
   *   generation, read between steps, so a long command stops without a message getting through.
   */
  constructor(private readonly load: Loader, private readonly post: (m: WorkerMessage) => void,
    private readonly stop?: Int32Array, private readonly now: () => number = () => Date.now()) {}

  /** Work left after an answer went out (rebuilding a session a Stop cut halfway through a step). */
  private after: (() => void) | undefined;

  async handle(req: Request): Promise<void> {
    try {
      this.post(await this.answer(req));
    } catch (e) {
      this.post({ type: "failed", id: req.id, message: e instanceof Error ? e.message : String(e) });
    }
    const after = this.after;
    this.after = undefined;
    after?.();
  }

  private async answer(req: Request): Promise<Response> {
    switch (req.type) {
      case "open": return this.open(req);
      case "close":
        this.sessions.delete(req.session);
        return { type: "closed", id: req.id };
      case "atRest": {
        const loaded = await this.load(req.file, undefined);
        if (!loaded.program.funcIndex.has("main")) throw new Error(`${req.file} has no main function the model can run`);
        const session = new Session({ program: loaded.program, name: loaded.name, scenario: req.scenario, maxSteps: req.maxSteps,
          loadProgram: loaded.loadProgram, readFile: loaded.readFile });
        session.run();
        return { type: "atRest", id: req.id, snapshot: session.snapshot(), mainPid: session.mainPid };
      }
      case "clients": {
        const list = this.held(req.session).stepper.session.clients.list;
        return { type: "clients", id: req.id, clients: list.filter((c) => c.phase !== "done" && c.pid).map((c) => ({ pid: c.pid, phase: c.phase })) };
      }
      case "act": {
        const h = this.held(req.session);
        // A Stop sent after this request: it is cancelled before it starts.
        if (this.stopGen() > req.stopGen) return { type: "done", id: req.id, session: req.session, outcome: { ok: false, message: "stopped", stopped: true }, update: this.update(h, true) };
        h.running = { id: req.id, stopGen: req.stopGen, lastProgress: this.now() };
        const start = h.stepper.index;
        let outcome: Outcome;
        try {
          outcome = this.run(h.stepper, req.command);
        } catch (e) {
          if (!(e instanceof StepInterrupted)) throw e;
          // Stopped during one long line: what the steps before it did stands. The history
          // is whole; the session's state is partway through the line, so it is rebuilt
          // from its actions once the answer is out (the next request waits for that).
          const n = h.stepper.index - start;
          outcome = { ok: n > 0, message: `stopped after ${n.toLocaleString("en")} step${n === 1 ? "" : "s"}, in the middle of a line`, stopped: true };
          if (h.stepper.session.halfStepped) this.after = () => h.stepper.rebuild();
        } finally {
          h.running = undefined;
        }
        return { type: "done", id: req.id, session: req.session, outcome, update: this.update(h, ADDS_ONLY.has(req.command.kind)) };
      }
    }
  }

  private async open(req: OpenRequest): Promise<Response> {
    const loaded = await this.load(req.file, req.text);
    const hasMain = loaded.program.funcIndex.has("main");
    if (!hasMain) return { type: "opened", id: req.id, session: req.session, diagnostics: loaded.diagnostics, hasMain };
    const h: Held = { stepper: undefined as unknown as Stepper, sentLength: 0, sentActions: 0, sentNotes: 0 };
    h.stepper = new Stepper({
      program: loaded.program, name: loaded.name, scenario: req.scenario, policy: req.policy, maxSteps: req.maxSteps,
      loadProgram: loaded.loadProgram, readFile: loaded.readFile, checkpoint: (done, limit) => this.checkpoint(req.session, h, done, limit),
      interrupted: () => this.abandonLine(h),
    });
    if (req.actions?.length) {
      // A restarted worker: the same actions replayed give the same history (the Session is deterministic).
      h.stepper.session.actions = req.actions.slice();
      h.stepper.session.goto(Number.MAX_SAFE_INTEGER);
    }
    h.sentLength = Math.min(req.known ?? 0, h.stepper.history.length);
    h.sentActions = Math.min(req.actions?.length ?? 0, h.stepper.session.cursor);
    this.sessions.set(req.session, h);
    return { type: "opened", id: req.id, session: req.session, diagnostics: loaded.diagnostics, hasMain, update: this.update(h, false) };
  }

  private held(session: string): Held {
    const h = this.sessions.get(session);
    if (!h) throw new Error(`no session ${session} in the model worker`);
    return h;
  }

  private run(st: Stepper, c: Command): Outcome {
    switch (c.kind) {
      case "step": return st.step(c.pid);
      case "back": return st.back();
      case "goto": return st.goto(c.step);
      case "continue": return st.continue(c.limit);
      case "runToLine": return st.runToLine(c.line, c.limit);
      case "runTo": return runTo(st, c.at, c.limit);
      case "demo": {
        const d = demo(c.id);
        if (!d) return { ok: false, message: `there is no demo "${c.id}"` };
        return st.until((s) => d.moment(s, st.history), c.limit);
      }
      case "connect": return st.connect(c.lines);
      case "send": return st.send(c.client, c.line);
      case "close": return st.close(c.client);
      case "signal": return st.signal(c.pid, c.signal);
    }
  }

  private stopGen(): number {
    return this.stop ? Atomics.load(this.stop, STOP_SLOT) : 0;
  }

  /**
   * During a long line: abandon it for a Stop only when the Stop has waited MIDLINE_AFTER_MS
   * (a line that long is a loop on one line). Sooner, the Stop waits for the line's end: an
   * abandoned line costs a replay of the session to rebuild its state.
   */
  private abandonLine(h: Held): boolean {
    const r = h.running;
    if (!r || this.stopGen() <= r.stopGen) return false;
    r.stopSeen ??= this.now();
    return this.now() - r.stopSeen >= MIDLINE_AFTER_MS;
  }

  /** Before each step of a long command: stop when asked; now and then, say how far it got. */
  private checkpoint(session: string, h: Held, done: number, limit: number): boolean {
    const r = h.running;
    if (!r) return false;
    if (this.stopGen() > r.stopGen) return true;
    const t = this.now();
    if (t - r.lastProgress >= PROGRESS_MS) {
      r.lastProgress = t;
      this.post({ type: "progress", id: r.id, session, done, limit, update: this.update(h, true) });
    }
    return false;
  }

  /**
   * What changed since the last Update. Only stepping adds entries without touching the
   * held ones; an outside action redoes the last entry, and going back replays the history
   * (the same entries again, the last one with or without that step's outside actions).
   * The applied actions before the cursor never change content: a replay rewrites them
   * as they were, and a new action only drops the undone future.
   */
  private update(h: Held, addsOnly: boolean): Update {
    const st = h.stepper;
    const s = st.session;
    const length = st.history.length;
    const from = Math.max(0, Math.min(h.sentLength, length) - (addsOnly ? 0 : 1));
    const steps = st.history.slice(from);
    const calls = steps.map((_, i) => st.callsAt(from + i));
    const actionsFrom = Math.min(h.sentActions, s.cursor);
    const actions = s.actions.slice(actionsFrom, s.cursor);
    const notes = s.machine.notes;
    const u: Update = { from, steps, calls, length, mainPid: st.mainPid, ended: st.ended, actionsFrom, actions };
    if (!addsOnly || notes.length !== h.sentNotes) u.notes = notes.slice(0, NOTES_SENT);
    h.sentLength = length;
    h.sentActions = s.cursor;
    h.sentNotes = notes.length;
    return u;
  }
}
