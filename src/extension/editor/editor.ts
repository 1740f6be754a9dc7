// The editor feature: code lenses, pid-coloured decorations, hovers with table effects,
// the status bar item and context keys, all driven by the sessions' onDidChange.
import * as vscode from "vscode";
import type { Services } from "../services";
import { registerContext } from "./context";
import { PidDecorations } from "./decorations";
import { EffectHovers } from "./hovers";
import { ForkLabLenses } from "./lenses";
import { registerStatus } from "./status";

const C_FILES: vscode.DocumentSelector = [{ language: "c" }];

export function register(context: vscode.ExtensionContext, { sessions }: Services): void {
  const lenses = new ForkLabLenses(sessions);
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider(C_FILES, lenses),
    vscode.languages.registerHoverProvider(C_FILES, new EffectHovers(sessions)),
    new PidDecorations(sessions),
    registerStatus(sessions),
    registerContext(sessions),
  );
}
