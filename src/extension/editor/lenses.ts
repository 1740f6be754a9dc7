// Code lenses on C files: "Step in Fork Lab" above main before a session; during one, a
// lens per live process above the line it runs next. Titles come from src/coach/lenses.ts.
import * as vscode from "vscode";
import { idleLenses, LensSpec, sessionLenses } from "../../coach/lenses";
import type { Sessions } from "../session/sessions";
import { LENS_COMMANDS } from "./lens-commands";

function toLens(doc: vscode.TextDocument, l: LensSpec): vscode.CodeLens {
  const line = Math.max(0, Math.min(doc.lineCount - 1, l.line - 1));
  return new vscode.CodeLens(doc.lineAt(line).range, { title: l.title, command: l.command, arguments: l.args, tooltip: l.tooltip });
}

export class ForkLabLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly sessions: Sessions) {
    sessions.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const s = this.sessions.get(doc.uri);
    const text = doc.getText();
    if (!s) return idleLenses(text, LENS_COMMANDS).map((l) => toLens(doc, l));
    if (s.stale) {
      const [first] = idleLenses(text, LENS_COMMANDS);
      const line = first?.line ?? 1;
      return [toLens(doc, { line, title: "$(warning) Changed since the session started: restart", command: "forklab.restartSession",
        tooltip: "Fork Lab never steps code that differs from the editor; restart to step this version" }),
      toLens(doc, { line, title: "Stop", command: LENS_COMMANDS.stop })];
    }
    const st = s.model;
    const lenses = sessionLenses({ snapshot: st.current, mainPid: st.mainPid, text, ended: st.ended }, LENS_COMMANDS);
    // While a command runs in the model, the first lens interrupts it.
    if (s.busy) lenses.unshift({ line: lenses[0]?.line ?? 1, title: "$(debug-pause) Stop running", command: "forklab.stopRun", tooltip: "Interrupt Continue / Run to..., keeping every step made so far" });
    return lenses.map((l) => toLens(doc, l));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
