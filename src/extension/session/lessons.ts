// Lessons: the walkthroughs (package.json contributes.walkthroughs) and their data in
// walkthroughs/lessons.json. "Open a lesson" lists them; forklab.answerQuestion steps the
// step's example to the question's moment and asks it in the view (a quick pick only when
// the view cannot be shown), grades the answer and sets forklab.answered.<lesson>.<step>
// on a right one; commands given {lesson, step} set forklab.did.<lesson>.<step> once they
// did their work.
import * as vscode from "vscode";
import { At, lessonPoint, PointedStep } from "../../coach/moments";
import { baseOf } from "../../host/posix-path";
import type { RealDemo } from "../platform/platform";
import { PROTOCOL_VERSION, QUESTION_TABLES, QuestionTable } from "../../contract/protocol";
import type { DescriptorView } from "../view/panel";
import type { Services } from "../services";
import type { Sessions } from "./sessions";

interface Walkthrough { id: string; title: string; description?: string }

export interface Question {
  prompt: string;
  askAt: At;
  choices: Array<{ text: string; why?: string; table?: string }>;
  answer: number;
  explanation: string;
}

interface LessonStep extends PointedStep { id: string; example?: string; scenario?: string | null; question?: Question & { claim?: string } }
interface LessonsFile { lessons: Array<{ id: string; title: string; steps: LessonStep[] }>; demos?: Record<string, RealDemo> }

export interface LessonArgs { lesson?: string; step?: string }

const short = (lesson: string) => lesson.replace(/^forklab\./, "");

let cached: Promise<LessonsFile | undefined> | undefined;

/** walkthroughs/lessons.json, read once (through vscode.workspace.fs: on the web too). */
function lessonsFile(context: vscode.ExtensionContext): Promise<LessonsFile | undefined> {
  cached ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, "walkthroughs", "lessons.json")))
    .then((b) => JSON.parse(new TextDecoder().decode(b)) as LessonsFile, () => undefined);
  return cached;
}

async function lessonStep(context: vscode.ExtensionContext, a: LessonArgs): Promise<LessonStep | undefined> {
  if (!a.lesson || !a.step) return undefined;
  return (await lessonsFile(context))?.lessons.find((l) => l.id === a.lesson)?.steps.find((s) => s.id === a.step);
}

/** The question of a lesson step, if it has one. */
export async function question(context: vscode.ExtensionContext, a: LessonArgs): Promise<Question | undefined> {
  return (await lessonStep(context, a))?.question;
}

/** Where Continue stops after the step's question: the moment its point shows. */
export async function questionPoint(context: vscode.ExtensionContext, a: LessonArgs): Promise<At | undefined> {
  const step = await lessonStep(context, a);
  return step && lessonPoint(step);
}

/** The demos that run an example for real, by id. */
export async function realDemos(context: vscode.ExtensionContext): Promise<Record<string, RealDemo>> {
  return (await lessonsFile(context))?.demos ?? {};
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

export function register(context: vscode.ExtensionContext, { sessions, view }: Services): void {
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
    // With `choice`: grades it (true right, false wrong). Without: asks, in the view once the
    // step's example stands at the question's moment; returns undefined (the answer comes later).
    vscode.commands.registerCommand("forklab.answerQuestion", async (a?: LessonArgs & { choice?: number }): Promise<boolean | undefined> => {
      const q = a && await question(context, a);
      if (!a?.lesson || !a.step || !q) {
        void vscode.window.showInformationMessage("Fork Lab: this step has no question.");
        return undefined;
      }
      const at = { lesson: a.lesson, step: a.step };
      if (typeof a.choice === "number") return grade(view, at, q, a.choice, false);
      const step = await lessonStep(context, at);
      const example = step?.example;
      const key = `${a.lesson}#${a.step}`;
      // forklab.startSession steps to askAt and calls back here to ask (starting is set then).
      if (example && !starting.has(key) && !sessionOn(sessions, example)) {
        starting.add(key);
        try {
          await vscode.commands.executeCommand("forklab.startSession", { example, scenario: step?.scenario ?? undefined, ...at });
        } finally { starting.delete(key); }
        return undefined;
      }
      if (askInView(context, view, at, q)) return undefined;
      const pick = await vscode.window.showQuickPick(q.choices.map((c, i) => ({ label: c.text, i })), { title: q.prompt, placeHolder: "Predict, then step to check" });
      return pick ? grade(view, at, q, pick.i, false) : undefined;
    }),
  );
}

/** Lesson steps whose example forklab.answerQuestion is starting (it asks once started). */
const starting = new Set<string>();

/** The active session steps this example (its file name). */
function sessionOn(sessions: Sessions, example: string): boolean {
  const cur = sessions.active();
  return !!cur && baseOf(cur.uri.path) === baseOf(example);
}

let hearing: DescriptorView | undefined;

/** Asks in the view; false when the view is not open. Answers come back through onAnswer. */
function askInView(context: vscode.ExtensionContext, view: DescriptorView, at: Required<LessonArgs>, q: Question): boolean {
  if (hearing !== view) {
    hearing = view;
    context.subscriptions.push(view.onAnswer(async (m) => {
      const asked = await question(context, m);
      if (asked) await grade(view, { lesson: m.lesson, step: m.step }, asked, m.choice, true);
    }));
  }
  return view.ask({ v: PROTOCOL_VERSION, type: "question", lesson: at.lesson, step: at.step, prompt: q.prompt, choices: q.choices.map((c) => c.text) });
}

/**
 * A right answer completes the step (its context key); the view shows the verdict on the
 * question it asked: the explanation, or the chosen choice's why with its table marked.
 * Outside the view (a quick pick, a test) the verdict is a notification too.
 */
async function grade(view: DescriptorView, at: Required<LessonArgs>, q: Question, choice: number, inView: boolean): Promise<boolean> {
  const c = q.choices[choice];
  if (!c) throw new Error(`forklab.answerQuestion: ${at.lesson} ${at.step} has no choice ${choice}`);
  const correct = choice === q.answer;
  if (correct) await vscode.commands.executeCommand("setContext", `forklab.answered.${short(at.lesson)}.${at.step}`, true);
  const table = (QUESTION_TABLES as readonly string[]).includes(c.table ?? "") ? c.table as QuestionTable : undefined;
  const text = correct ? q.explanation : c.why ?? "That is not what the tables show.";
  view.answered({ v: PROTOCOL_VERSION, type: "verdict", lesson: at.lesson, step: at.step, choice, correct, text, table: correct ? undefined : table });
  if (!inView) {
    if (correct) void vscode.window.showInformationMessage(`Right. ${text}`);
    else void vscode.window.showWarningMessage(`Not quite. ${text}${table ? ` (look at the ${table} table in the view)` : ""}`);
  }
  return correct;
}
