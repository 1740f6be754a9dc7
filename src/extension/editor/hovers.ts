// Hovers on a line that made system calls: what its last execution (per process) did to
// the tables, e.g. "Close(connfd): open file #7 refcount 2 -> 1"; and on a variable's
// name, its value in every live process (after fork each has its own copy).
import * as vscode from "vscode";
import type { LineEffect } from "../../coach/hovers";
import type { VariableInProcess } from "../../coach/variables";
import { model } from "../model";
import type { EditorSession, Sessions } from "../session/sessions";

/** How far back a hover looks for the line's last execution. */
const LOOK_BACK = 5000;

export function lastEffects(s: EditorSession, line: number, source: (n: number) => string): LineEffect[] {
  const st = s.model;
  const seen = new Set<number>();
  const out: LineEffect[] = [];
  for (let i = st.index; i >= 1 && i > st.index - LOOK_BACK; i--) {
    const calls = st.callsAt(i).filter((c) => c.line === line && !seen.has(c.pid));
    if (!calls.length) continue;
    for (const e of model().stepEffects(st.timeline[i - 1], st.timeline[i], i, st.callsAt(i), source)) {
      if (e.line === line && !seen.has(e.pid)) out.push(e);
    }
    for (const c of calls) seen.add(c.pid);
  }
  return out;
}

export class EffectHovers implements vscode.HoverProvider {
  constructor(private readonly sessions: Sessions) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const s = this.sessions.get(doc.uri);
    if (!s || s.stale) return undefined;
    const word = doc.getWordRangeAtPosition(pos, /[A-Za-z_]\w*/);
    const values = word ? model().variableInProcesses(s.model.current, doc.getText(word), s.model.mainPid) : [];
    const lines = s.text.split("\n");
    const effects = lastEffects(s, pos.line + 1, (n) => lines[n - 1] ?? "");
    if (!effects.length && !values.length) return undefined;
    const md = new vscode.MarkdownString();
    if (values.length) appendValues(md, doc.getText(word), values);
    for (const e of effects) {
      md.appendMarkdown("**").appendText(e.call).appendMarkdown("**").appendText(` (pid ${e.pid}, step ${e.step})`).appendMarkdown("\n\n");
      for (const x of [...e.calls, ...e.effects]) md.appendMarkdown("- ").appendText(x).appendMarkdown("\n");
      md.appendMarkdown("\n");
    }
    return new vscode.Hover(md, values.length ? word : doc.lineAt(pos.line).range);
  }
}

/** "x in each process", then one line per process: "pid 101 (child), in main(): int x = 2". */
function appendValues(md: vscode.MarkdownString, name: string, values: VariableInProcess[]): void {
  md.appendMarkdown("**").appendText(name).appendMarkdown("**").appendText(values.length > 1 ? " in each process" : "").appendMarkdown("\n\n");
  for (const v of values) {
    md.appendMarkdown("- ").appendText(`pid ${v.pid} (${v.role}), ${v.scope === "global" ? "global" : `in ${v.scope}()`}: ${v.type} ${name} = ${v.value}`).appendMarkdown("\n");
  }
  md.appendMarkdown("\n");
}
