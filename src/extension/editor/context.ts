// Context keys for keybindings, menus and lessons: forklab.sessionActive while any session
// runs, forklab.fileSession while the file on screen has one (Sessions.active(): the editor's
// title buttons and context menu), forklab.sessionStale while that one's file changed since
// it started, and the
// lessons' forklab.saw.* keys once a Snapshot on screen shows that thing (never reset).
import * as vscode from "vscode";
import { model } from "../model";
import type { Sessions } from "../session/sessions";

export function registerContext(sessions: Sessions): vscode.Disposable {
  let active: boolean | undefined;
  let onScreen: boolean | undefined;
  let stale: boolean | undefined;
  const saw = new Set<string>();
  const set = () => {
    const a = sessions.all().length > 0;
    const st = sessions.active()?.stale ?? false;
    const here = !!sessions.active();
    if (a !== active) { active = a; void vscode.commands.executeCommand("setContext", "forklab.sessionActive", a); }
    if (here !== onScreen) { onScreen = here; void vscode.commands.executeCommand("setContext", "forklab.fileSession", here); }
    if (st !== stale) { stale = st; void vscode.commands.executeCommand("setContext", "forklab.sessionStale", st); }
    const s = sessions.active();
    if (!s) return;
    for (const k of model().sawKeys(s.model.current, s.model.mainPid)) {
      if (saw.has(k)) continue;
      saw.add(k);
      void vscode.commands.executeCommand("setContext", k, true);
    }
  };
  set();
  return vscode.Disposable.from(sessions.onDidChange(set), vscode.window.onDidChangeActiveTextEditor(set));
}
