// The descriptor-table view's host: one WebviewPanel showing a session's snapshots.
// Other features call show() with a history (or one snapshot) and onAction() to hear
// what the learner asks for (step, connect a client, send a signal...). Without an
// action handler the panel moves through the history it was given by itself.
import * as vscode from "vscode";
import type { OutputChunk, Snapshot } from "../../contract/snapshot";
import { HostMessage, NoticeLasts, PROTOCOL_VERSION, ViewAction, ViewMessage, ZoomStep, hostMessageProblem, viewMessageProblem } from "../../contract/protocol";
import { nextZoom } from "../../contract/zoom";
import { decodeStep } from "../../contract/wire";
import { makeNonce, viewHtml } from "./html";
import { historyMessage } from "../../contract/sync";
import { ZoomSetting } from "./zoom";
import { exportName } from "./exportname";

export const VIEW_TYPE = "forklab.view";

/** workspaceState: the file (a URI) whose session's history the view shows, so a view
 *  restored after a reload knows that session and that it no longer runs. */
const SHOWN_SESSION = "forklab.view.session";

export interface ShowInput {
  history: Snapshot[];
  /** Index into history; default the last. */
  current?: number;
  title?: string;
  /** Who acts on this history (a session's key): the view's actions go to the handlers
   *  with it. Without one (a live view, a picture shown by hand) the view moves through
   *  the history itself and nothing else hears its actions. */
  owner?: string;
}

/** The view's size in CSS pixels (it says so when it changes). */
export interface ViewSize { width: number; height: number }

/** Hears an action on the history `owner` showed (a session's key). */
type Handler = (action: ViewAction, owner: string) => void | Promise<void>;
export type QuestionMessage = Extract<HostMessage, { type: "question" }>;
export type VerdictMessage = Extract<HostMessage, { type: "verdict" }>;
export type AnswerMessage = Extract<ViewMessage, { type: "answer" }>;
type AnswerHandler = (answer: AnswerMessage) => void | Promise<void>;
/** Why a program was not started (it does not compile), and where its first problem is. */
export interface Refusal { title: string; text: string; uri: vscode.Uri; line: number; column: number }
/** A lesson's question, the choice the learner selected in it (submitted or not) and its
 *  last verdict. The view forgets all of it when hidden or showing another session; the
 *  host gives it back. */
interface Asked { question: QuestionMessage; chosen?: number; verdict?: VerdictMessage }

export class DescriptorView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private history: Snapshot[] = [];
  private current = 0;
  private title: string | undefined;
  /** The owner of the history on screen (ShowInput.owner). */
  private owner: string | undefined;
  /** A history restored after a reload may have lost its first steps: their output, and how many. */
  private before: OutputChunk[] = [];
  private dropped = 0;
  /** The steps the view holds (sent since it last said ready), so only the rest is sent. */
  private sent: Snapshot[] = [];
  /** The view's script has started (messages posted before that would be lost). */
  private ready = false;
  private readonly handlers = new Set<Handler>();
  private readonly answerHandlers = new Set<AnswerHandler>();
  /** Each session's question, by owner, with its last verdict: shown while that session's
   *  history is (asked again when the view restarts or the session comes back on screen),
   *  kept until the session ends or the learner skips it. Under `undefined`, one asked with
   *  no session on screen: it goes with the picture it was asked over. */
  private readonly questions = new Map<string | undefined, Asked>();
  private readonly log: vscode.LogOutputChannel;
  private presentation = false;
  /** forklab.view.zoom, written one press at a time. */
  private readonly zoom = new ZoomSetting();
  /** The zoom the view draws at (it said so, or it was sent it): the setting's change to
   *  it need not be sent back (a stale echo would undo the presses that followed). */
  private viewZoom: number | undefined;
  /** The program the learner asked to step was not started (it does not compile): what
   *  the view says instead of a history, and where its first problem is. */
  private refusal: Refusal | undefined;
  /** The session whose history is on screen is over: its file (a URI) and why. */
  private over: { file: string; why: string } | undefined;
  /** The view's size, as it last said. */
  private size: ViewSize | undefined;
  private readonly resized = new vscode.EventEmitter<ViewSize>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel("Fork Lab view", { log: true });
  }

  /** Shows a snapshot history (or one snapshot), opening the panel if needed. */
  show(input: ShowInput | Snapshot): void {
    const h = "history" in input ? input : { history: [input] };
    if (!h.history.length) throw new Error("show: the history is empty");
    // A copy: callers may push to their array after this call.
    this.history = h.history.slice();
    this.current = Math.max(0, Math.min(h.history.length - 1, h.current ?? h.history.length - 1));
    this.title = h.title ?? this.title;
    this.refusal = undefined;
    this.over = undefined;
    this.reown("owner" in h ? h.owner : undefined);
    this.before = [];
    this.dropped = 0;
    this.place(this.owner);
    this.post();
  }

  /** Says in the view (opening it) that a program was not started because it does not
   *  compile, with a way to its first problem; the next history shown replaces this. */
  refuse(r: Refusal): void {
    this.refusal = r;
    this.over = undefined;
    this.history = [];
    this.sent = [];
    this.title = r.title;
    // No session is shown now: its question leaves the screen (and waits for it).
    this.reown(undefined);
    this.place(r.uri.toString());
    this.postRefusal();
  }

  /**
   * Opens the panel, or brings it forward, beside the editor of `file` (a URI: the session's
   * program), never over it: the learner sees the code and the picture together. A panel in
   * the group that holds that editor moves to the next group (made when there is none).
   */
  private place(file: string | undefined): void {
    const code = file === undefined ? undefined : editorColumn(file);
    const beside = code === undefined ? vscode.ViewColumn.Beside : code + 1;
    if (!this.panel) {
      this.attach(vscode.window.createWebviewPanel(VIEW_TYPE, "Fork Lab: descriptor tables", { viewColumn: beside, preserveFocus: true }, this.options()));
    } else if (code !== undefined && this.panel.viewColumn === code) {
      this.panel.reveal(beside, true);
    } else if (!this.panel.visible) {
      // Only when hidden: revealing a panel on screen opens its editor again (each step).
      this.panel.reveal(undefined, true);
    }
  }

  private postRefusal(): void {
    const r = this.refusal;
    if (!r || !this.panel || !this.ready) return;
    void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "refused", title: r.title, text: r.text, line: r.line } satisfies HostMessage);
  }

  /** The learner asked for the problem that kept the program from starting: the editor at
   *  its line, and the Problems panel. */
  private async showProblem(): Promise<void> {
    const r = this.refusal;
    if (!r) return;
    const pos = new vscode.Position(Math.max(0, r.line - 1), Math.max(0, r.column - 1));
    await vscode.window.showTextDocument(r.uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
    await vscode.commands.executeCommand("workbench.actions.view.problems");
  }

  /** Shows a short notice in the view (when it is open): why an action was refused, a
   *  restart. It goes when the view moves to another step or session; with "question"
   *  also when the question on screen is answered or goes. */
  notify(text: string, lasts?: NoticeLasts): void {
    // A question's notice is the question's (the view asks again itself): not said again.
    this.said = lasts === "question" ? undefined : { text, lasts, step: this.current, owner: this.owner };
    if (this.panel && this.ready) void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "notice", text, lasts } satisfies HostMessage);
  }

  /** The last notice, said again when the view (re)starts while it still holds: a view that
   *  starts forgets its notices with its history, and one sent before it was ready is lost. */
  private said: { text: string; lasts?: NoticeLasts; step: number; owner: string | undefined } | undefined;

  private sayAgain(): void {
    const n = this.said;
    if (!n || !this.panel || !this.ready) return;
    // A step's notice holds on its step; a session's for as long as its session is shown.
    if (n.owner !== this.owner || (n.lasts !== "session" && n.step !== this.current)) { this.said = undefined; return; }
    void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "notice", text: n.text, lasts: n.lasts } satisfies HostMessage);
  }

  /** The view is open and in front in its group. */
  get visible(): boolean {
    return !!this.panel?.visible;
  }

  /** Hears the learner's actions; returns the way to stop hearing them. */
  onAction(handler: Handler): vscode.Disposable {
    this.handlers.add(handler);
    return new vscode.Disposable(() => this.handlers.delete(handler));
  }

  /** Asks a lesson's question in the view, which must be open; false when it is not. */
  ask(q: QuestionMessage): boolean {
    if (!this.panel) return false;
    const problem = hostMessageProblem(q);
    if (problem) throw new Error(`ask: ${problem}`);
    this.questions.set(this.owner, { question: q });
    this.panel.reveal(undefined, false);
    this.postQuestion();
    return true;
  }

  /** Shows the verdict on the question asked (graded by the caller). */
  answered(v: VerdictMessage): void {
    const onScreen = this.questions.get(this.owner);
    const asked = [onScreen, ...this.questions.values()].find((a) => a?.question.lesson === v.lesson && a.question.step === v.step);
    if (!asked) return;
    asked.verdict = v;
    if (asked === onScreen && this.panel && this.ready) void this.panel.webview.postMessage(v);
  }

  /** Hears the learner's answers to questions. */
  onAnswer(handler: AnswerHandler): vscode.Disposable {
    this.answerHandlers.add(handler);
    return new vscode.Disposable(() => this.answerHandlers.delete(handler));
  }

  /** Brings back a panel VS Code restored after a reload (WebviewPanelSerializer): the
   *  state is the history the view saved (src/webview/state.ts), decoded and checked here. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const problem = hostMessageProblem(state);
    const saved = problem === undefined ? (state as HostMessage) : undefined;
    if (saved?.type === "history" && saved.from === 0) {
      const history: Snapshot[] = [];
      for (const [i, w] of saved.steps.entries()) {
        const s = decodeStep(w, history[i - 1], `state.steps[${i}]`);
        if (typeof s === "string") { this.log.warn(`not restoring the view's history: ${s}`); history.length = 0; break; }
        history.push(s);
      }
      if (history.length) {
        this.history = history;
        this.current = Math.min(saved.current, history.length - 1);
        this.title = saved.title;
        this.before = saved.before ?? [];
        this.dropped = saved.dropped ?? 0;
        // A session's history: no session runs after a reload, so the view says it ended.
        const file = this.context.workspaceState.get<string>(SHOWN_SESSION);
        if (file) this.over = { file, why: "ended when the window reloaded" };
      }
    } else if (state !== undefined) {
      this.log.warn(`not restoring the view: ${problem ?? "no history in its state"}`);
    }
    this.attach(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.resized.dispose();
    this.log.dispose();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.context.extensionUri;
    // The view keeps its state in vscode.setState, so it need not stay alive when hidden.
    return { enableScripts: true, retainContextWhenHidden: false, enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, "dist"), vscode.Uri.joinPath(root, "media")] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const web = panel.webview;
    web.options = this.options();
    const root = this.context.extensionUri;
    web.html = viewHtml({
      cspSource: web.cspSource,
      nonce: makeNonce((n) => crypto.getRandomValues(new Uint8Array(n))),
      scriptUri: web.asWebviewUri(vscode.Uri.joinPath(root, "dist", "webview.js")).toString(),
      styleUri: web.asWebviewUri(vscode.Uri.joinPath(root, "media", "view.css")).toString(),
      iconsUri: web.asWebviewUri(vscode.Uri.joinPath(root, "dist", "codicon.css")).toString(),
      title: "Fork Lab: descriptor tables",
    });
    const subs = [web.onDidReceiveMessage((m: unknown) => void this.receive(m))];
    panel.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      if (this.panel === panel) this.panel = undefined;
    });
  }

  /** Sends the view what it lacks of the history, and the step to show. */
  private post(): void {
    if (!this.panel || !this.ready || !this.history.length) return;
    const msg = historyMessage(this.sent, this.history, this.current, this.title, { before: this.before, dropped: this.dropped });
    this.sent = this.history.slice();
    void this.panel.webview.postMessage(msg);
  }

  private async receive(raw: unknown): Promise<void> {
    const problem = viewMessageProblem(raw);
    if (problem) { this.log.warn(`ignored a message from the view: ${problem}`); return; }
    const m = raw as ViewMessage;
    switch (m.type) {
      // The view (re)started: it holds nothing the host can count on.
      case "ready": this.ready = true; this.sent = []; this.postDisplay(); this.post(); this.postRefusal(); this.postQuestion(); this.postOver(); this.sayAgain(); return;
      case "showProblem": await this.showProblem(); return;
      case "restart": await this.restart(); return;
      case "answer": {
        const asked = this.onScreen(m.lesson, m.step);
        if (!asked || m.choice >= asked.question.choices.length) {
          this.log.warn(`ignored an answer to a question not on screen: ${m.lesson} ${m.step} ${m.choice}`);
          return;
        }
        asked.chosen = m.choice;
        for (const h of this.answerHandlers) await h(m);
        return;
      }
      case "choose": {
        const asked = this.onScreen(m.lesson, m.step);
        if (asked && m.choice < asked.question.choices.length) asked.chosen = m.choice;
        return;
      }
      case "export": await this.export(m.format, m.data); return;
      case "zoom": this.viewZoom = m.zoom; await this.zoom.set(m.zoom); return;
      case "presentation": await vscode.commands.executeCommand("forklab.view.presentation"); return;
      case "size": this.size = { width: m.width, height: m.height }; this.resized.fire(this.size); return;
      default: break;
    }
    if (m.type === "skip") { this.skip(m.lesson, m.step); return; }
    // The view disables a finished session's controls; a late click goes nowhere either.
    if (this.over) { this.log.info(`ignored ${m.type}: the session shown is over`); return; }
    const owner = this.owner;
    if (this.handlers.size && owner !== undefined) {
      for (const h of this.handlers) await h(m, owner);
      return;
    }
    // No session is listening: move through the history we hold.
    if (m.type === "step" || m.type === "back" || m.type === "goto") {
      const to = m.type === "step" ? this.current + 1 : m.type === "back" ? this.current - 1 : m.step;
      this.current = Math.max(0, Math.min(this.history.length - 1, to));
      this.post();
    } else {
      void this.panel?.webview.postMessage({ v: PROTOCOL_VERSION, type: "notice", text: "No session is running: open a C file and start stepping to use clients and signals." } satisfies HostMessage);
    }
  }

  /** The zoom (forklab.view.zoom, or the value being written) and layout the view draws with. */
  private postDisplay(): void {
    if (!this.panel || !this.ready) return;
    this.viewZoom = this.zoom.value;
    void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "display", zoom: this.viewZoom, presentation: this.presentation } satisfies HostMessage);
  }

  /** A zoom step (the commands, and VS Code's keybindings for Ctrl+= in the view): the view
   *  on screen takes it from the scale it shows (a fitted one included) and tells the
   *  setting; with none, the setting steps from the last zoom asked for. */
  async zoomBy(by: ZoomStep): Promise<void> {
    if (this.panel?.visible && this.ready) {
      void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "zoomStep", by } satisfies HostMessage);
      return;
    }
    const z = nextZoom(this.zoom.value, by);
    if (z !== undefined) await this.zoom.set(z);
  }

  /** The presentation layout: the picture only, large text (a lecture). */
  setPresentation(on: boolean): void {
    this.presentation = on;
    this.postDisplay();
  }

  get presenting(): boolean {
    return this.presentation;
  }

  /** The view's size while it is on screen (undefined when hidden or not started). */
  get visibleSize(): ViewSize | undefined {
    return this.panel?.visible && this.ready ? this.size : undefined;
  }

  /** Resolves true once the view's size satisfies `ok`, false after `ms`. */
  waitForSize(ok: (s: ViewSize) => boolean, ms: number): Promise<boolean> {
    if (this.size && ok(this.size)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const sub = this.resized.event((s) => { if (ok(s)) done(true); });
      const timer = setTimeout(() => done(false), ms);
      const done = (v: boolean) => { clearTimeout(timer); sub.dispose(); resolve(v); };
    });
  }

  /** The setting changed (by hand, or a command with no view open): draw at the new zoom.
   *  Not while our own writes are under way, nor when the view draws at it already. */
  zoomChanged(): void {
    if (this.zoom.writing || this.zoom.value === this.viewZoom) return;
    this.postDisplay();
  }

  /**
   * The view now shows `owner`'s history (undefined: none of a session's). The question of
   * the session shown before leaves the screen but stays with its session (it holds that
   * session's stepping still); the one of the session shown now comes back as it was left.
   */
  private reown(owner: string | undefined): void {
    const before = this.questions.get(this.owner);
    // A question asked over no session's history goes when a session's history, or a
    // refusal, takes that history's place.
    if (this.owner === undefined && (owner !== undefined || this.refusal)) this.questions.delete(undefined);
    const moved = owner !== this.owner;
    this.owner = owner;
    if (moved) void this.context.workspaceState.update(SHOWN_SESSION, owner);
    const now = this.questions.get(owner);
    if (now && moved) this.postQuestion();
    else if (before && !now) this.postUnask();
  }

  private postUnask(): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "unask" } satisfies HostMessage);
  }

  /** The question on screen, when it is this one. */
  private onScreen(lesson: string, step: string): Asked | undefined {
    const asked = this.questions.get(this.owner);
    return asked?.question.lesson === lesson && asked.question.step === step ? asked : undefined;
  }

  /** The session whose history the view shows (undefined: none, a refusal in its place). */
  get session(): string | undefined {
    return this.owner;
  }

  /** The view's panel is open (the learner may have closed it). */
  get open(): boolean {
    return !!this.panel;
  }

  /** The file whose refusal the view shows, if it shows one. */
  get refused(): vscode.Uri | undefined {
    return this.refusal?.uri;
  }

  /** The session `owner` must have its question answered (or skipped) before it steps on,
   *  whether or not the view shows that session now: predict, then step. */
  mustPredict(owner: string): boolean {
    const asked = this.questions.get(owner);
    return !!asked && !asked.verdict?.correct;
  }

  /** Brings the view (and its question) to the front. */
  revealQuestion(): void {
    this.panel?.reveal(undefined, false);
    this.postQuestion();
  }

  /** A session ended (`restarting`: a new one of the same file takes its place at once):
   *  its question goes with it, and a view that shows it says it is over. */
  ended(owner: string, restarting = false): void {
    if (this.questions.delete(owner) && owner === this.owner) this.postUnask();
    // The next history shown is another session's: sent whole, so the view takes it as one
    // (a file started again has the same first steps, which would pass for a continuation).
    if (owner === this.owner) this.sent = [];
    if (restarting || owner !== this.owner || !this.history.length) return;
    this.over = { file: owner, why: "was stopped" };
    this.postOver();
  }

  /** Tells the view the session it shows is over, and why. */
  private postOver(): void {
    const o = this.over;
    if (!o || !this.panel || !this.ready || !this.history.length) return;
    const text = `${this.title ? `${this.title}: the` : "The"} session ${o.why}.`;
    void this.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: "ended", text } satisfies HostMessage);
  }

  /** The learner asked to start stepping again the file whose session is over; with none
   *  over, the session of the file in front (Restart the Session says what it did). */
  private async restart(): Promise<void> {
    const o = this.over;
    if (!o) { await vscode.commands.executeCommand("forklab.restartSession"); return; }
    await vscode.commands.executeCommand("forklab.startSession", vscode.Uri.parse(o.file));
  }

  /** The learner skipped the prediction: the question goes, stepping goes on. */
  private skip(lesson: string, step: string): void {
    if (!this.onScreen(lesson, step)) return;
    this.questions.delete(this.owner);
    this.postUnask();
    this.notify("Question skipped: step on to see what happens.");
  }

  /** Shows the question of the history on screen, with its last verdict. */
  private postQuestion(): void {
    const asked = this.questions.get(this.owner);
    if (!this.panel || !this.ready || !asked) return;
    const q: QuestionMessage = asked.chosen === undefined ? asked.question : { ...asked.question, chosen: asked.chosen };
    void this.panel.webview.postMessage(q);
    if (asked.verdict) void this.panel.webview.postMessage(asked.verdict);
  }

  private async export(format: "svg" | "png" | "markdown", data: string): Promise<void> {
    if (format === "markdown") {
      await vscode.env.clipboard.writeText(data);
      void vscode.window.showInformationMessage("Fork Lab: the tables are on the clipboard as Markdown.");
      return;
    }
    const step = this.history[this.current]?.step ?? 0;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? this.context.globalStorageUri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(base, exportName(this.title, step, format)),
      filters: format === "svg" ? { "SVG image": ["svg"] } : { "PNG image": ["png"] },
    });
    if (!target) return;
    const bytes = format === "svg" ? new TextEncoder().encode(data) : Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`saved ${target.fsPath}`);
  }
}

/** The editor group of `file` (a URI): where its editor is on screen, else the group that
 *  holds its tab (behind the view, say); undefined when no group has it. */
function editorColumn(file: string): vscode.ViewColumn | undefined {
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === file)?.viewColumn;
  if (shown !== undefined) return shown;
  return vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === file))?.viewColumn;
}
