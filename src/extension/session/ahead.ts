// Getting ready for Start Stepping before the learner asks. Once a C file is on screen, the
// model's worker starts and warms up (the parser loaded, the C front end and the interpreter
// run once on a small program: host/worker-client.ts warm) and, on the web, the file's folder
// is read (platform/folders.ts): the first Start Stepping then only compiles the file and
// draws. Activation itself does none of it (it only listens), and a window with no C file on
// screen, where no one steps, starts nothing.
import * as vscode from "vscode";
import type { Services } from "../services";
import { cSource } from "./sessions";

export function register(context: vscode.ExtensionContext, { sessions }: Services): void {
  const readying = new Set<string>();
  const look = () => {
    for (const ed of vscode.window.visibleTextEditors) {
      const k = ed.document.uri.toString();
      if (!cSource(ed.document) || readying.has(k)) continue;
      readying.add(k);
      // Once per file; the folder's copy kept meanwhile is the folders' own to keep fresh.
      void sessions.ahead(ed.document.uri).catch(() => readying.delete(k));
    }
  };
  // After activate() returns: a C file that activated Fork Lab is on screen already.
  const soon = setTimeout(look, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(soon) }, vscode.window.onDidChangeVisibleTextEditors(look));
}
