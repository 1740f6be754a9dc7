// Finding and opening the course examples: in the workspace (the folder itself or its
// examples/ subfolder) first, else the copy shipped inside the extension.
import * as vscode from "vscode";
import type { Snapshot } from "../../contract/snapshot";

/** True when `uri` names a file (through vscode.workspace.fs: local, remote or virtual). */
async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

export async function exampleUri(context: vscode.ExtensionContext, name: string): Promise<vscode.Uri | undefined> {
  if (/[\\/]|\.\./.test(name) && !name.startsWith("examples/")) return undefined;
  const file = name.replace(/^examples\//, "");
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    for (const u of [vscode.Uri.joinPath(f.uri, file), vscode.Uri.joinPath(f.uri, "examples", file)]) if (await exists(u)) return u;
  }
  const shipped = vscode.Uri.joinPath(context.extensionUri, "examples", file);
  return (await exists(shipped)) ? shipped : undefined;
}

/** Opens an example (and selects a line, 1-based); undefined when it does not exist. */
export async function openExample(context: vscode.ExtensionContext, name: string, line?: number): Promise<vscode.TextEditor | undefined> {
  const uri = await exampleUri(context, name);
  if (!uri) {
    void vscode.window.showErrorMessage(`Fork Lab: there is no example named ${name}.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const ed = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  if (line !== undefined) revealLine(ed, line);
  return ed;
}

export function revealLine(ed: vscode.TextEditor, line: number): void {
  const l = Math.max(0, Math.min(ed.document.lineCount - 1, line - 1));
  const range = ed.document.lineAt(l).range;
  ed.selection = new vscode.Selection(range.start, range.start);
  ed.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Keeps the learner's eye on the process that just ran: its line (else the first
 *  process's) in `ed`. */
export function revealRunning(ed: vscode.TextEditor, snap: Snapshot, mainPid: number): void {
  const p = snap.processes.find((x) => x.state === "running" && x.line) ?? snap.processes.find((x) => x.pid === mainPid && x.line);
  if (p?.line) revealLine(ed, p.line);
}
