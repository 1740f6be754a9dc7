// The "Start here" feature: a command that opens the walkthrough,
// and opening the walkthrough when `npm start` launched this VS Code (it sets
// FORKLAB_OPEN_WALKTHROUGH=1 in the extension host's environment).
import * as vscode from "vscode";
import { host } from "../platform/host";

/** The walkthrough's full id: publisher.name#id from package.json. */
export const WALKTHROUGH_ID = "forklab.forklab#forklab.start";

function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false);
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("forklab.openWalkthrough", openWalkthrough),
  );
  if (host.env("FORKLAB_OPEN_WALKTHROUGH") === "1") void openWalkthrough();
}
