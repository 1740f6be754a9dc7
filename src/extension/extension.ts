// Fork Lab's entry point: wires features and nothing else. Keep it cheap: activation
// must stay under 30 ms, so features load their heavy parts (tree-sitter) on first use.
// A feature lives in src/extension/<feature>/ and exports register(context); add it to
// `features` below and its contributions to package.json.
import * as vscode from "vscode";

const loadedAt = performance.now();

/** The walkthrough's full id: publisher.name#id from package.json. */
export const WALKTHROUGH_ID = "forklab.forklab#forklab.start";

export interface ForkLabApi {
  /** Milliseconds spent in activate(): the cost Fork Lab adds to every activation. */
  activationMs: number;
  /** Milliseconds from this module being evaluated to activate() returning (VS Code's set-up in between). */
  sinceLoadMs: number;
}

type Feature = (context: vscode.ExtensionContext) => void;

const features: Feature[] = [
  (context) => context.subscriptions.push(
    // Not awaited: the message's promise settles only when the learner dismisses it.
    vscode.commands.registerCommand("forklab.hello", () => { void vscode.window.showInformationMessage("Fork Lab is here."); }),
    vscode.commands.registerCommand("forklab.openWalkthrough", () =>
      vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false)),
  ),
];

export function activate(context: vscode.ExtensionContext): ForkLabApi {
  const start = performance.now();
  for (const register of features) register(context);
  const end = performance.now();
  return { activationMs: end - start, sinceLoadMs: end - loadedAt };
}

export function deactivate(): void {
  // Nothing to release: every feature disposes through context.subscriptions.
}
