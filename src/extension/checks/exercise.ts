// "Your turn": the exercise's starter (and its data file) copied into the workspace, where
// the learner can edit it, then opened. A copy already there is opened as it is.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";

const FILES = { echo: ["echo-starter.c"], schedule: ["schedule-starter.c", "schedule.txt"] } as const;

export async function openExercise(context: vscode.ExtensionContext, exercise: "echo" | "schedule"): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? context.globalStorageUri.fsPath;
  const dir = join(folder, "exercises");
  mkdirSync(dir, { recursive: true });
  for (const name of FILES[exercise]) {
    const to = join(dir, name);
    if (!existsSync(to)) copyFileSync(vscode.Uri.joinPath(context.extensionUri, "examples", "exercises", name).fsPath, to);
  }
  const doc = await vscode.workspace.openTextDocument(join(dir, FILES[exercise][0]));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  return true;
}
