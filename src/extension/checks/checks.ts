// "Fork Lab checks" in the Test Explorer: a C server (any C file that listens, or an
// exercise starter) lists the checks of `forklab check`; the play button runs them through
// the platform's runner (runner.ts): on the desktop `forklab check` in a child process,
// model and real halves, never in the editor's thread; on the web the model half in the
// model's worker. Each failure has a message and the line where it shows in the model;
// "Show in Fork Lab" opens the view at that step. The same glue on every platform.
import * as vscode from "vscode";
import { CHECK_IDS, CHECK_TITLES, type CheckId } from "../../coach/check/checks";
import { checkScenario, MODEL_PORT } from "../../coach/check/scenarios";
import { ECHO, SCHEDULE } from "../../coach/check/exercises";
import { listensInSource } from "../../contract/scenario";
import { baseOf } from "../../host/posix-path";
import { host } from "../platform/host";
import { cLanguage } from "../session/sessions";
import { openExercise } from "./exercise";

/** What the last run found, per file: the tests and the walkthrough read it. */
export interface CheckState { file: string; /** The file's URI (on the web, of a remote or virtual file system). */ uri: string; exercise: string; realHalf: boolean; note?: string; checks: Array<{ id: CheckId; state: "passed" | "failed" | "errored" | "unknown"; message?: string; line?: number; step?: number }> }

/** A C server: a C file that listens (the checks give it its port as argv[1]). */
const isServer = (doc: vscode.TextDocument): boolean => cLanguage(doc) && listensInSource(doc.getText());

const exerciseOf = (doc: { uri: vscode.Uri; getText(): string }): "echo" | "schedule" => (/schedule/i.test(baseOf(doc.uri.path)) || /schedule\.txt/.test(doc.getText()) ? "schedule" : "echo");

/** C files the Test Explorer looks through when it opens (the rest appear once opened). */
const SCAN_LIMIT = 200;

export function register(context: vscode.ExtensionContext): void {
  const controller = vscode.tests.createTestController("forklab.checks", "Fork Lab checks");
  context.subscriptions.push(controller);
  const state = new Map<string, CheckState>();
  /** Files whose last run had no real half (the Test Explorer says "model only" on them). */
  const modelOnly = new Set<string>();

  const fileItem = (doc: { uri: vscode.Uri; getText(): string }): vscode.TestItem => {
    const id = doc.uri.toString();
    let item = controller.items.get(id);
    if (!item) {
      item = controller.createTestItem(id, baseOf(doc.uri.path), doc.uri);
      for (const check of CHECK_IDS) {
        const child = controller.createTestItem(check, check, doc.uri);
        child.description = CHECK_TITLES[check];
        item.children.add(child);
      }
      controller.items.add(item);
    }
    item.description = `${exerciseOf(doc)} exercise${modelOnly.has(id) ? " · model only" : ""}`;
    return item;
  };
  const watch = (doc: vscode.TextDocument) => { if (isServer(doc)) fileItem(doc); };
  // The Test Explorer opened: list the workspace's servers, not only the open ones.
  controller.resolveHandler = async (item) => {
    if (item) return;
    for (const uri of await vscode.workspace.findFiles("**/*.c", "**/node_modules/**", SCAN_LIMIT)) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (listensInSource(text)) fileItem({ uri, getText: () => text });
    }
  };
  vscode.workspace.textDocuments.forEach(watch);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(watch), vscode.workspace.onDidSaveTextDocument(watch));

  const runFile = async (run: vscode.TestRun, item: vscode.TestItem, only: vscode.TestItem[], token: vscode.CancellationToken): Promise<void> => {
    const doc = await vscode.workspace.openTextDocument(item.uri!);
    if (doc.isDirty) await doc.save();
    const exercise = exerciseOf(doc);
    for (const t of only) run.started(t);
    const out = (text: string) => run.appendOutput(text.replace(/\r?\n/g, "\r\n"));
    const job = { file: doc.uri.fsPath, text: doc.getText(), exercise, only: only.map((t) => t.id as CheckId) };
    const { report, noRealHalf: why } = await host.checks(context, job, out, token);
    if (why) out(`${why}\n`);
    if (why) modelOnly.add(item.id); else modelOnly.delete(item.id);
    fileItem(doc);
    const record: CheckState = { file: doc.uri.fsPath, uri: doc.uri.toString(), exercise, realHalf: !why, note: why, checks: [] };
    for (const t of only) {
      const r = report?.checks.find((c) => c.id === t.id);
      if (!report || report.cannotRun || !r) {
        const msg = report?.cannotRun ?? (token.isCancellationRequested ? "cancelled" : "forklab check gave no result; see the output");
        run.errored(t, new vscode.TestMessage(msg));
        record.checks.push({ id: t.id as CheckId, state: "errored", message: msg });
        continue;
      }
      if (r.ok) {
        run.passed(t);
        record.checks.push({ id: r.id, state: "passed" });
        continue;
      }
      const messages: vscode.TestMessage[] = [];
      const where = r.model && !r.model.ok ? r.model.where : undefined;
      if (r.model && !r.model.ok) {
        const m = new vscode.TestMessage(`model: ${r.model.message}`);
        if (where?.line) m.location = new vscode.Location(doc.uri, new vscode.Position(where.line - 1, 0));
        m.contextValue = "forklab.checkFailure";
        messages.push(m);
      }
      if (r.real && !r.real.ok) messages.push(new vscode.TestMessage(`real: ${r.real.message}${(r.real.evidence ?? []).map((e) => `\n  ${e}`).join("")}`));
      run.failed(t, messages);
      record.checks.push({ id: r.id, state: "failed", message: r.message, line: where?.line, step: where?.step });
    }
    state.set(doc.uri.fsPath, record);
    const all = record.checks.length === CHECK_IDS.length && record.checks.every((c) => c.state === "passed");
    if (all) void vscode.commands.executeCommand("setContext", `forklab.check.passed.${exercise}`, true);
  };

  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
    const run = controller.createTestRun(request);
    const byFile = new Map<vscode.TestItem, vscode.TestItem[]>();
    const wanted = request.include ?? [...iterate(controller.items)];
    for (const t of wanted) {
      const file = t.parent ?? t;
      const checks = t.parent ? [t] : [...iterate(t.children)];
      byFile.set(file, [...(byFile.get(file) ?? []), ...checks.filter((c) => !request.exclude?.includes(c))]);
    }
    for (const [file, checks] of byFile) if (!token.isCancellationRequested) await runFile(run, file, checks, token);
    run.end();
  };
  controller.createRunProfile("Run Fork Lab checks", vscode.TestRunProfileKind.Run, runHandler, true);

  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  /** Runs the checks of a file (the active editor's by default) and returns what they found. */
  reg("forklab.check.run", async (uri?: vscode.Uri): Promise<CheckState | undefined> => {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !isServer(doc)) {
      void vscode.window.showInformationMessage("Fork Lab: open a C server (a file that listens) to check it.");
      return undefined;
    }
    const item = fileItem(doc);
    await runHandler(new vscode.TestRunRequest([item]), new vscode.CancellationTokenSource().token);
    return state.get(doc.uri.fsPath);
  });
  reg("forklab.check.state", (uri?: vscode.Uri): CheckState | undefined => state.get((uri ?? vscode.window.activeTextEditor?.document.uri)?.fsPath ?? ""));
  reg("forklab.check.list", (): Array<{ file: string; checks: string[] }> =>
    [...iterate(controller.items)].map((f) => ({ file: f.uri!.fsPath, checks: [...iterate(f.children)].map((c) => c.id) })));
  /** Opens the view at the step where a failed check shows, by replaying the check's clients. */
  reg("forklab.check.showFailure", async (arg?: { test?: vscode.TestItem } | { file: string; check: CheckId }): Promise<boolean> => {
    const test = arg && "test" in arg ? arg.test : undefined;
    const file = test?.uri?.fsPath ?? (arg && "file" in arg ? arg.file : vscode.window.activeTextEditor?.document.uri.fsPath);
    const record = file ? state.get(file) : undefined;
    const id = test?.id ?? (arg && "check" in arg ? arg.check : undefined);
    const failed = record?.checks.find((c) => c.state === "failed" && c.step !== undefined && (!id || c.id === id));
    if (!record || !failed) {
      void vscode.window.showInformationMessage("Fork Lab: no failed check with a step to show; run the checks first.");
      return false;
    }
    const scenario = checkScenario(failed.id, record.exercise === "schedule" ? SCHEDULE : ECHO, MODEL_PORT);
    return !!(await vscode.commands.executeCommand<boolean>("forklab.startSession", { file: vscode.Uri.parse(record.uri), scenario, atStep: failed.step }));
  });
  reg("forklab.check.openExercise", (arg?: { exercise?: string }) => openExercise(context, arg?.exercise === "schedule" ? "schedule" : "echo"));
}

function* iterate(c: vscode.TestItemCollection): Generator<vscode.TestItem> {
  const items: vscode.TestItem[] = [];
  c.forEach((t) => items.push(t));
  yield* items;
}
