// The descriptor-table view's host: one WebviewPanel showing a session's snapshots.
// Other features call show() with a history (or one snapshot) and onAction() to hear
// what the learner asks for (step, connect a client, send a signal...). Without an
// action handler the panel moves through the history it was given by itself.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { Snapshot } from "../../kernel/snapshot";
import { timeline } from "../../render/events";
import type { TimelineEntry } from "../../render/events";
import { HostMessage, ViewAction, ViewMessage, hostMessageProblem, viewMessageProblem } from "../../webview/protocol";
import { makeNonce, viewHtml } from "./html";

export const VIEW_TYPE = "forklab.view";

export interface ShowInput {
  history: Snapshot[];
  /** Index into history; default the last. */
  current?: number;
  title?: string;
}

type Handler = (action: ViewAction) => void | Promise<void>;

export class DescriptorView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private history: Snapshot[] = [];
  private current = 0;
  private title: string | undefined;
  private steps: TimelineEntry[] = [];
  private readonly handlers = new Set<Handler>();
  private readonly log: vscode.LogOutputChannel;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel("Fork Lab view", { log: true });
  }

  /** Shows a snapshot history (or one snapshot), opening the panel if needed. */
  show(input: ShowInput | Snapshot): void {
    const h = "history" in input ? input : { history: [input] };
    if (!h.history.length) throw new Error("show: the history is empty");
    this.history = h.history;
    this.current = Math.max(0, Math.min(h.history.length - 1, h.current ?? h.history.length - 1));
    this.title = h.title ?? this.title;
    this.steps = timeline(h.history);
    if (!this.panel) this.attach(vscode.window.createWebviewPanel(VIEW_TYPE, "Fork Lab: descriptor tables",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    else this.panel.reveal(undefined, true);
    this.post();
  }

  /** Hears the learner's actions; returns the way to stop hearing them. */
  onAction(handler: Handler): vscode.Disposable {
    this.handlers.add(handler);
    return new vscode.Disposable(() => this.handlers.delete(handler));
  }

  /** Brings back a panel VS Code restored after a reload (WebviewPanelSerializer). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = hostMessageProblem(state) === undefined ? (state as HostMessage) : undefined;
    if (saved?.type === "show") {
      this.history = [saved.snapshot];
      this.current = 0;
      this.title = saved.title;
      this.steps = saved.timeline;
    }
    this.attach(panel);
    if (this.history.length) this.post();
  }

  dispose(): void {
    this.panel?.dispose();
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
    const web = panel.webview;
    web.options = this.options();
    const root = this.context.extensionUri;
    web.html = viewHtml({
      cspSource: web.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: web.asWebviewUri(vscode.Uri.joinPath(root, "dist", "webview.js")).toString(),
      styleUri: web.asWebviewUri(vscode.Uri.joinPath(root, "media", "view.css")).toString(),
      title: "Fork Lab: descriptor tables",
    });
    const subs = [web.onDidReceiveMessage((m: unknown) => void this.receive(m))];
    panel.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private post(): void {
    if (!this.panel || !this.history.length) return;
    const snapshot = this.history[this.current];
    const msg: HostMessage = { v: 1, type: "show", snapshot, previous: this.current > 0 ? this.history[this.current - 1] : undefined,
      steps: this.history.length, timeline: this.steps, title: this.title };
    const problem = hostMessageProblem(msg);
    if (problem) { this.log.error(`not sending a malformed snapshot: ${problem}`); return; }
    void this.panel.webview.postMessage(msg);
  }

  private async receive(raw: unknown): Promise<void> {
    const problem = viewMessageProblem(raw);
    if (problem) { this.log.warn(`ignored a message from the view: ${problem}`); return; }
    const m = raw as ViewMessage;
    switch (m.type) {
      case "ready": this.post(); return;
      case "export": await this.export(m.format, m.data); return;
      default: break;
    }
    if (this.handlers.size) {
      for (const h of this.handlers) await h(m);
      return;
    }
    // No session is listening: move through the history we hold.
    if (m.type === "step" || m.type === "back" || m.type === "goto") {
      const to = m.type === "step" ? this.current + 1 : m.type === "back" ? this.current - 1 : m.step;
      this.current = Math.max(0, Math.min(this.history.length - 1, to));
      this.post();
    } else {
      void this.panel?.webview.postMessage({ v: 1, type: "notice", text: "No session is running: open a C file and start stepping to use clients and signals." } satisfies HostMessage);
    }
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
      defaultUri: vscode.Uri.joinPath(base, `forklab-step-${step}.${format}`),
      filters: format === "svg" ? { "SVG image": ["svg"] } : { "PNG image": ["png"] },
    });
    if (!target) return;
    const bytes = format === "svg" ? Buffer.from(data, "utf8") : Buffer.from(data, "base64");
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`saved ${target.fsPath}`);
  }
}
