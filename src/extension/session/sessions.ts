// One stepping session per C file, and the glue between it and the rest of the window:
// the view (shows each new Snapshot, sends the learner's actions back), the Problems
// panel (what the stepper cannot run), and the editor features that listen to onDidChange
// (lenses, decorations, hovers, status bar, context keys).
import { basename, join } from "node:path";
import * as vscode from "vscode";
import type { Snapshot } from "../../contract/snapshot";
import type { Policy } from "../../session/session";
import type { Scenario } from "../../contract/scenario";
import type { Outcome, Stepper } from "../../session/stepper";
import type { ViewAction } from "../../contract/protocol";
import { readScenario, scenarioFileFor } from "../../host/scenario";
import { model } from "../model";
import { descriptorView } from "../view/view";

export interface EditorSession {
  uri: vscode.Uri;
  /** The text the session was compiled from: the code being stepped. */
  text: string;
  stepper: Stepper;
  /** The document changed since: stepping is refused until the learner restarts. */
  stale: boolean;
  /** The scenario's file name, or "inline", or undefined for none. */
  scenarioName?: string;
  scenario: Scenario;
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
    stdout: c.get<"tty" | "pipe" | "file">("stdout", "pipe"),
    maxSteps: Math.max(1, c.get<number>("maxSteps", 10000)),
    clientLines: c.get<string[]>("clientLines", ["hello", "fork lab"]),
  };
}

const key = (uri: vscode.Uri) => uri.toString();

export class Sessions implements vscode.Disposable {
  private readonly byFile = new Map<string, EditorSession>();
  private last: string | undefined;
  private readonly changed = new vscode.EventEmitter<EditorSession | undefined>();
  readonly onDidChange = this.changed.event;
  readonly problems = vscode.languages.createDiagnosticCollection("forklab");
  private viewSub: vscode.Disposable | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subs.push(
      // One session on screen, the right one: the view follows the editor the learner is in.
      vscode.window.onDidChangeActiveTextEditor((ed) => this.follow(ed)),
      vscode.workspace.onDidChangeTextDocument((e) => this.edited(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => { const s = this.get(d.uri); if (s) this.stop(s); }),
    );
  }

  get(uri: vscode.Uri): EditorSession | undefined {
    return this.byFile.get(key(uri));
  }

  /** The session of the active editor, else the one used last. */
  active(): EditorSession | undefined {
    const ed = vscode.window.activeTextEditor;
    return (ed && this.get(ed.document.uri)) ?? (this.last ? this.byFile.get(this.last) : undefined);
  }

  all(): EditorSession[] {
    return [...this.byFile.values()];
  }

  /**
   * Compile the document and start stepping it. Compile errors go to the Problems panel;
   * the session still starts when there is a main (an unsupported construct stops only
   * the process that reaches it). Returns undefined when nothing can run.
   */
  async start(doc: vscode.TextDocument, scenario?: Scenario | string): Promise<EditorSession | undefined> {
    const old = this.get(doc.uri);
    if (old) this.stop(old, false);
    const file = doc.uri.fsPath;
    const text = doc.getText();
    let scenarioName: string | undefined;
    let sc: Scenario;
    try {
      ({ sc, scenarioName } = resolveScenario(file, scenario));
    } catch (e) {
      void vscode.window.showErrorMessage(`Fork Lab: cannot read the scenario: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const set = settings();
    sc = { ...sc, stdout: sc.stdout ?? set.stdout };
    // The editor's text (unsaved edits included); headers, exec targets and data files from disk.
    const { loadProgram, Stepper } = model();
    const loaded = await loadProgram(file, { wasmDir: join(this.context.extensionUri.fsPath, "dist"), text });
    this.problems.set(doc.uri, loaded.diagnostics.map((d) => problem(doc, d.line, d.column, d.message, d.severity)));
    if (!loaded.program.funcIndex.has("main")) {
      void vscode.window.showErrorMessage(`Fork Lab: ${basename(file)} has no main function Fork Lab can run; see the Problems panel.`);
      return undefined;
    }
    const stepper = new Stepper({ program: loaded.program, name: loaded.name, scenario: sc,
      policy: set.scheduler, maxSteps: set.maxSteps, loadProgram: loaded.loadProgram, readFile: loaded.readFile });
    const s: EditorSession = { uri: doc.uri, text, stepper, stale: false, scenarioName, scenario: sc };
    this.byFile.set(key(doc.uri), s);
    this.last = key(doc.uri);
    this.listenToView();
    this.update(s);
    return s;
  }

  /** The active editor changed: show its session in the view, if it has one. */
  private follow(ed: vscode.TextEditor | undefined): void {
    const s = ed && this.get(ed.document.uri);
    if (!s || this.last === key(s.uri)) return;
    this.last = key(s.uri);
    this.update(s);
  }

  /** Predict first: a question asked in this session waits for its answer (or a skip)
   *  before the session steps on; says so in the view. */
  mustPredict(s: EditorSession | undefined): boolean {
    const view = descriptorView();
    if (!s || !view?.mustPredict(key(s.uri))) return false;
    view.notice("Predict first: answer the question above the tables (or skip it), then step.");
    view.revealQuestion();
    return true;
  }

  stop(s: EditorSession, clearProblems = true): void {
    descriptorView()?.ended(key(s.uri));
    this.byFile.delete(key(s.uri));
    if (this.last === key(s.uri)) this.last = undefined;
    if (clearProblems) this.problems.delete(s.uri);
    if (!this.byFile.size) { this.viewSub?.dispose(); this.viewSub = undefined; }
    this.changed.fire(undefined);
  }

  /** Run a stepping command on a session; refuses stale code; tells the learner what went wrong. */
  act(s: EditorSession | undefined, what: (st: Stepper) => Outcome, quiet = false): Outcome {
    if (!s) {
      const r = { ok: false, message: "no session: open a C file and choose \"Step in Fork Lab\"" };
      if (!quiet) void vscode.window.showInformationMessage(`Fork Lab: ${r.message}.`);
      return r;
    }
    if (s.stale) {
      this.offerRestart(s);
      return { ok: false, message: "the file changed since the session started" };
    }
    const r = what(s.stepper);
    this.last = key(s.uri);
    this.update(s);
    // Replacing the recorded future is said where the timeline is: in the view.
    if (r.replaced) descriptorView()?.notice(`${r.message![0].toUpperCase()}${r.message!.slice(1)}.`);
    else if (!quiet && r.message) void vscode.window.showInformationMessage(`Fork Lab: ${r.message}`);
    return r;
  }

  /** The snapshot shown now, and what the view was last given. */
  current(s = this.active()): Snapshot | undefined {
    return s?.stepper.current;
  }

  /** Tell everyone the session moved: view, problems, and the editor features. */
  update(s: EditorSession): void {
    const st = s.stepper;
    const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(s.uri));
    if (doc) {
      const compile = (this.problems.get(s.uri) ?? []).filter((d) => d.source !== "Fork Lab (running)");
      const notes = st.session.machine.notes.map((n) => {
        const d = problem(doc, n.line, 1, `pid ${n.pid}: ${n.text}`, "warning");
        d.source = "Fork Lab (running)";
        return d;
      });
      this.problems.set(s.uri, [...compile, ...notes]);
    }
    descriptorView()?.show({ history: st.timeline as Snapshot[], current: st.index, title: basename(s.uri.fsPath), owner: key(s.uri) });
    this.changed.fire(s);
  }

  private offerRestart(s: EditorSession): void {
    const restart = "Restart";
    void vscode.window.showWarningMessage(`Fork Lab: ${basename(s.uri.fsPath)} changed since the session started. Fork Lab never steps stale code: restart to step the new version.`, restart, "Stop")
      .then(async (pick) => {
        const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(s.uri));
        if (pick === restart && doc) await this.start(doc, s.scenarioName === "inline" ? s.scenario : s.scenarioName);
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

  /** The view's buttons act on the session it shows. */
  private listenToView(): void {
    const view = descriptorView();
    if (!view || this.viewSub) return;
    this.viewSub = view.onAction((a: ViewAction, owner: string) => {
      // The session whose history the view shows, never another one.
      const s = this.byFile.get(owner);
      if (!s) { view.notice("That session has ended: start stepping the file again to act on it."); return; }
      if (a.type === "step" && this.mustPredict(s)) return;
      const lines = settings().clientLines;
      switch (a.type) {
        // A chosen process's line (the view's process form), else the scheduler's or the recorded one.
        case "step": this.act(s, (st) => st.step(a.pid)); break;
        case "back": this.act(s, (st) => st.back()); break;
        // Any recorded step, before or after the current one: nothing is discarded.
        case "goto": this.act(s, (st) => st.goto(a.step)); break;
        case "connect": this.act(s, (st) => st.connect(lines)); break;
        case "send": this.act(s, (st) => st.send(a.client, a.line)); break;
        case "close": this.act(s, (st) => st.close(a.client)); break;
        case "signal": this.act(s, (st) => st.signal(a.pid, a.signal)); break;
      }
    });
  }

  dispose(): void {
    this.viewSub?.dispose();
    this.subs.forEach((d) => d.dispose());
    this.problems.dispose();
    this.changed.dispose();
  }
}

function resolveScenario(file: string, scenario: Scenario | string | undefined): { sc: Scenario; scenarioName?: string } {
  if (typeof scenario === "object") return { sc: scenario, scenarioName: "inline" };
  const path = typeof scenario === "string" ? (scenario.includes("/") ? scenario : `${file.slice(0, file.lastIndexOf("/") + 1)}${scenario}`) : scenarioFileFor(file);
  if (!path) return { sc: {} };
  return { sc: readScenario(path), scenarioName: basename(path) };
}

function problem(doc: vscode.TextDocument, line: number, column: number, message: string, severity: "error" | "warning"): vscode.Diagnostic {
  const l = Math.max(0, Math.min(doc.lineCount - 1, line - 1));
  const text = doc.lineAt(l);
  const start = Math.max(text.firstNonWhitespaceCharacterIndex, Math.min(text.text.length, column - 1));
  const range = new vscode.Range(l, start, l, Math.max(start + 1, text.text.length));
  const d = new vscode.Diagnostic(range, message, severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = "Fork Lab";
  return d;
}
