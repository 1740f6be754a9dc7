// The stepping commands (palette category "Fork Lab", lenses, keybindings, lessons):
// start/stop, step, back, continue, run to a line, step a chosen process, clients,
// signals, the view, and the hooks lessons call (openExample, startSession).
import * as vscode from "vscode";
import type { Proc, Snapshot } from "../../contract/snapshot";
import { whyNotStep } from "../../contract/unblock";
import type { Scenario } from "../../contract/scenario";
import type { Outcome } from "../../session/stepper";
import { roleOf } from "../../coach/lenses";
import { baseOf } from "../../host/posix-path";
import { VIEW_SIGNALS } from "../../contract/protocol";
import type { Command } from "../../host/worker/protocol";
import { openExample, revealRunning } from "./examples";
import { LessonArgs, markDone, question, questionPoint } from "./lessons";
import { EditorSession, Sessions, cLanguage, settings } from "./sessions";
import { joinCommandLine, splitCommandLine } from "./cmdline";
import { stopChoice } from "./stop-choice";

export interface StartArgs extends LessonArgs {
  example?: string;
  /** A file by its path or URI (a learner's own server), instead of an example. On the web
   *  a path names a file of the file system the workspace is on only as a URI. */
  file?: string | vscode.Uri;
  scenario?: string | Scenario;
  /** Step to this history step once started (a failed check's moment). */
  atStep?: number;
}

/** What forklab.session.current returns (tests, lessons). */
export interface SessionState {
  file: string;
  index: number;
  snapshot: Snapshot;
  ended?: string;
  stale: boolean;
  mainPid: number;
  scenario?: string;
  /** Every Snapshot up to the current one, when asked for with { history: true }. */
  history?: readonly Snapshot[];
  /** Every recorded Snapshot (the history, then the recorded future after a step back),
   *  when asked for with { timeline: true }. */
  timeline?: readonly Snapshot[];
  /** A command runs in the model now (Continue, Run to...): Stop interrupts it. */
  running: boolean;
}

/** Keep the learner's eye on the process that just ran. */
function follow(s: EditorSession | undefined): void {
  const ed = vscode.window.activeTextEditor;
  if (!s || !ed || ed.document.uri.toString() !== s.uri.toString()) return;
  revealRunning(ed, s.model.current, s.model.mainPid);
}

/** Step which process? Those that can run a line first; the blocked and stopped ones
 *  after a separator, each with why it cannot run now (a QuickPick has no disabled items). */
async function pickProcessToStep(s: EditorSession): Promise<{ pid: number; why?: string } | undefined> {
  const snap = s.model.current;
  const item = (p: Proc) => {
    const why = whyNotStep(p, snap);
    return { label: `${why ? "$(circle-slash) " : ""}pid ${p.pid}`, description: `${roleOf(snap, p, s.model.mainPid)} · line ${p.line ?? "?"}`,
      detail: why ? `Cannot step now: ${why}` : `runs line ${p.line ?? "?"} next`, pid: p.pid, why };
  };
  const live = snap.processes.filter((p) => p.kind === "program" && p.state !== "zombie").map(item);
  const ready = live.filter((i) => !i.why);
  const waiting = live.filter((i) => i.why);
  const items: Array<vscode.QuickPickItem & { pid?: number; why?: string }> = [...ready,
    ...(waiting.length ? [{ label: "blocked or stopped: cannot step now", kind: vscode.QuickPickItemKind.Separator }, ...waiting] : [])];
  const pick = await vscode.window.showQuickPick(items, { title: "Fork Lab: step which process?",
    placeHolder: ready.length ? "Each process runs its own next line" : "No process can run a line now: each waits for something" });
  return pick?.pid === undefined ? undefined : { pid: pick.pid, why: pick.why };
}

export function registerCommands(context: vscode.ExtensionContext, sessions: Sessions): void {
  /** A command on the active session (the same perform() the view's buttons use). */
  const act = async (command: Command, title?: string): Promise<Outcome> => {
    const s = sessions.active();
    const r = await sessions.perform(s, command, { title });
    sessions.afterView("follow", () => follow(s));
    return r;
  };

  /** Whether `doc` is a C file to step; when not, the learner is told so. */
  function steppable(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
    if (cLanguage(doc)) return true;
    void vscode.window.showInformationMessage("Fork Lab: open a C file to step it.");
    return false;
  }

  /** `argv`: the command line to start with (argv[1..]); by default, for the learner's own
   *  file started plainly, the one last given for it. */
  async function start(args?: StartArgs | vscode.Uri, argv?: readonly string[]): Promise<EditorSession | undefined> {
    let doc: vscode.TextDocument | undefined;
    let scenario: string | Scenario | undefined;
    if (args instanceof vscode.Uri) doc = await vscode.workspace.openTextDocument(args);
    else if (args?.example) {
      const ed = await openExample(context, args.example);
      doc = ed?.document;
      scenario = args.scenario;
      if (!doc) return undefined;
    } else if (args?.file) {
      doc = await (typeof args.file === "string" ? vscode.workspace.openTextDocument(args.file) : vscode.workspace.openTextDocument(args.file));
      scenario = args.scenario;
    } else doc = vscode.window.activeTextEditor?.document;
    if (!steppable(doc)) return undefined;
    if (!vscode.window.visibleTextEditors.some((e) => e.document === doc)) await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    return sessions.start(doc, scenario, argv ?? (scenario === undefined ? sessions.commandLine(doc.uri) : undefined));
  }

  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg("forklab.startSession", async (args?: StartArgs | vscode.Uri): Promise<boolean> => {
    const s = await start(args);
    if (!s || args instanceof vscode.Uri) return !!s;
    const at = args?.atStep;
    if (at !== undefined) {
      await sessions.perform(s, { kind: "runTo", at: { step: at }, limit: at + 1 }, { quiet: true });
      follow(s);
    }
    // A lesson step with a question: step to the moment it asks about, then ask.
    const q = args && await question(context, args);
    if (q) {
      await sessions.perform(s, { kind: "runTo", at: q.askAt, limit: settings().maxSteps }, { quiet: true, title: "Fork Lab: stepping to the question" });
      follow(s);
      // Once answered, Continue stops where the answer shows, not at the end of the run.
      s.lessonPoint = await questionPoint(context, args);
      void vscode.commands.executeCommand("forklab.answerQuestion", { lesson: args!.lesson, step: args!.step });
    } else markDone(args);
    return true;
  });
  reg("forklab.restartSession", async (): Promise<boolean> => {
    const s = sessions.active();
    if (!s) return !!(await start());
    const doc = await vscode.workspace.openTextDocument(s.uri);
    return !!(await sessions.restart(doc, s));
  });
  // As a shell would run it: `prog ARGS`. The line is kept for the file and used again by
  // Start Stepping and Restart. `given`: the line itself (a link or a test), not asked for.
  reg("forklab.startSessionWithArgs", async (uri?: vscode.Uri, given?: string): Promise<boolean> => {
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!steppable(doc)) return false;
    const name = baseOf(doc.uri.path).replace(/\.c$/, "");
    const last = sessions.commandLine(doc.uri) ?? sessions.get(doc.uri)?.scenario.argv;
    const line = typeof given === "string" ? given : await vscode.window.showInputBox({
      title: `Fork Lab: start ${name} with arguments`,
      prompt: `What follows the program's name on its command line: argv[1], argv[2], … (as in a shell: ./${name} 15213)`,
      placeHolder: "for example 15213",
      value: last ? joinCommandLine(last) : "",
      validateInput: (v) => { const w = splitCommandLine(v); return "error" in w ? `Cannot split it: ${w.error}.` : undefined; },
    });
    if (line === undefined) return false;
    const argv = splitCommandLine(line);
    if ("error" in argv) {
      void vscode.window.showErrorMessage(`Fork Lab: cannot split the command line: ${argv.error}.`);
      return false;
    }
    await sessions.setCommandLine(doc.uri, argv);
    return !!(await start(doc.uri, argv));
  });
  // The file in front's session, as always; from anywhere else (another file in front, the
  // view or a README focused) the one session there is, or the learner's pick of them: a
  // session whose file is out of sight, its tab closed even, must still be reachable.
  // `uri`: that file's session (the editor title's button passes its file).
  reg("forklab.stopSession", async (uri?: vscode.Uri): Promise<boolean> => {
    const tell = (text: string) => void vscode.window.showInformationMessage(`Fork Lab: ${text}.`);
    const end = (s: EditorSession, said?: string): true => {
      const step = s.model.current.step;
      sessions.stop(s);
      if (said !== undefined) tell(`${said}stopped stepping ${baseOf(s.uri.path)} at step ${step}`);
      return true;
    };
    if (uri instanceof vscode.Uri) {
      const s = sessions.get(uri);
      if (!s) tell(`${baseOf(uri.path)} has no session; nothing was stopped`);
      return !!s && end(s);
    }
    const doc = vscode.window.activeTextEditor?.document;
    const front = cLanguage(doc) ? doc.uri : undefined;
    const noneHere = front ? `${baseOf(front.path)} has no session; ` : "";
    const choice = stopChoice(front?.toString(), sessions.running());
    const byKey = (k: string) => sessions.all().find((s) => s.uri.toString() === k);
    switch (choice.kind) {
      case "none":
        // Stop is offered only while a session runs (the palette, the lenses, the title bar).
        return false;
      case "this":
        return end(byKey(choice.key)!);
      case "only":
        return end(byKey(choice.key)!, noneHere);
    }
    const pick = await vscode.window.showQuickPick(choice.items, { title: "Fork Lab: stop stepping which file?",
      placeHolder: `${noneHere}Each file being stepped has its own session: pick the one to end` });
    if (!pick) return false;
    const s = byKey(pick.key);
    if (!s) tell(`${pick.label}'s session had already ended`);
    return !!s && end(s, "");
  });
  // Interrupts a running Continue / Run to..., keeping the session and every step it made.
  reg("forklab.stopRun", async (): Promise<string> => sessions.stopRun());
  // Stepping on waits for a prediction when a question is open in this session.
  const ahead = async (command: Command, title?: string): Promise<Outcome> =>
    sessions.mustPredict(sessions.active()) ? { ok: false, message: "answer the question first (or skip it)" } : act(command, title);
  reg("forklab.step", () => ahead({ kind: "step" }));
  reg("forklab.stepBack", () => act({ kind: "back" }));
  reg("forklab.continue", () => {
    const s = sessions.active();
    if (!s?.lessonPoint || sessions.mustPredict(s)) return ahead({ kind: "continue", limit: settings().maxSteps }, "Fork Lab: continuing");
    const to = s.lessonPoint;
    s.lessonPoint = undefined;
    return act({ kind: "continue", limit: settings().maxSteps, to }, "Fork Lab: continuing");
  });
  reg("forklab.runToEnd", async (): Promise<Outcome> => {
    // The file on screen with no session (or none on screen): start it, then run it.
    if (!sessions.active()) {
      if (!(await start())) return { ok: false, message: "nothing to run" };
    }
    return ahead({ kind: "continue", limit: settings().maxSteps }, "Fork Lab: running to the end");
  });
  reg("forklab.runToLine", async (line?: number): Promise<Outcome> => {
    const ed = vscode.window.activeTextEditor;
    const target = typeof line === "number" ? line : ed ? ed.selection.active.line + 1 : undefined;
    if (target === undefined) return { ok: false, message: "no line" };
    return ahead({ kind: "runToLine", line: target, limit: settings().maxSteps }, `Fork Lab: running to line ${target}`);
  });
  reg("forklab.stepProcess", async (pid?: number): Promise<Outcome> => {
    const s = sessions.active();
    if (s && typeof pid !== "number") {
      const pick = await pickProcessToStep(s);
      if (!pick) return { ok: false, message: "cancelled" };
      if (pick.why) {
        // Listed so the learner sees why it cannot run; picking it steps nothing.
        void vscode.window.showInformationMessage(`Fork Lab: ${pick.why}.`);
        return { ok: false, message: pick.why };
      }
      pid = pick.pid;
    }
    return ahead({ kind: "step", pid });
  });
  reg("forklab.connectClient", (lines?: string[]) => act({ kind: "connect", lines: Array.isArray(lines) ? lines.map(String) : settings().clientLines }));
  reg("forklab.sendLine", async (client?: number, line?: string): Promise<Outcome> => {
    const s = sessions.active();
    if (s && typeof client !== "number") {
      const open = await sessions.clients(s);
      const pick = open.length === 1 ? { pid: open[0].pid } : await vscode.window.showQuickPick(open.map((c) => ({ label: `client pid ${c.pid}`, pid: c.pid })), { title: "Fork Lab: which client sends?" });
      if (!pick) return { ok: false, message: "no client is connected" };
      client = pick.pid;
    }
    if (s && typeof line !== "string") line = await vscode.window.showInputBox({ title: "Fork Lab: the line the client sends", value: "hello" });
    if (typeof client !== "number" || typeof line !== "string") return { ok: false, message: "cancelled" };
    return act({ kind: "send", client, line });
  });
  reg("forklab.closeClients", () => act({ kind: "close", client: "all" }));
  reg("forklab.sendSignal", async (pid?: number, signal?: string): Promise<Outcome> => {
    const s = sessions.active();
    if (s && typeof pid !== "number") {
      const snap = s.model.current;
      const pick = await vscode.window.showQuickPick(snap.processes.filter((p) => p.kind === "program" && p.state !== "zombie")
        .map((p) => ({ label: `pid ${p.pid}`, description: roleOf(snap, p, s.model.mainPid), pid: p.pid })), { title: "Fork Lab: send a signal to which process?" });
      if (!pick) return { ok: false, message: "cancelled" };
      pid = pick.pid;
    }
    if (s && typeof signal !== "string") {
      signal = await vscode.window.showQuickPick([...VIEW_SIGNALS], { title: `Fork Lab: which signal for pid ${pid}?` });
      if (!signal) return { ok: false, message: "cancelled" };
    }
    return act({ kind: "signal", pid: pid!, signal: signal! });
  });
  reg("forklab.openView", (): boolean => {
    const s = sessions.active();
    if (s) sessions.update(s);
    else {
      void vscode.commands.executeCommand("forklab.view.show");
      // What the view may still show is another file's, or nothing: say so, with a way to start.
      sessions.noSession();
    }
    return !!s;
  });
  reg("forklab.openExample", async (args?: { example?: string; line?: number } & LessonArgs): Promise<boolean> => {
    const name = args?.example;
    if (!name) {
      const files = await vscode.workspace.findFiles("**/*.c", "**/node_modules/**", 200);
      const pick = await vscode.window.showQuickPick(files.map((f) => ({ label: baseOf(f.path), uri: f })), { title: "Fork Lab: open an example" });
      if (!pick) return false;
      await vscode.window.showTextDocument(pick.uri);
      return true;
    }
    const ed = await openExample(context, name, args?.line);
    if (ed && args?.line) {
      const range = ed.document.lineAt(Math.min(ed.document.lineCount - 1, args.line - 1)).range;
      ed.selection = new vscode.Selection(range.start, range.end);
    }
    if (ed) markDone(args);
    return !!ed;
  });
  // For tests and lessons: the active session's state, as the view was last given it.
  reg("forklab.session.current", (opts?: { history?: boolean; timeline?: boolean }): SessionState | undefined => {
    const s = sessions.active();
    if (!s) return undefined;
    const m = s.model;
    return { file: s.uri.fsPath, index: m.index, snapshot: m.current, ended: m.ended, stale: s.stale,
      mainPid: m.mainPid, scenario: s.scenarioName, history: opts?.history ? m.history : undefined,
      timeline: opts?.timeline ? m.timeline : undefined, running: s.busy > 0 };
  });
}
