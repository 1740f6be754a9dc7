// The status bar item: the session of the active editor (step, live processes, zombies),
// with a full sentence for screen readers; clicking opens the view.
import * as vscode from "vscode";
import { statusText } from "../../coach/lenses";
import { cLanguage, type Sessions } from "../session/sessions";

/** How often the item is painted while a command runs. */
const TICK_MS = 1000;

export function registerStatus(sessions: Sessions): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("forklab.session", vscode.StatusBarAlignment.Left, 50);
  item.name = "Fork Lab session";
  item.command = "forklab.openView";
  const paint = () => {
    // It speaks of the file on screen: one that did not compile says so; another C file
    // with no session leaves it empty (the session used last is not this file's).
    const doc = vscode.window.activeTextEditor?.document;
    const refusal = doc && sessions.refusal(doc.uri);
    if (refusal) {
      item.text = `$(error) Fork Lab: ${refusal.title} not started · does not compile`;
      item.accessibilityInformation = { label: `Fork Lab: ${refusal.text}`, role: "button" };
      item.tooltip = `${refusal.text} Click to show the descriptor tables.`;
      item.show();
      tick(false);
      return;
    }
    const s = sessions.active();
    if (!s || (cLanguage(doc) && !sessions.get(doc.uri))) { item.hide(); tick(false); return; }
    tick(s.busy > 0);
    const { text, label } = statusText(s.model.current, s.model.ended);
    if (s.busy) {
      // A long command (Continue, Run to end) counts up while it runs.
      item.text = `$(sync~spin) Fork Lab: running… step ${s.model.current.step}`;
      item.accessibilityInformation = { label: `Fork Lab session running, at step ${s.model.current.step}`, role: "button" };
    } else {
      item.text = s.stale ? `$(warning) ${text} · file changed` : `$(debug-step-over) ${text}`;
      item.accessibilityInformation = { label: s.stale ? `${label}. The file changed since the session started.` : label, role: "button" };
    }
    item.tooltip = `${label}. Click to show the descriptor tables.`;
    item.show();
  };
  // While a command runs, painted once a second whatever else is said (the progress the
  // worker reports reaches the editor then).
  let ticker: ReturnType<typeof setInterval> | undefined;
  function tick(on: boolean): void {
    if (on && !ticker) ticker = setInterval(paint, TICK_MS);
    else if (!on && ticker) { clearInterval(ticker); ticker = undefined; }
  }
  const subs = [sessions.onDidChange(paint), vscode.window.onDidChangeActiveTextEditor(paint)];
  paint();
  return vscode.Disposable.from(item, ...subs, { dispose: () => tick(false) });
}
