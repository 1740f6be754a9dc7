// A fresh folder for a test's own files, made through vscode.workspace.fs on the
// workspace's file system, so the same test runs in the desktop extension host and in the
// web worker host (no node:fs there). It lies in out/test/ of the checkout (ignored by git).
import * as vscode from "vscode";

export interface Scratch { uri: vscode.Uri; remove(): Promise<void> }

export async function scratchFolder(prefix: string): Promise<Scratch> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!workspace) throw new Error("the runner opens the examples folder as the workspace");
  const uri = vscode.Uri.joinPath(workspace, "..", "out", "test", `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  await vscode.workspace.fs.createDirectory(uri);
  return { uri, remove: async () => { await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }); } };
}
