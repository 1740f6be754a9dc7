// The TaskProvider for `forklab` tasks: build, run the echo server, run clients, stop.
// Each runs the bundled `forklab` command line with the extension host's Node, in a real
// terminal, so the server's stdout is a terminal (line buffered) as when typed by hand.
// Compiled programs run only in a trusted workspace and on platforms that have fork().
import * as vscode from "vscode";
import { platformSupport } from "../../live/platform";
import {
  cliArgs, defaultProgram, ForkLabTaskDefinition, settings, TASK_TYPE, taskName,
} from "./definition";
import { TRUST_MESSAGE } from "../trust";

/** A task that only prints why it cannot run (untrusted workspace, Windows). */
function explain(text: string): vscode.CustomExecution {
  return new vscode.CustomExecution(async () => {
    const done = new vscode.EventEmitter<number>();
    const write = new vscode.EventEmitter<string>();
    return {
      onDidWrite: write.event,
      onDidClose: done.event,
      open: () => { write.fire(`Fork Lab: ${text.replace(/\n/g, "\r\n")}\r\n`); done.fire(1); },
      close: () => undefined,
    };
  });
}

export class ForkLabTaskProvider implements vscode.TaskProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  provideTasks(): vscode.Task[] {
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const program = defaultProgram(folder);
      if (!program) continue;
      for (const task of ["build", "server", "clients", "stop"] as const) {
        tasks.push(this.make({ type: TASK_TYPE, task, program }, folder));
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const d = task.definition as ForkLabTaskDefinition;
    if (d.type !== TASK_TYPE) return undefined;
    const folder = typeof task.scope === "object" ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.make(d, folder) : undefined;
  }

  /** The task for a definition; VS Code wants the very definition object back. */
  make(d: ForkLabTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
    const s = settings(folder);
    const program = d.program ?? defaultProgram(folder) ?? "echoserverp.c";
    const support = platformSupport();
    const runsCode = d.task !== "stop";
    let execution: vscode.ProcessExecution | vscode.CustomExecution;
    if (!support.server) execution = explain(support.why);
    else if (runsCode && !vscode.workspace.isTrusted) execution = explain(TRUST_MESSAGE);
    else {
      execution = new vscode.ProcessExecution(process.execPath,
        [this.context.asAbsolutePath("dist/cli.js"), ...cliArgs(d, s, program)],
        // The extension host's executable is VS Code itself in the desktop app: make it Node.
        { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: "1" } });
    }
    const matchers = d.task === "build" ? ["$gcc"] : d.task === "server" ? ["$forklab-server"] : [];
    const task = new vscode.Task(d, folder, taskName({ ...d, program }, s), TASK_TYPE, execution, matchers);
    if (d.task === "build") task.group = vscode.TaskGroup.Build;
    if (d.task === "server") task.isBackground = true;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: d.task === "server" ? vscode.TaskPanelKind.Dedicated : vscode.TaskPanelKind.Shared, clear: d.task !== "server" };
    return task;
  }
}
