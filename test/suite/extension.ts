// What the integration tests share: the extension under test, its manifest, and the clean
// slate each test leaves for the next.
import * as vscode from "vscode";
import type { ForkLabApi } from "../../src/extension/extension";

export const EXTENSION_ID = "forklab.forklab";

/** Where this suite runs: the web worker extension host has no node (no `process`). */
export const HOST: "desktop" | "web" = typeof process === "undefined" ? "web" : "desktop";

export function forkLab(): vscode.Extension<ForkLabApi> {
  const ext = vscode.extensions.getExtension<ForkLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this VS Code`);
  return ext;
}

export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: Array<{ command: string; title: string; category?: string }>;
    walkthroughs?: Array<{ id: string; title: string; steps: Array<{ id: string; title: string }> }>;
  };
}

export function manifest(): Manifest {
  return forkLab().packageJSON as Manifest;
}

/** Ends every Fork Lab session and closes every editor. Each C file open in VS Code is
 *  brought on screen in turn and its own session, if it has one, ended there: Stop Stepping
 *  from elsewhere would ask which of several sessions to end (a list no one answers here),
 *  and a session of a file not on screen outlives the editors closing, coming back in the
 *  next test's layout. A session's file stays among the text documents while it runs (its
 *  session ends when VS Code closes the document). */
export async function closeSessionsAndEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.languageId === "c" && !d.isClosed)) {
    await vscode.window.showTextDocument(doc, { preview: true });
    const s = await vscode.commands.executeCommand<{ file: string } | undefined>("forklab.session.current");
    if (s?.file === doc.uri.fsPath) await vscode.commands.executeCommand("forklab.stopSession");
  }
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
