// Lessons are the extension's walkthroughs (package.json contributes.walkthroughs):
// "Open a lesson" lists them; forklab.answerQuestion opens a lesson's step (the question
// UI itself belongs to the lessons and the view).
import * as vscode from "vscode";

interface Walkthrough { id: string; title: string; description?: string }

function walkthroughs(context: vscode.ExtensionContext): Walkthrough[] {
  const pkg = context.extension.packageJSON as { contributes?: { walkthroughs?: Walkthrough[] } };
  return pkg.contributes?.walkthroughs ?? [];
}

function fullId(context: vscode.ExtensionContext, id: string): string {
  return `${context.extension.id}#${id}`;
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("forklab.openLesson", async (lesson?: string): Promise<boolean> => {
      let id = typeof lesson === "string" ? lesson : undefined;
      if (!id) {
        const pick = await vscode.window.showQuickPick(walkthroughs(context).map((w) => ({ label: w.title, detail: w.description, id: w.id })), { title: "Fork Lab: open a lesson" });
        if (!pick) return false;
        id = pick.id;
      }
      await vscode.commands.executeCommand("workbench.action.openWalkthrough", fullId(context, id), false);
      return true;
    }),
    vscode.commands.registerCommand("forklab.answerQuestion", async (args?: { lesson?: string; step?: string }): Promise<boolean> => {
      if (!args?.lesson) return false;
      const category = fullId(context, args.lesson);
      await vscode.commands.executeCommand("workbench.action.openWalkthrough", args.step ? { category, step: `${category}#${args.step}` } : category, false);
      return true;
    }),
  );
}
