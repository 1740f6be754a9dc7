// Lessons: the walkthroughs (package.json contributes.walkthroughs) and their data in
// walkthroughs/lessons.json. "Open a lesson" lists them; forklab.answerQuestion asks a
// step's question (a quick pick) and sets forklab.answered.<lesson>.<step> on a right
// answer; commands given {lesson, step} set forklab.did.<lesson>.<step> once they did their work.
import { existsSync, readFileSync } from "node:fs";
import * as vscode from "vscode";
import type { At } from "../../session/moments";

interface Walkthrough { id: string; title: string; description?: string }

export interface Question {
  prompt: string;
  askAt: At;
  choices: Array<{ text: string; why?: string; table?: string }>;
  answer: number;
  explanation: string;
}

interface LessonStep { id: string; question?: Question }
interface LessonsFile { lessons: Array<{ id: string; title: string; steps: LessonStep[] }> }

export interface LessonArgs { lesson?: string; step?: string }

const short = (lesson: string) => lesson.replace(/^forklab\./, "");

let cached: LessonsFile | undefined;

function lessonsFile(context: vscode.ExtensionContext): LessonsFile | undefined {
  if (cached) return cached;
  const p = vscode.Uri.joinPath(context.extensionUri, "walkthroughs", "lessons.json").fsPath;
  if (!existsSync(p)) return undefined;
  cached = JSON.parse(readFileSync(p, "utf8")) as LessonsFile;
  return cached;
}

/** The question of a lesson step, if it has one. */
export function question(context: vscode.ExtensionContext, a: LessonArgs): Question | undefined {
  if (!a.lesson || !a.step) return undefined;
  return lessonsFile(context)?.lessons.find((l) => l.id === a.lesson)?.steps.find((s) => s.id === a.step)?.question;
}

/** The command did its work for this lesson step: complete the step. */
export function markDone(a: LessonArgs | undefined): void {
  if (a?.lesson && a.step) void vscode.commands.executeCommand("setContext", `forklab.did.${short(a.lesson)}.${a.step}`, true);
}

function walkthroughs(context: vscode.ExtensionContext): Walkthrough[] {
  const pkg = context.extension.packageJSON as { contributes?: { walkthroughs?: Walkthrough[] } };
  return pkg.contributes?.walkthroughs ?? [];
}

const fullId = (context: vscode.ExtensionContext, id: string) => `${context.extension.id}#${id}`;

/**
 * Lesson links to the real server (forklab.startRealServer, forklab.openLiveView) belong to
 * the tasks feature, which offers forklab.server.run and forklab.live.open. Until it
 * registers the lesson ids itself, they forward there; checked after activation so the
 * two never collide.
 */
function forwardRealServerLinks(context: vscode.ExtensionContext): void {
  const links: Array<[string, string]> = [["forklab.startRealServer", "forklab.server.run"], ["forklab.openLiveView", "forklab.live.open"]];
  setTimeout(() => void vscode.commands.getCommands(true).then((have) => {
    for (const [id, target] of links) {
      if (have.includes(id) || !have.includes(target)) continue;
      context.subscriptions.push(vscode.commands.registerCommand(id, async (a?: LessonArgs) => {
        const r = await vscode.commands.executeCommand(target);
        if (r !== false && r !== undefined) markDone(a);
        return r;
      }));
    }
  }), 0);
}

export function register(context: vscode.ExtensionContext): void {
  forwardRealServerLinks(context);
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
    // Returns true for a right answer, false for a wrong one, undefined when nothing was asked.
    vscode.commands.registerCommand("forklab.answerQuestion", async (a?: LessonArgs & { choice?: number }): Promise<boolean | undefined> => {
      const q = a && question(context, a);
      if (!a?.lesson || !a.step || !q) {
        void vscode.window.showInformationMessage("Fork Lab: this step has no question.");
        return undefined;
      }
      let choice = a.choice;
      if (choice === undefined) {
        const pick = await vscode.window.showQuickPick(q.choices.map((c, i) => ({ label: c.text, i })), { title: q.prompt, placeHolder: "Predict, then step to check" });
        if (!pick) return undefined;
        choice = pick.i;
      }
      if (choice === q.answer) {
        void vscode.commands.executeCommand("setContext", `forklab.answered.${short(a.lesson)}.${a.step}`, true);
        void vscode.window.showInformationMessage(`Right. ${q.explanation}`);
        return true;
      }
      const c = q.choices[choice];
      void vscode.window.showWarningMessage(`Not quite. ${c?.why ?? ""}${c?.table ? ` (look at the ${c.table} table in the view)` : ""}`);
      return false;
    }),
  );
}
