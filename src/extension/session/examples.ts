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

/**
 * Puts the cursor at the start of `line` (1-based) and scrolls to it only when it is off
 * screen: to the centre, never sideways (column 0: the "pid N" label after a long line
 * must not scroll the code out of a narrow editor), and never past the code (a line
 * beyond the file, or its empty last line, is no line to show).
 */
export function revealLine(ed: vscode.TextEditor, line: number): void {
  const doc = ed.document;
  const l = line - 1;
  if (l < 0 || l >= doc.lineCount || (l === doc.lineCount - 1 && l > 0 && doc.lineAt(l).isEmptyOrWhitespace)) return;
  const start = new vscode.Position(l, 0);
  ed.selection = new vscode.Selection(start, start);
  ed.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Keeps the learner's eye on the process that just ran: its line (else the first
 *  process's) in `ed`. A process that exited has no line: nothing moves. */
export function revealRunning(ed: vscode.TextEditor, snap: Snapshot, mainPid: number): void {
  const p = snap.processes.find((x) => x.state === "running" && x.line) ?? snap.processes.find((x) => x.pid === mainPid && x.state !== "zombie" && x.line);
  if (p?.line) revealLine(ed, p.line);
}
