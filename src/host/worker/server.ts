// The model's side of the worker protocol: holds the sessions (one Stepper each), runs the
// commands the editor sends, and answers with what changed. It knows no platform: the
// entry that runs it (src/host/worker-node.ts, src/host/worker-web.ts) gives it a way to
// load a program, a way to post messages, and the shared stop flag.
import { StepInterrupted } from "../../c/stepbounds";
import type { LoadedProgram } from "../program";
import { demo } from "../../coach/demos";
import { exerciseNamed } from "../../coach/check/exercises";
import { modelCannotRun, runModelCheck } from "../../coach/check/model";
import { MODEL_PORT } from "../../coach/check/scenarios";
import { continueTo, runTo } from "../../coach/moments";
import { Action, Session } from "../../session/session";
import type { Snapshot } from "../../contract/snapshot";
import { Stepper } from "../../session/stepper";
import type { Outcome } from "../../session/stepper";
import { CheckRequest, Command, FolderFiles, NOTES_SENT, OpenRequest, PROGRESS_MS, Request, Response, STOP_SLOT, Update, WorkerMessage } from "./protocol";

/** A program compiled for a session (host/program.ts); `files`, when the request brought
 *  them, are the program's folder (a worker that cannot read files). */
export type Loader = (file: string, text: string | undefined, files?: FolderFiles) => Promise<LoadedProgram>;

interface Held {
  stepper: Stepper;
  /** The timeline entries and the recorded actions the editor holds (what earlier Updates sent). */
  sent: Snapshot[];
  sentActions: Action[];
  sentNotes: number;
  /** The timeline entry the last Update was at. */
  sentAt: number;
  /** The request being run, for the checkpoint's progress events and stop check. */
  running?: { id: number; stopGen: number; lastProgress: number; stopSeen?: number;
    /** With slices: when the slice began, and whether it ended for time (not for a Stop). */
    sliceStart: number; sliced?: boolean };
}

/** The program a warm request compiles and steps: csapp.h (built in, no file is read) and
 *  the calls a course program makes first, so their code has run once. */
const WARM_FILE = "/forklab-warm/warm.c";
const WARM_SOURCE = `#include "csapp.h"
int main(int argc, char **argv) {
    int fds[2];
    char buf[8];
    Pipe(fds);
    if (Fork() == 0) {
        Close(fds[0]);
        Write(fds[1], "ok\\n", 3);
        exit(0);
    }
    Close(fds[1]);
    Read(fds[0], buf, sizeof(buf));
    printf("%d %s", argc, argv[0]);
    Wait(NULL);
    return 0;
}
`;
const WARM_STEPS = 100;

/** How long a Stop waits for the line that runs to end before it abandons the line. */
const MIDLINE_AFTER_MS = 40;

export class ModelServer {
  private readonly sessions = new Map<string, Held>();

  /**
   * @param stop an Int32Array whose STOP_SLOT holds the editor's stop generation, read between
   *   steps: over a SharedArrayBuffer, so a long command stops without a message getting
   *   through; or (no shared memory: a browser page that is not cross-origin isolated) one the
   *   worker's entry sets when a stop message arrives.
   * @param sliceMs where the stop needs a message: a long command gives the worker's event
   *   loop a turn this often, so that message can arrive, then goes on where it was.
   */
  constructor(private readonly load: Loader, private readonly post: (m: WorkerMessage) => void,
    private readonly stop?: Int32Array, private readonly now: () => number = () => Date.now(), private readonly sliceMs?: number) {}

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
      case "check": return this.check(req);
      case "warm": return this.warm(req.id);
      case "clients": {
        const list = this.held(req.session).stepper.session.clients.list;
        return { type: "clients", id: req.id, clients: list.filter((c) => c.phase !== "done" && c.pid).map((c) => ({ pid: c.pid, phase: c.phase })) };
      }
      case "act": {
        const h = this.held(req.session);
        // A Stop sent after this request: it is cancelled before it starts.
        if (this.stopGen() > req.stopGen) return { type: "done", id: req.id, session: req.session, outcome: { ok: false, message: "stopped", stopped: true }, update: this.update(h) };
        const running = { id: req.id, stopGen: req.stopGen, lastProgress: this.now(), sliceStart: this.now(), sliced: false };
        h.running = running;
        const start = h.stepper.index;
        let outcome: Outcome;
        try {
          outcome = this.run(h.stepper, req.command);
          // A slice ended for time: let a stop message in, then go on with the steps left.
          while (outcome.stopped && running.sliced) {
            running.sliced = false;
            await new Promise((r) => setTimeout(r, 0));
            const done = h.stepper.index - start;
            if (this.stopGen() > req.stopGen) { outcome = stoppedAfter(done); break; }
            running.sliceStart = this.now();
            outcome = this.run(h.stepper, remaining(req.command, done));
            if (outcome.stopped) outcome = { ...stoppedAfter(h.stepper.index - start), ...(running.sliced ? { stopped: true } : {}) };
            else if (!outcome.ok && h.stepper.index > start && outcome.message === h.stepper.session.ended) outcome = { ...outcome, ok: true };
            else if ("limit" in req.command && h.stepper.index - start >= req.command.limit) outcome = { ...outcome, message: `stopped after ${req.command.limit} steps (forklab.maxSteps)` };
          }
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
        return { type: "done", id: req.id, session: req.session, outcome, update: this.update(h) };
      }
    }
  }

  private async open(req: OpenRequest): Promise<Response> {
    const loaded = await this.load(req.file, req.text, req.files);
    const hasMain = loaded.program.funcIndex.has("main");
    // No session without main, or after a fatal error (a missing header): as cc, nothing runs.
    if (!hasMain || loaded.diagnostics.some((d) => d.fatal)) return { type: "opened", id: req.id, session: req.session, diagnostics: loaded.diagnostics, hasMain };
    const h: Held = { stepper: undefined as unknown as Stepper, sent: [], sentActions: [], sentNotes: 0, sentAt: -1 };
    h.stepper = new Stepper({
      program: loaded.program, name: loaded.name, scenario: req.scenario, policy: req.policy, maxSteps: req.maxSteps,
      loadProgram: loaded.loadProgram, readFile: loaded.readFile, checkpoint: (done, limit) => this.checkpoint(req.session, h, done, limit),
      interrupted: () => this.abandonLine(h),
    });
    if (req.actions?.length) {
      // A restarted worker: the same actions replayed give the same timeline (the Session is
      // deterministic), and the learner is back at the entry they were at.
      h.stepper.session.actions = req.actions.slice();
      h.stepper.session.goto(Number.MAX_SAFE_INTEGER);
      if (req.at !== undefined && req.at < h.stepper.index) h.stepper.goto(req.at);
    }
    // What the editor holds: the same entries and actions (only the rest is sent).
    h.sent = h.stepper.timeline.slice(0, req.known ?? 0);
    h.sentActions = (req.actions ?? []).slice(0, h.stepper.session.actions.length);
    this.sessions.set(req.session, h);
    return { type: "opened", id: req.id, session: req.session, diagnostics: loaded.diagnostics, hasMain, update: this.update(h) };
  }

  /** The worker made ready ahead of the first open (WARM_SOURCE compiled and stepped, its
   *  session forgotten): what that open would otherwise do for the first time, at the
   *  learner's click. */
  private async warm(id: number): Promise<Response> {
    const loaded = await this.load(WARM_FILE, WARM_SOURCE, {});
    const stepper = new Stepper({ program: loaded.program, name: loaded.name, maxSteps: WARM_STEPS,
      loadProgram: loaded.loadProgram, readFile: loaded.readFile });
    stepper.continue(WARM_STEPS);
    return { type: "warmed", id };
  }

  /** The model half of `forklab check`, the same checks the CLI runs (coach/check/model.ts). */
  private async check(req: CheckRequest): Promise<Response> {
    const exercise = exerciseNamed(req.exercise);
    if (!exercise) throw new Error(`there is no exercise "${req.exercise}"`);
    const loaded = await this.load(req.file, req.text, req.files);
    const cannotRun = modelCannotRun(req.file, loaded.diagnostics);
    if (cannotRun) return { type: "checked", id: req.id, cannotRun, results: [] };
    return { type: "checked", id: req.id, results: req.only.map((id) => ({ id, model: runModelCheck(id, loaded, exercise, MODEL_PORT) })) };
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
      case "continue": return c.to === undefined ? st.continue(c.limit) : continueTo(st, c.to, c.limit);
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
      case "ttyInput": return st.ttyInput(c.text, c.end);
    }
  }

  /**
   * The editor's stop generation. Reading a new one acknowledges it at once (stopSeen): the
   * command it ends may take a while yet to answer on a loaded machine, and the editor
   * restarts only a worker that never read the Stop (one step that never ends).
   */
  private stopGen(): number {
    const gen = this.stop ? Atomics.load(this.stop, STOP_SLOT) : 0;
    if (gen > this.stopSeen) {
      this.stopSeen = gen;
      this.post({ type: "stopSeen", stopGen: gen });
    }
    return gen;
  }

  /** The newest stop generation acknowledged. */
  private stopSeen = 0;

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
      this.post({ type: "progress", id: r.id, session, done, limit, update: this.update(h) });
    }
    // At least one step a slice, so a command always gets on.
    if (this.sliceMs !== undefined && done > 0 && t - r.sliceStart >= this.sliceMs) {
      r.sliced = true;
      return true;
    }
    return false;
  }

  /**
   * What changed since the last Update. The Stepper keeps the Snapshot objects of entries
   * whose content did not change (a replay gives the same content), so the entries to send
   * are those that are not the very objects sent before: after a step the new ones, after
   * an outside action the last one, after a step back none or the one it undid actions at.
   * Actions are compared by content (a replay records equal ones anew).
   */
  private update(h: Held): Update {
    const st = h.stepper;
    const s = st.session;
    const timeline = st.timeline;
    const length = timeline.length;
    const sent = h.sent;
    let from = 0;
    while (from < length && from < sent.length && timeline[from] === sent[from]) from++;
    let end = length;
    // Same length: the entries after the last changed one are held already.
    if (length === sent.length) while (end > from && timeline[end - 1] === sent[end - 1]) end--;
    const steps = timeline.slice(from, end);
    const calls = steps.map((_, i) => st.callsAt(from + i));
    const actions = s.actions;
    let actionsFrom = 0;
    while (actionsFrom < actions.length && actionsFrom < h.sentActions.length && sameAction(actions[actionsFrom], h.sentActions[actionsFrom])) actionsFrom++;
    const notes = s.machine.notes;
    const u: Update = { from, steps, calls, length, at: st.index, mainPid: st.mainPid, ended: st.ended,
      actionsFrom, actions: actions.slice(actionsFrom), cursor: s.cursor };
    // The notes are the machine's at the current entry: sent when they or the entry changed.
    if (notes.length !== h.sentNotes || st.index !== h.sentAt) u.notes = notes.slice(0, NOTES_SENT);
    h.sent = timeline.slice();
    h.sentActions = actions.slice();
    h.sentNotes = notes.length;
    h.sentAt = st.index;
    return u;
  }
}

/** The same recorded action (a replay records an equal one as a new object). */
function sameAction(a: Action, b: Action): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "step": return b.kind === "step" && a.tid === b.tid && a.mode === b.mode && !!a.picked === !!b.picked;
    case "wait": return true;
    default: return JSON.stringify(a) === JSON.stringify(b);
  }
}

/** A command's outcome when a Stop ended it after `n` steps. */
function stoppedAfter(n: number): Outcome {
  return { ok: n > 0, message: `stopped after ${n.toLocaleString("en")} step${n === 1 ? "" : "s"}`, stopped: true };
}

/** The rest of a long command once `done` of its steps are made (a slice ended). Each one
 *  tests its moment after every step, never before the first, so going on is the same as
 *  never having paused. */
function remaining(c: Command, done: number): Command {
  return "limit" in c ? { ...c, limit: c.limit - done } : c;
}
