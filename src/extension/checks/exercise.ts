// "Your turn": the exercise's starter (and its data file) copied into the workspace, where
// the learner can edit it, then opened. A copy already there is opened as it is. Through
// vscode.workspace.fs, so it works on the web too (a remote or virtual workspace).
import * as vscode from "vscode";

const FILES = { echo: ["echo-starter.c"], schedule: ["schedule-starter.c", "schedule.txt"] } as const;

const exists = (uri: vscode.Uri): Thenable<boolean> => vscode.workspace.fs.stat(uri).then(() => true, () => false);

export async function openExercise(context: vscode.ExtensionContext, exercise: "echo" | "schedule"): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? context.globalStorageUri;
  const dir = vscode.Uri.joinPath(folder, "exercises");
  await vscode.workspace.fs.createDirectory(dir);
  for (const name of FILES[exercise]) {
    const to = vscode.Uri.joinPath(dir, name);
    if (!(await exists(to))) await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, "examples", "exercises", name), to);
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, FILES[exercise][0]));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  return true;
}
