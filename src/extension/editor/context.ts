// Context keys for keybindings and menus: forklab.sessionActive while any session runs,
// forklab.sessionStale while the active one's file changed since it started.
import * as vscode from "vscode";
import type { Sessions } from "../session/sessions";

export function registerContext(sessions: Sessions): vscode.Disposable {
  let active: boolean | undefined;
  let stale: boolean | undefined;
  const set = () => {
    const a = sessions.all().length > 0;
    const st = sessions.active()?.stale ?? false;
    if (a !== active) { active = a; void vscode.commands.executeCommand("setContext", "forklab.sessionActive", a); }
    if (st !== stale) { stale = st; void vscode.commands.executeCommand("setContext", "forklab.sessionStale", st); }
  };
  set();
  return vscode.Disposable.from(sessions.onDidChange(set), vscode.window.onDidChangeActiveTextEditor(set));
}
