// Model and reality side by side in VS Code: hold the same clients on the running server
// and in the model, and show what each one's tables say, row by row, in a Markdown
// preview beside the live view.
import { join } from "node:path";
import * as vscode from "vscode";
import type { CompareRow } from "../../live/compare";
import { platformSupport } from "../../live/platform";
import { live } from "../model";
import { modelWorker } from "../../host/worker-client";
import { DEFAULT_LINES, defaultProgram, settings } from "./definition";

export function markdownTable(rows: CompareRow[], title: string): string {
  const cell = (t: string) => t.replace(/\|/g, "\\|");
  const same = rows.filter((r) => r.same).length;
  return [`# ${title}`, "", `${same} of ${rows.length} rows agree. ≠ marks where the model and /proc differ.`, "",
    "| | who | what | model | live (/proc) |", "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.same ? "" : "≠"} | ${r.who} | ${r.what} | ${cell(r.model)} | ${cell(r.live)} |`), ""].join("\n");
}

/** Runs the comparison with two clients sending the default lines; shows and returns the rows. */
export async function compareWithLive(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder): Promise<CompareRow[] | undefined> {
  const support = platformSupport();
  if (!support.live) { void vscode.window.showWarningMessage(`Fork Lab: ${support.why}`); return undefined; }
  const program = defaultProgram(folder);
  if (!program) { void vscode.window.showErrorMessage("Fork Lab: this folder has no echoserverp.c to compare."); return undefined; }
  const s = settings(folder);
  const { LiveSource, compareWithModel } = live();
  const source = await LiveSource.open({ port: s.port, address: s.address, cacheDir: context.globalStorageUri.fsPath, compiler: s.compiler });
  try {
    const rows = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Fork Lab: model and live server, same clients" },
      () => compareWithModel(source, { file: join(folder.uri.fsPath, program), port: s.port, clients: 2, lines: DEFAULT_LINES },
        (file, scenario) => modelWorker().atRest(file, scenario)));
    const doc = await vscode.workspace.openTextDocument({ language: "markdown",
      content: markdownTable(rows, `${program}: the model next to the real server (2 clients)`) });
    await vscode.commands.executeCommand("markdown.showPreviewToSide", doc.uri);
    return rows;
  } catch (e) {
    void vscode.window.showErrorMessage(`Fork Lab: comparing with the live server: ${(e as Error).message}`);
    return undefined;
  } finally {
    source.close();
  }
}
