// The stepping feature: one Session per C file (sessions.ts), its commands, the editor
// features that show it (src/extension/editor), the demos, lessons and Linux comparison.
import * as vscode from "vscode";
import * as demos from "../demos/demos";
import * as editor from "../editor/editor";
import { registerCommands } from "./commands";
import * as lessons from "./lessons";
import * as linux from "./linux";
import { Sessions } from "./sessions";

export function register(context: vscode.ExtensionContext): void {
  const sessions = new Sessions(context);
  context.subscriptions.push(sessions);
  registerCommands(context, sessions);
  editor.register(context, sessions);
  demos.register(context, sessions);
  linux.register(context, sessions);
  lessons.register(context);
}
