// The "Start here" feature: a greeting command, a command that opens the walkthrough,
// and opening the walkthrough when `npm start` launched this VS Code (it sets
// FORKLAB_OPEN_WALKTHROUGH=1 in the extension host's environment).
import * as vscode from "vscode";

/** The walkthrough's full id: publisher.name#id from package.json. */
export const WALKTHROUGH_ID = "forklab.forklab#forklab.start";

function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false);
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    // Not awaited: the message's promise settles only when the learner dismisses it.
    vscode.commands.registerCommand("forklab.hello", () => { void vscode.window.showInformationMessage("Fork Lab is here."); }),
    vscode.commands.registerCommand("forklab.openWalkthrough", openWalkthrough),
  );
  if (process.env.FORKLAB_OPEN_WALKTHROUGH === "1") void openWalkthrough();
}
