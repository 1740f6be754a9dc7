// Editor settings a layout changes for a while and gives back as the learner had them. The
// learner's values are kept in a Memento as well, so a window closed with the layout on gets
// them back when Fork Lab starts next; a setting the learner changed meanwhile is theirs and
// stays.
import * as vscode from "vscode";

const KEY = "forklab.presentation.settings";

/** One setting as it was: where it was written (the learner's workspace value wins over the
 *  user's, so that is the one changed when there is one), its value there, and ours. */
interface Kept { key: string; workspace: boolean; was: unknown; ours: unknown }

type Seen = ReturnType<vscode.WorkspaceConfiguration["inspect"]>;

/** The setting's value where a Kept one is written: the workspace's or the user's. */
const valueAt = (seen: Seen, workspace: boolean): unknown => (workspace ? seen?.workspaceValue : seen?.globalValue);
const target = (workspace: boolean): vscode.ConfigurationTarget =>
  (workspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);

export class EditorSettings {
  constructor(private readonly memento: vscode.Memento) {
    // Left from a window closed while the layout was on.
    void this.restore();
  }

  /** Sets each `editor.<key>` to its value, keeping what was there. */
  async set(values: Record<string, unknown>): Promise<void> {
    const editor = vscode.workspace.getConfiguration("editor");
    const kept: Kept[] = this.memento.get<Kept[]>(KEY) ?? [];
    for (const [key, ours] of Object.entries(values)) {
      const seen = editor.inspect(key);
      const workspace = seen?.workspaceValue !== undefined;
      if (!kept.some((k) => k.key === key)) kept.push({ key, workspace, was: valueAt(seen, workspace), ours });
    }
    await this.memento.update(KEY, kept);
    for (const k of kept) await editor.update(k.key, k.ours, target(k.workspace));
  }

  /** Puts back what set() changed, where it is still ours. */
  async restore(): Promise<void> {
    const kept = this.memento.get<Kept[]>(KEY);
    if (!kept?.length) return;
    const editor = vscode.workspace.getConfiguration("editor");
    for (const k of kept) {
      if (JSON.stringify(valueAt(editor.inspect(k.key), k.workspace)) !== JSON.stringify(k.ours)) continue;
      await editor.update(k.key, k.was, target(k.workspace));
    }
    await this.memento.update(KEY, undefined);
  }
}
