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

/** Ends every Fork Lab session and closes every editor. forklab.stopSession ends the session
 *  on screen and says whether there was one; with that one gone, the one used before may be
 *  on screen next, so it is asked until there is none. A session of a C file in the active
 *  editor is that file's alone: a session of another file (stepped in another group) is not
 *  on screen then, and it outlived this, coming back when its editor became active as the
 *  editors closed, and opening the view in the next test's layout. So each C file open in
 *  VS Code is brought on screen in turn and its session ended. */
export async function closeSessionsAndEditors(): Promise<void> {
  const stop = async () => { while (await vscode.commands.executeCommand<boolean>("forklab.stopSession")) { /* the next one */ } };
  await stop();
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.languageId === "c" && !d.isClosed)) {
    await vscode.window.showTextDocument(doc, { preview: true });
    await stop();
  }
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
