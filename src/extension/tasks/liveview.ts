// The live view: the running server's process tree and descriptor tables from /proc, a
// few times a second, shown in the descriptor-table view (the host extension.ts passes
// in). The snapshots themselves come from src/live, which knows nothing of VS Code.
import * as vscode from "vscode";
import type { LiveSnapshot } from "../../live/livesnapshot";
import { platformSupport } from "../../live/platform";
import type { LiveSource } from "../../live/source";
import { live } from "../model";
import { DescriptorView, VIEW_TYPE } from "../view/panel";
import { settings } from "./definition";

const KEEP = 100; // distinct states kept, so the learner can step back through them

/** The same state apart from timing: nothing worth redrawing. */
function sameState(a: LiveSnapshot, b: LiveSnapshot): boolean {
  const strip = (s: LiveSnapshot) => JSON.stringify([s.processes, s.files, s.objects]);
  return strip(a) === strip(b);
}

function viewTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) =>
    t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE)));
}

export class LiveView implements vscode.Disposable {
  private source?: LiveSource;
  private watch?: { dispose(): void };
  private history: LiveSnapshot[] = [];
  private shownInView = false;
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  /** The last snapshot read (for tests and the side-by-side view). */
  latest?: LiveSnapshot;

  constructor(private readonly context: vscode.ExtensionContext, private readonly view: DescriptorView) {
    this.status.command = "forklab.live.stop";
  }

  get running(): boolean {
    return this.watch !== undefined;
  }

  /** Starts watching the server on the configured address and port. */
  async start(folder?: vscode.WorkspaceFolder): Promise<boolean> {
    this.stop();
    const support = platformSupport();
    if (!support.live) {
      void vscode.window.showWarningMessage(`Fork Lab live view: ${support.why}`, { modal: false });
      return false;
    }
    const s = settings(folder);
    const refreshMs = vscode.workspace.getConfiguration("forklab", folder).get<number>("live.refreshMs") || 250;
    const source = await live().LiveSource.open({
      port: s.port, address: s.address, cacheDir: this.context.globalStorageUri.fsPath, compiler: s.compiler,
    });
    let first: LiveSnapshot;
    try {
      first = await source.refresh();
    } catch (e) {
      source.close();
      await this.explain(e as Error, `${s.address}:${s.port}`);
      return false;
    }
    this.source = source;
    this.history = [];
    this.shownInView = false;
    this.show(first);
    if (first.live.sharing !== "kcmp") {
      void vscode.window.showInformationMessage(`Fork Lab live view: shared open files are guessed, not exact: ${first.live.sharingNote}`);
    }
    this.watch = source.watch(refreshMs, (snap) => this.show(snap), (e) => {
      this.stop();
      void this.explain(e, `${s.address}:${s.port}`);
    });
    return true;
  }

  private async explain(e: Error, where: string): Promise<void> {
    if (e instanceof live().NoServer) {
      const run = "Run Echo Server";
      const pick = await vscode.window.showWarningMessage(`Fork Lab live view: ${e.message}.`, run);
      if (pick === run) await vscode.commands.executeCommand("forklab.server.run");
    } else {
      void vscode.window.showErrorMessage(`Fork Lab live view of ${where}: ${e.message}`);
    }
  }

  private show(snap: LiveSnapshot): void {
    const previous = this.latest;
    this.latest = snap;
    const root = snap.processes.find((p) => p.pid === snap.live.rootPid);
    this.status.text = `$(radio-tower) live: ${root?.name ?? "?"} ${snap.live.rootPid}, ${snap.processes.length} proc`;
    this.status.tooltip = "Fork Lab live view of the real server. Click to stop watching.";
    this.status.show();
    if (previous && sameState(previous, snap) && this.history.length) return;
    this.history.push(snap);
    if (this.history.length > KEEP) this.history.shift();
    this.render(snap);
  }

  private render(snap: LiveSnapshot): void {
    const title = `Live: ${snap.processes[0]?.name ?? "server"} (pid ${snap.live.rootPid}) from /proc`;
    // The learner closed the view: stop rather than reopen it under their hands.
    if (this.shownInView && !viewTabOpen()) { this.stop(); return; }
    this.view.show({ history: this.history, title });
    this.shownInView = true;
  }

  stop(): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.source?.close();
    this.source = undefined;
    this.status.hide();
  }

  dispose(): void {
    this.stop();
    this.status.dispose();
  }
}
