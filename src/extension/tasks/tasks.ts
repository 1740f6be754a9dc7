// The real-run feature: the `forklab` task type and the commands that run its tasks in
// order (build, then server), run clients, stop the server's whole process group, and
// open the live view of the running server.
import * as vscode from "vscode";
import type { Services } from "../services";
import type { LiveSnapshot } from "../../live/livesnapshot";
import { live as liveSide } from "../model";
import { defaultProgram, ForkLabTaskDefinition, settings, TASK_TYPE } from "./definition";
import { compareWithLive } from "./compare";
import { LiveView } from "./liveview";
import { requireTrust } from "../trust";
import { ForkLabTaskProvider } from "./provider";

/** Runs a task and resolves with its process's exit code (undefined if it had none). */
export async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = new Map<vscode.TaskExecution, number | undefined>();
  let mine: vscode.TaskExecution | undefined;
  let resolve!: (code: number | undefined) => void;
  const result = new Promise<number | undefined>((r) => { resolve = r; });
  const sub = vscode.tasks.onDidEndTaskProcess((e) => {
    if (mine && e.execution === mine) resolve(e.exitCode);
    else ended.set(e.execution, e.exitCode);
  });
  try {
    mine = await vscode.tasks.executeTask(task);
    if (ended.has(mine)) return ended.get(mine);
    return await result;
  } finally {
    sub.dispose();
  }
}

function folderOrSay(): vscode.WorkspaceFolder | undefined {
  const folder = vscode.window.activeTextEditor
    ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri)
    : undefined;
  const found = folder ?? vscode.workspace.workspaceFolders?.find((f) => defaultProgram(f));
  if (!found) void vscode.window.showErrorMessage("Fork Lab: open a folder that holds echoserverp.c (the examples folder) first.");
  return found;
}

async function listening(port: number, address: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (liveSide().findServer(port, address) !== undefined) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export function register(context: vscode.ExtensionContext, { view }: Services): void {
  const provider = new ForkLabTaskProvider(context);
  const live = new LiveView(context, view);
  const task = (folder: vscode.WorkspaceFolder, d: Omit<ForkLabTaskDefinition, "type">): vscode.Task =>
    provider.make({ type: TASK_TYPE, ...d } as ForkLabTaskDefinition, folder);

  context.subscriptions.push(
    live,
    vscode.tasks.registerTaskProvider(TASK_TYPE, provider),
    // Build, then (only if it compiled) start the server; resolves once it listens.
    vscode.commands.registerCommand("forklab.server.run", async (): Promise<boolean> => {
      const folder = folderOrSay();
      if (!folder || !requireTrust("running the echo server")) return false;
      const s = settings(folder);
      const built = await runTask(task(folder, { task: "build" }));
      if (built !== 0) {
        const show = "Show Problems";
        void vscode.window.showErrorMessage("Fork Lab: the server did not compile; the errors are in the Problems panel.", show)
          .then((p) => { if (p === show) void vscode.commands.executeCommand("workbench.actions.view.problems"); });
        return false;
      }
      await vscode.tasks.executeTask(task(folder, { task: "server" }));
      if (process.platform !== "linux") return true; // no /proc to confirm it listens
      const up = await listening(s.port, s.address, 10_000);
      if (!up) void vscode.window.showErrorMessage(`Fork Lab: the server is not listening on ${s.address}:${s.port}; its terminal says why.`);
      return up;
    }),
    vscode.commands.registerCommand("forklab.clients.run", async (options?: Partial<ForkLabTaskDefinition>): Promise<number | undefined> => {
      const folder = folderOrSay();
      if (!folder || !requireTrust("running the echo clients")) return undefined;
      return runTask(task(folder, { ...options, task: "clients" }));
    }),
    vscode.commands.registerCommand("forklab.server.stop", async (): Promise<number | undefined> => {
      const folder = folderOrSay();
      if (!folder) return undefined;
      live.stop();
      return runTask(task(folder, { task: "stop" }));
    }),
    // The live view builds and runs a small helper that reads /proc.
    vscode.commands.registerCommand("forklab.live.open", async (): Promise<boolean> => requireTrust("the live view") && live.start(folderOrSay())),
    vscode.commands.registerCommand("forklab.live.stop", () => live.stop()),
    vscode.commands.registerCommand("forklab.live.compare", async () => {
      const folder = folderOrSay();
      return folder && requireTrust("comparing with the live server") ? compareWithLive(context, folder) : undefined;
    }),
    // For tests and other features: the live view's latest snapshot (undefined when not watching).
    vscode.commands.registerCommand("forklab.live.snapshot", (): LiveSnapshot | undefined => (live.running ? live.latest : undefined)),
  );
}
