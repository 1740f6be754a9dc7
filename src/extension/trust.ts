// Workspace trust: whatever compiles or runs the learner's code for real (Compare with
// Linux, the run-for-real demos, the server and client tasks, the live view's helper) runs
// only in a trusted workspace; stepping in the model runs nothing and needs no trust.
import * as vscode from "vscode";

export const TRUST_MESSAGE = "Fork Lab compiles and runs programs only in a trusted workspace. " +
  "Trust this folder (Command Palette: Workspaces: Manage Workspace Trust) and try again.";

/** True in a trusted workspace; else says why nothing runs (with a way to trust) and is false. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = "Manage Workspace Trust";
  void vscode.window.showErrorMessage(`Fork Lab: ${what}: ${TRUST_MESSAGE}`, manage).then((pick) => {
    if (pick === manage) void vscode.commands.executeCommand("workbench.trust.manage");
  });
  return false;
}
