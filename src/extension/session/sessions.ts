// One stepping session per C file, and the glue between it and the rest of the window:
// the view (shows each new Snapshot, sends the learner's actions back), the Problems
// panel (what the stepper cannot run), and the editor features that listen to onDidChange
// (lenses, decorations, hovers, status bar, context keys). The sessions run in the model's
// worker (src/host/worker-client.ts); each EditorSession holds the editor's copy of its history, and every
// action, from the palette, a lens, a key or the view, goes through perform().
import * as vscode from "vscode";
import type { At } from "../../coach/moments";
import type { Snapshot } from "../../contract/snapshot";
import type { Policy } from "../../session/session";
import type { Scenario } from "../../contract/scenario";
import type { Outcome } from "../../session/stepper";
import type { ViewAction } from "../../contract/protocol";
import type { Diagnostic } from "../../c/diagnostic";
import { model } from "../model";
import { baseOf } from "../../host/posix-path";
import { viewCommand } from "../../host/worker/actions";
import { SessionMirror } from "../../host/worker/mirror";
import type { Command, ProgressEvent } from "../../host/worker/protocol";
import { descriptorView } from "../view/view";
import type { Refusal } from "../view/panel";
import { revealRunning } from "./examples";
import { ModelWorker, OpenInput } from "../../host/worker-client";
import { host } from "../platform/host";
import type { Running } from "./stop-choice";

export interface EditorSession {
  uri: vscode.Uri;
  /** The text the session was compiled from: the code being stepped. */
  text: string;
  /** The editor's copy of the session the worker runs. */
  model: SessionMirror;
  /** The document changed since: stepping is refused until the learner restarts. */
  stale: boolean;
  /** The scenario's file name, or "inline", or undefined for none. */
  scenarioName?: string;
  scenario: Scenario;
  policy: Policy;
  maxSteps: number;
  /** A command is running in the worker (a Stop interrupts it). */
  busy: number;
  /** The machine's notes as the Problems panel shows them (unchanged notes are not sent again). */
  notesShown?: string;
  /** Started for a lesson's question: where the next Continue stops, the moment the
   *  lesson's point shows (coach/moments.ts lessonPoint); used once. */
  lessonPoint?: At;
  /** The command-line arguments the learner gave (argv[1..], in place of the scenario's). */
  argv?: readonly string[];
  /** The main process's end was looked at for a usage message (once: the output up to it is
   *  the same however the learner moves about the history). */
  usageChecked?: boolean;
}

export interface Settings {
  scheduler: Policy;
  stdout: "tty" | "pipe" | "file";
  maxSteps: number;
  clientLines: string[];
}

export function settings(): Settings {
  const c = vscode.workspace.getConfiguration("forklab");
  return {
    scheduler: c.get<Policy>("scheduler", "round-robin"),
    // As when the learner runs the program in a shell: a terminal, unless the scenario says.
    stdout: c.get<"tty" | "pipe" | "file">("stdout", "tty"),
    maxSteps: Math.max(1, c.get<number>("maxSteps", 10000)),
    clientLines: c.get<string[]>("clientLines", ["hello", "fork lab"]),
  };
}

const key = (uri: vscode.Uri) => uri.toString();

/** workspaceState key prefix: the command line last given for a file (its URI follows). */
const COMMAND_LINE = "forklab.commandLine:";

/** A C file, as the learner opens it to step it (by language, or by name when the language
 *  is not set yet). */
export function cLanguage(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === "c" || doc.uri.fsPath.endsWith(".c"));
}

/** A C program's source (a header is part of the program on screen, not a program). */
export function cSource(doc: vscode.TextDocument): boolean {
  return cLanguage(doc) && !doc.uri.path.endsWith(".h");
}

/** How often the view and the editor show a long run's progress. */
const REFRESH_MS = 1000;

/** How long a command runs before Stop Running shows (forklab.running). */
const RUNNING_AFTER_MS = 100;

/**
 * How long the editor (lenses, decorations, the status bar, context keys, the cursor on the
 * running line) trails the view after a step. The workbench draws both in one thread: an
 * editor redrawn with the step would hold the view's picture back by its own work (most of
 * a step's latency under load). Steps that come faster are shown in the editor together.
 */
const EDITOR_AFTER_MS = 100;

export class Sessions implements vscode.Disposable {
  private readonly byFile = new Map<string, EditorSession>();
  private last: string | undefined;
  /** Files that were not started (they do not compile): the view says why while each is
   *  the active editor, until it is started again or closed. */
  private readonly refusals = new Map<string, Refusal>();
  private readonly changed = new vscode.EventEmitter<EditorSession | undefined>();
  readonly onDidChange = this.changed.event;
  readonly problems = vscode.languages.createDiagnosticCollection("forklab");
  /** By program file: the local headers its last compile put problems on (cleared with it). */
  private readonly headerProblems = new Map<string, vscode.Uri[]>();
  private viewSub: vscode.Disposable | undefined;
  private readonly subs: vscode.Disposable[] = [];
  readonly worker: ModelWorker;
  /** Files made ready to start ahead of Start Stepping (ahead()), by key. */
  private readonly readied = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.worker = new ModelWorker(host.workerHost(context), {
      reopen: () => this.all().map((s) => this.openInput(s, s.model)),
      reopened: (session, update) => {
        const s = this.byFile.get(session);
        if (!s) return;
        if (update) s.model.apply(update);
        this.update(s);
      },
      tell: (text) => {
        void vscode.window.showWarningMessage(`Fork Lab: ${text}`);
        descriptorView()?.notify(text);
      },
    });
    this.subs.push(
      // One session on screen, the right one: the view follows the editor the learner is in.
      vscode.window.onDidChangeActiveTextEditor((ed) => this.follow(ed)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.refusals.delete(key(d.uri));
        const s = this.get(d.uri);
        if (s) this.stop(s);
      }),
    );
  }

  get(uri: vscode.Uri): EditorSession | undefined {
    return this.byFile.get(key(uri));
  }

  /** Why the file was not started, when it was asked to and does not compile. */
  refusal(uri: vscode.Uri): Refusal | undefined {
    return this.refusals.get(key(uri));
  }

  /**
   * The session of the file on screen, the one every command acts on. With a C file in the
   * active editor, that file's, and none when it has none (a step key there must never step
   * another file: the learner sees this one). With no C editor active (the view, a panel, a
   * README has focus), the one the view shows: none when it shows a file that was not
   * started, else the one used last.
   */
  active(): EditorSession | undefined {
    const ed = vscode.window.activeTextEditor;
    if (ed && cSource(ed.document)) return this.get(ed.document.uri);
    if (descriptorView()?.refused) return undefined;
    return this.last ? this.byFile.get(this.last) : undefined;
  }

  /** The C file on screen when it has no session: the active editor's, or the one whose
   *  refusal the view shows; `refused`: it was not started (it does not compile). */
  private unstarted(): { uri: vscode.Uri; refused: boolean } | undefined {
    const ed = vscode.window.activeTextEditor;
    const uri = ed && cSource(ed.document) ? ed.document.uri : descriptorView()?.refused;
    if (!uri || this.get(uri)) return undefined;
    return { uri, refused: this.refusals.has(key(uri)) };
  }

  /** An action with no session on screen: says so, naming the file on screen when there
   *  is one and offering to start stepping it (never acting on another file's session). */
  noSession(quiet?: boolean): Outcome {
    const file = this.unstarted();
    if (!file) {
      const r = { ok: false, message: "no session: open a C file and choose \"Step in Fork Lab\"" };
      if (!quiet) void vscode.window.showInformationMessage(`Fork Lab: ${r.message}.`);
      return r;
    }
    const name = baseOf(file.uri.path);
    const message = `${name} has no session${file.refused ? " (it was not started: it does not compile)" : ""}; nothing was done`;
    if (!quiet) {
      const start = `Step ${name} in Fork Lab`;
      const problems = "Show Problems";
      void vscode.window.showInformationMessage(`Fork Lab: ${message}.`, start, ...(file.refused ? [problems] : [])).then((pick) => {
        if (pick === start) void vscode.commands.executeCommand("forklab.startSession", file.uri);
        else if (pick === problems) void vscode.commands.executeCommand("workbench.actions.view.problems");
      });
    }
    return { ok: false, message };
  }

  all(): EditorSession[] {
    return [...this.byFile.values()];
  }

  /** Every session as Stop Stepping lists them: its step, whether its file has a tab, and
   *  whether the view shows it. */
  running(): Running[] {
    const tabs = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => t.input instanceof vscode.TabInputText ? [key(t.input.uri)] : []));
    const view = descriptorView();
    return this.all().map((s) => ({ key: key(s.uri), path: s.uri.path, step: s.model.current.step, open: tabs.has(key(s.uri)),
      shown: !!view?.open && view.session === key(s.uri) }));
  }

  /**
   * Compile the document and start stepping it. Compile errors go to the Problems panel;
   * the session still starts when there is a main (an unsupported construct stops only
   * the process that reaches it). Returns undefined when nothing can run.
   */
  async start(doc: vscode.TextDocument, scenario?: Scenario | string, argv?: readonly string[]): Promise<EditorSession | undefined> {
    // One model worker runs the sessions in turn: a run still going (Continue on another
    // file) would hold this one up, so starting a session stops it first.
    if (this.all().some((x) => x.busy)) await this.stopRun();
    const old = this.get(doc.uri);
    if (old) this.stop(old, true);
    this.refusals.delete(key(doc.uri));
    const text = doc.getText();
    let scenarioName: string | undefined;
    let sc: Scenario;
    try {
      ({ sc, scenarioName } = await resolveScenario(doc.uri, scenario, this.worker));
    } catch (e) {
      void vscode.window.showErrorMessage(`Fork Lab: cannot read the scenario: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const set = settings();
    sc = { ...sc, stdout: sc.stdout ?? set.stdout, ...(argv ? { argv: [...argv] } : {}) };
    const s: EditorSession = { uri: doc.uri, text, model: new SessionMirror(), stale: false, scenarioName, scenario: sc,
      policy: set.scheduler, maxSteps: set.maxSteps, busy: 0, argv };
    // The worker compiles the editor's text (unsaved edits included); headers, exec targets
    // and data files come from disk.
    let opened;
    try {
      opened = await this.worker.open(this.openInput(s));
    } catch (e) {
      void vscode.window.showErrorMessage(`Fork Lab: cannot start ${baseOf(doc.uri.path)}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (opened.type !== "opened") {
      void vscode.window.showErrorMessage(`Fork Lab: cannot start ${baseOf(doc.uri.path)}: ${opened.message}`);
      return undefined;
    }
    this.showCompileProblems(doc, opened.diagnostics);
    const errors = model().compileErrors(opened.diagnostics);
    if (errors.length) {
      // An error in the program (as a C compiler would see it): nothing to step.
      this.worker.close(key(doc.uri));
      this.notStarted(doc, errors);
      return undefined;
    }
    if (!opened.hasMain || !opened.update) {
      void vscode.window.showErrorMessage(`Fork Lab: ${baseOf(doc.uri.path)} has no main function Fork Lab can run; see the Problems panel.`);
      return undefined;
    }
    s.model.apply(opened.update);
    this.byFile.set(key(doc.uri), s);
    this.last = key(doc.uri);
    this.listenToView();
    this.update(s);
    return s;
  }

  /**
   * Gets ready to start `uri` before the learner asks (ahead.ts): the model's worker started
   * and warm, the file's folder read where the worker needs it sent (the web), then, when the
   * file has a scenario next to it, the scenario checker loaded and compiled (the Ajv schema
   * compile, in this thread: after the worker's warm-up, not beside it).
   */
  async ahead(uri: vscode.Uri): Promise<void> {
    await this.worker.ahead(uri.fsPath);
    await resolveScenario(uri, undefined, this.worker).catch(() => undefined);
    this.readied.add(key(uri));
  }

  /** What ahead() made ready: whether the worker is warm, and the files (by fsPath) it finished for. */
  readiness(): { worker: boolean; files: string[] } {
    return { worker: this.worker.warmed, files: [...this.readied].map((k) => vscode.Uri.parse(k).fsPath) };
  }

  /** `s`'s file started again as `s` was: the same scenario and command line. */
  restart(doc: vscode.TextDocument, s: EditorSession): Promise<EditorSession | undefined> {
    return this.start(doc, s.scenarioName === "inline" ? s.scenario : s.scenarioName, s.argv);
  }

  /** The command line last given for `uri` (argv[1..]), kept with the workspace. */
  commandLine(uri: vscode.Uri): readonly string[] | undefined {
    return this.context.workspaceState.get<string[]>(`${COMMAND_LINE}${key(uri)}`);
  }

  setCommandLine(uri: vscode.Uri, argv: readonly string[]): Thenable<void> {
    return this.context.workspaceState.update(`${COMMAND_LINE}${key(uri)}`, argv.length ? [...argv] : undefined);
  }

  /**
   * A program that wants arguments and got none prints its usage and exits (CS:APP's
   * servers: "usage: echoserverp <port>"). Once a session's main process has exited with a
   * line on stderr beginning "usage", the learner is offered to start it with arguments.
   */
  private offerCommandLine(s: EditorSession): void {
    if (s.usageChecked || s.argv?.length) return;
    const main = s.model.current.processes.find((p) => p.pid === s.model.mainPid);
    if (main && main.state !== "zombie") return;
    s.usageChecked = true;
    const said = s.model.history.flatMap((snap) => snap.output.filter((c) => c.pid === s.model.mainPid && c.fd === 2).map((c) => c.text)).join("");
    if (!/^usage\b/im.test(said)) return;
    const give = "Start with Arguments…";
    void vscode.window.showInformationMessage(`Fork Lab: ${baseOf(s.uri.path)} printed its usage and exited: it wants command-line arguments (${said.trim().split("\n")[0]}).`, give)
      .then((pick) => { if (pick === give) void vscode.commands.executeCommand("forklab.startSessionWithArgs", s.uri); });
  }

  /** A program that does not compile is not started: the view and a notification say why
   *  and lead to the first problem (the Problems panel holds them all). */
  private notStarted(doc: vscode.TextDocument, errors: Diagnostic[]): void {
    const title = baseOf(doc.uri.path);
    const first = errors[0];
    const where = first.file === doc.uri.fsPath || baseOf(first.file) === title ? `line ${first.line}` : `${baseOf(first.file)} line ${first.line}`;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more in the Problems panel)` : "";
    const text = `${title} was not started: it does not compile. ${where}: ${first.message}${more}.`;
    const refusal = { title, text, uri: doc.uri, line: first.line, column: first.column };
    this.refusals.set(key(doc.uri), refusal);
    descriptorView()?.refuse(refusal);
    this.changed.fire(undefined);
    const show = "Show Problems";
    void vscode.window.showErrorMessage(`Fork Lab: ${text}`, show).then((pick) => {
      if (pick === show) void vscode.commands.executeCommand("workbench.actions.view.problems");
    });
  }

  /** What the worker needs to start `s` (again: with `held`, the recorded actions to replay
   *  and the step it showed). */
  private openInput(s: EditorSession, held?: SessionMirror): OpenInput {
    return { session: key(s.uri), file: s.uri.fsPath, text: s.text, scenario: s.scenario, policy: s.policy, maxSteps: s.maxSteps,
      actions: held?.actions, at: held?.at, known: held?.timeline.length };
  }

  /**
   * The active editor changed: the view shows its session, or why its file was not started.
   * Another C file with neither puts back the session used last in place of a refusal (the
   * one the commands act on); other editors (the Output panel's, a README) leave the view be.
   * Compared with what the view shows, not with the session used last: a refusal (or, after
   * the worker restarted, another session) may stand in that session's place.
   */
  private follow(ed: vscode.TextEditor | undefined): void {
    const view = descriptorView();
    if (!ed) return;
    const k = key(ed.document.uri);
    const s = this.byFile.get(k);
    const refusal = this.refusals.get(k);
    const last = this.last === undefined ? undefined : this.byFile.get(this.last);
    if (s) {
      // Over a history of no session (the live view) only a change of file brings a session back.
      const elsewhere = view?.refused || view?.session !== undefined ? view.session !== k : this.last !== k;
      this.last = k;
      if (elsewhere) this.update(s);
    } else if (refusal) {
      if (view && view.refused?.toString() !== k) view.refuse(refusal);
    } else if (view?.refused && cLanguage(ed.document) && last) this.update(last);
  }

  /** Predict first: a question asked in this session waits for its answer (or a skip)
   *  before the session steps on; says so in the view. */
  mustPredict(s: EditorSession | undefined): boolean {
    const view = descriptorView();
    if (!s || !view?.mustPredict(key(s.uri))) return false;
    // The question waits with its session: bring that session (and so its question) back,
    // opening the view again if the learner closed it.
    if (!view.open || view.session !== key(s.uri)) this.update(s);
    view.notify("Predict first: answer the question (or skip it), then step.", "question");
    view.revealQuestion();
    return true;
  }

  /** The compiler's diagnostics in the Problems panel, each in its own file: the program's,
   *  or a local header's it includes (at the header's line, not the program's). */
  private showCompileProblems(doc: vscode.TextDocument, ds: readonly Diagnostic[]): void {
    this.clearProblems(doc.uri);
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of ds) byFile.set(d.file, [...byFile.get(d.file) ?? [], d]);
    const headers: vscode.Uri[] = [];
    for (const [file, list] of byFile) {
      const uri = file === doc.uri.fsPath ? doc.uri : doc.uri.scheme === "file" ? vscode.Uri.file(file) : doc.uri.with({ path: file });
      const open = vscode.workspace.textDocuments.find((t) => key(t.uri) === key(uri));
      this.problems.set(uri, list.map((d) => problem(open, d.line, d.column, d.message, d.severity)));
      if (uri !== doc.uri) headers.push(uri);
    }
    this.headerProblems.set(key(doc.uri), headers);
  }

  private clearProblems(uri: vscode.Uri): void {
    this.problems.delete(uri);
    for (const h of this.headerProblems.get(key(uri)) ?? []) this.problems.delete(h);
    this.headerProblems.delete(key(uri));
  }

  /** Ends a session; `restarting`: a new one of the same file starts at once (the Problems
   *  panel keeps its compile notes, the view is not told this one is over). */
  stop(s: EditorSession, restarting = false): void {
    descriptorView()?.ended(key(s.uri), restarting);
    // A run in progress ends first; the worker then forgets the session.
    if (s.busy) void this.worker.stop();
    this.worker.close(key(s.uri));
    this.byFile.delete(key(s.uri));
    if (this.last === key(s.uri)) this.last = undefined;
    if (!restarting) this.clearProblems(s.uri);
    if (!this.byFile.size) { this.viewSub?.dispose(); this.viewSub = undefined; }
    this.changed.fire(undefined);
  }

  /**
   * The one way a learner's action reaches a session (palette, lens, key, lesson, demo and
   * the view alike): refuses stale code, runs the command in the worker, shows progress
   * when it runs long (cancellable: Cancel is Stop), brings the editor's copy up to date
   * and tells the learner what went wrong.
   */
  async perform(s: EditorSession | undefined, command: Command, opts: { quiet?: boolean; title?: string } = {}): Promise<Outcome> {
    if (!s) return this.noSession(opts.quiet);
    if (s.stale) {
      this.offerRestart(s);
      return { ok: false, message: "the file changed since the session started" };
    }
    this.last = key(s.uri);
    s.busy++;
    this.markRunning();
    let shown: ((e: ProgressEvent) => void) | undefined;
    let finish: (() => void) | undefined;
    let refreshed = Date.now();
    const onProgress = (e: ProgressEvent) => {
      if (this.byFile.get(key(s.uri)) !== s) return;
      s.model.apply(e.update);
      // The view and the editor follow a long run once a second: the editor's thread stays free.
      if (Date.now() - refreshed >= REFRESH_MS) { refreshed = Date.now(); this.update(s); }
      if (!shown) [shown, finish] = this.showProgress(opts.title ?? "Fork Lab: running");
      shown(e);
    };
    let r: Outcome;
    try {
      const done = await this.worker.act(key(s.uri), command, onProgress);
      if (done.update && this.byFile.get(key(s.uri)) === s) s.model.apply(done.update);
      r = done.outcome;
    } finally {
      s.busy--;
      this.markRunning();
      finish?.();
    }
    if (this.byFile.get(key(s.uri)) === s) {
      this.update(s);
      this.offerCommandLine(s);
    }
    // Replacing the recorded future is said where the timeline is: in the view.
    if (r.replaced) descriptorView()?.notify(`${r.message![0].toUpperCase()}${r.message!.slice(1)}.`);
    else if (!opts.quiet && r.message) this.tellStep(s, r.message);
    return r;
  }

  /** What a step ended with ("every process is blocked: ..."): a notice about that step,
   *  so it goes when the view shows another step. The view's notice line does that; a
   *  VS Code notification cannot be taken back, so it is used only when the view does not
   *  show this session. */
  private tellStep(s: EditorSession, message: string): void {
    const view = descriptorView();
    if (view?.visible && view.session === key(s.uri)) view.notify(`Fork Lab: ${message}`);
    else void vscode.window.showInformationMessage(`Fork Lab: ${message}`);
  }

  /** The view's action, on the session whose history the view shows (`owner`), never another. */
  async performViewAction(a: ViewAction, owner: string): Promise<Outcome> {
    const s = this.byFile.get(owner);
    if (!s) {
      const message = "that session has ended: start stepping the file again to act on it";
      descriptorView()?.notify(`Fork Lab: ${message}.`);
      return { ok: false, message };
    }
    if (a.type === "step" && this.mustPredict(s)) return { ok: false, message: "answer the question first (or skip it)" };
    const c = viewCommand(a, { length: s.model.timeline.length, clientLines: settings().clientLines });
    if (typeof c === "string") {
      descriptorView()?.notify(`Fork Lab: ${c}`);
      return { ok: false, message: c };
    }
    // What the outcome says goes in the view, where the action was taken: a notice there
    // goes when the view moves on, while a toast would outlive the step it is about.
    const r = await this.perform(s, c, { quiet: true });
    if (r.message && !r.replaced) descriptorView()?.notify(`Fork Lab: ${r.message}`);
    // The file's editor (when shown) follows the step the view moved to.
    this.afterView("follow", () => {
      const ed = vscode.window.visibleTextEditors.find((e) => key(e.document.uri) === key(s.uri));
      if (ed && this.byFile.get(key(s.uri)) === s) revealRunning(ed, s.model.current, s.model.mainPid);
    });
    return r;
  }

  /**
   * The forklab.running context key (Stop Running's key and menus): a command has run in the
   * worker for RUNNING_AFTER_MS. A step is over long before: setting the key on and off for
   * it would redraw the editor's title bar and tabs twice a step, in the workbench thread
   * the view's picture waits for.
   */
  private markRunning(): void {
    const busy = () => this.all().some((x) => x.busy > 0);
    if (!busy()) {
      clearTimeout(this.runningSoon);
      this.runningSoon = undefined;
      this.setRunning(false);
    } else if (!this.wasRunning && !this.runningSoon) {
      this.runningSoon = setTimeout(() => { this.runningSoon = undefined; this.setRunning(busy()); }, RUNNING_AFTER_MS);
    }
  }

  private setRunning(running: boolean): void {
    if (running === this.wasRunning) return;
    this.wasRunning = running;
    void vscode.commands.executeCommand("setContext", "forklab.running", running);
  }

  private wasRunning = false;
  private runningSoon: ReturnType<typeof setTimeout> | undefined;

  /** Interrupts what runs in the worker (Continue, Run to...), keeping every step made. */
  async stopRun(): Promise<"idle" | "stopped" | "restarted"> {
    return this.worker.stop();
  }

  /** A cancellable notification for a long command, from its first progress event on. */
  private showProgress(title: string): [(e: ProgressEvent) => void, () => void] {
    let report: ((e: ProgressEvent) => void) | undefined;
    let end!: () => void;
    const ended = new Promise<void>((r) => { end = r; });
    let last = 0;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => void this.stopRun());
      report = (e) => {
        const pct = (100 * e.done) / Math.max(1, e.limit);
        progress.report({ message: `step ${e.update.length - 1} (${e.done.toLocaleString("en")} of at most ${e.limit.toLocaleString("en")} this run)`, increment: pct - last });
        last = pct;
      };
      return ended;
    });
    return [(e) => report?.(e), () => end()];
  }

  /** The clients a "which client?" question offers: connected, not done. */
  async clients(s: EditorSession): Promise<Array<{ pid: number }>> {
    return this.worker.clients(key(s.uri));
  }

  /** The snapshot shown now, and what the view was last given. */
  current(s = this.active()): Snapshot | undefined {
    return s?.model.current;
  }

  /**
   * Tell everyone the session moved: the view first (its picture is what the learner waits
   * for, and each message to the workbench queues behind the ones sent before it), then
   * the Problems panel when the notes changed, then the editor features.
   */
  update(s: EditorSession): void {
    const st = s.model;
    descriptorView()?.show({ history: st.timeline, current: st.index, title: baseOf(s.uri.path), owner: key(s.uri) });
    const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(s.uri));
    const shown = st.notes.map((n) => `${n.pid}:${n.line}:${n.text}`).join("\n");
    if (doc && shown !== s.notesShown) {
      s.notesShown = shown;
      const compile = (this.problems.get(s.uri) ?? []).filter((d) => d.source !== "Fork Lab (running)");
      const notes = st.notes.map((n) => {
        const d = problem(doc, n.line, 1, `pid ${n.pid}: ${n.text}`, "warning");
        d.source = "Fork Lab (running)";
        return d;
      });
      this.problems.set(s.uri, [...compile, ...notes]);
    }
    this.afterView("changed", () => this.changed.fire(s));
  }

  private offerRestart(s: EditorSession): void {
    const restart = "Restart";
    void vscode.window.showWarningMessage(`Fork Lab: ${baseOf(s.uri.path)} changed since the session started. Fork Lab never steps stale code: restart to step the new version.`, restart, "Stop")
      .then(async (pick) => {
        const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(s.uri));
        if (pick === restart && doc) await this.restart(doc, s);
        else if (pick === "Stop") this.stop(s);
      });
  }

  private edited(doc: vscode.TextDocument): void {
    const s = this.get(doc.uri);
    if (!s) return;
    const stale = doc.getText() !== s.text;
    if (stale === s.stale) return;
    s.stale = stale;
    this.changed.fire(s);
    if (stale) this.offerRestart(s);
  }

  /** The view's buttons go through the same perform() as the commands. */
  private listenToView(): void {
    const view = descriptorView();
    if (!view || this.viewSub) return;
    this.viewSub = view.onAction(async (a: ViewAction, owner: string) => { await this.performViewAction(a, owner); });
  }

  /** Runs `job` EDITOR_AFTER_MS after the view was given a step; a later job of the same
   *  name replaces one not yet run (it shows the later step). */
  afterView(name: "changed" | "follow", job: () => void): void {
    this.editorJobs.set(name, job);
    this.editorSoon ??= setTimeout(() => {
      this.editorSoon = undefined;
      const jobs = [...this.editorJobs.values()];
      this.editorJobs.clear();
      for (const j of jobs) j();
    }, EDITOR_AFTER_MS);
  }

  private readonly editorJobs = new Map<string, () => void>();
  private editorSoon: ReturnType<typeof setTimeout> | undefined;

  dispose(): void {
    clearTimeout(this.editorSoon);
    this.worker.dispose();
    this.viewSub?.dispose();
    this.subs.forEach((d) => d.dispose());
    this.problems.dispose();
    this.changed.dispose();
  }
}

/**
 * The scenario a session starts in: given inline, named (a path, or a file name next to the
 * program), or NAME.scenario.json next to NAME.c when there is one (else none). Read through
 * vscode.workspace.fs, so it works on the web as on the desktop; taken from the program's
 * folder as the web keeps it for the worker when it is kept (the same bytes the program's
 * headers come from, and no round trip: just after an editor opens, the workbench answers
 * a read only once it has drawn it, 200 ms measured).
 */
async function resolveScenario(file: vscode.Uri, scenario: Scenario | string | undefined, folder: Pick<ModelWorker, "kept">): Promise<{ sc: Scenario; scenarioName?: string }> {
  if (typeof scenario === "object") return { sc: scenario, scenarioName: "inline" };
  const uri = typeof scenario === "string"
    ? (scenario.includes("/") ? file.with({ path: scenario }) : vscode.Uri.joinPath(file, "..", scenario))
    : file.with({ path: file.path.replace(/\.c$/, ".scenario.json") });
  if (uri.path === file.path) return { sc: {} };
  let bytes: Uint8Array;
  try {
    bytes = (await folder.kept(uri.fsPath)) ?? await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (typeof scenario !== "string") return { sc: {} };
    throw e;
  }
  // Checked against the schema by the model's bundle (the validator is not part of activation).
  const checked = model().parseScenario(uri.path, new TextDecoder().decode(bytes));
  if (!checked.ok) throw new Error(checked.errors.join("\n"));
  return { sc: checked.scenario, scenarioName: baseOf(uri.path) };
}

/** A diagnostic at `line` and `column` of `doc`, to the end of the line; in a file that is not
 *  open (a header), at that place alone. */
function problem(doc: vscode.TextDocument | undefined, line: number, column: number, message: string, severity: "error" | "warning"): vscode.Diagnostic {
  let range: vscode.Range;
  if (doc) {
    const l = Math.max(0, Math.min(doc.lineCount - 1, line - 1));
    const text = doc.lineAt(l);
    const start = Math.max(text.firstNonWhitespaceCharacterIndex, Math.min(text.text.length, column - 1));
    range = new vscode.Range(l, start, l, Math.max(start + 1, text.text.length));
  } else range = new vscode.Range(Math.max(0, line - 1), Math.max(0, column - 1), Math.max(0, line - 1), Math.max(1, column));
  const d = new vscode.Diagnostic(range, message, severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = "Fork Lab";
  return d;
}
