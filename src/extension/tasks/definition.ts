// The `forklab` task type (package.json taskDefinitions), and how each kind of task turns
// into a `forklab` command line run by the extension host's own Node in a terminal.
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CloseMode } from "../../live/clients";

export const TASK_TYPE = "forklab";

export interface ForkLabTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  task: "build" | "server" | "clients" | "stop";
  /** C file relative to the workspace folder; default echoserverp.c or examples/echoserverp.c. */
  program?: string;
  address?: string;
  port?: number;
  clients?: number;
  lines?: string[];
  close?: CloseMode;
  reset?: boolean;
  holdMs?: number;
}

export interface ServerSettings {
  compiler: string;
  address: string;
  port: number;
}

export function settings(folder?: vscode.WorkspaceFolder): ServerSettings {
  const c = vscode.workspace.getConfiguration("forklab", folder);
  return {
    compiler: c.get<string>("compiler") || "cc",
    address: c.get<string>("server.address") || "127.0.0.1",
    port: c.get<number>("server.port") || 15213,
  };
}

/** The echo server's source in this folder, when it has one. */
export function defaultProgram(folder: vscode.WorkspaceFolder): string | undefined {
  return ["echoserverp.c", "examples/echoserverp.c"].find((p) => existsSync(join(folder.uri.fsPath, p)));
}

export const DEFAULT_LINES = ["hello", "fork lab"];

/** The task's label, as the Run Task list shows it after "forklab: ". */
export function taskName(d: ForkLabTaskDefinition, s: ServerSettings): string {
  const where = `${d.address ?? s.address}:${d.port ?? s.port}`;
  switch (d.task) {
    case "build": return `build ${d.program ?? "echoserverp.c"}`;
    case "server": return `run ${d.program ?? "echoserverp.c"} on ${where}`;
    case "clients": return `${d.clients ?? 3} clients to ${where}`;
    case "stop": return `stop the server on ${where}`;
  }
}

/** The `forklab` subcommand and its arguments for a task. */
export function cliArgs(d: ForkLabTaskDefinition, s: ServerSettings, program: string): string[] {
  const address = d.address ?? s.address;
  const port = String(d.port ?? s.port);
  switch (d.task) {
    // The program after "--": a file named like an option stays a file.
    case "build": return ["build", "--cc", s.compiler, "--", program];
    case "server": return ["serve", "--address", address, "--port", port, "--cc", s.compiler, "--", program];
    case "stop": return ["stop", "--address", address, "--port", port];
    case "clients": {
      const args = ["clients", "--host", address, "--port", port, "-n", String(d.clients ?? 3),
        "--close", d.close ?? "one-by-one"];
      for (const l of d.lines ?? DEFAULT_LINES) args.push("--line", l);
      if (d.reset) args.push("--reset");
      if (d.holdMs) args.push("--hold", String(d.holdMs));
      return args;
    }
  }
}
