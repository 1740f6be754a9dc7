// The status bar item: the session of the active editor (step, live processes, zombies),
// with a full sentence for screen readers; clicking opens the view.
import * as vscode from "vscode";
import { statusText } from "../../coach/lenses";
import type { Sessions } from "../session/sessions";

export function registerStatus(sessions: Sessions): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("forklab.session", vscode.StatusBarAlignment.Left, 50);
  item.name = "Fork Lab session";
  item.command = "forklab.openView";
  const paint = () => {
    const s = sessions.active();
    if (!s) { item.hide(); return; }
    const { text, label } = statusText(s.model.current, s.model.ended);
    item.text = s.stale ? `$(warning) ${text} · file changed` : `$(debug-step-over) ${text}`;
    item.accessibilityInformation = { label: s.stale ? `${label}. The file changed since the session started.` : label, role: "button" };
    item.tooltip = `${label}. Click to show the descriptor tables.`;
    item.show();
  };
  const subs = [sessions.onDidChange(paint), vscode.window.onDidChangeActiveTextEditor(paint)];
  paint();
  return vscode.Disposable.from(item, ...subs);
}
