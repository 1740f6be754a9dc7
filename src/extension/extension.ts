// Fork Lab's entry point: wires features and nothing else. Keep it cheap: activation
// must stay under 30 ms, so features load their heavy parts (tree-sitter) on first use.
import * as vscode from "vscode";

const loadedAt = performance.now();

export interface ForkLabApi {
  /** Milliseconds from this module being loaded to activate() returning. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ForkLabApi {
  context.subscriptions.push(
    vscode.commands.registerCommand("forklab.hello", () => vscode.window.showInformationMessage("Fork Lab is here.")),
  );
  return { activationMs: performance.now() - loadedAt };
}

export function deactivate(): void {
  // Nothing to release: every feature disposes through context.subscriptions.
}
