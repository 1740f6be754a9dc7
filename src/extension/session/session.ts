// The stepping feature: the commands that start, step and stop the sessions (one per C
// file, sessions.ts). The editor features that show a session, the demos, the lessons and
// the Linux comparison are features of their own, wired in extension.ts.
import * as vscode from "vscode";
import type { Services } from "../services";
import { registerCommands } from "./commands";

export function register(context: vscode.ExtensionContext, { sessions }: Services): void {
  registerCommands(context, sessions);
}
