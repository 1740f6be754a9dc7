// The descriptor-table view feature: the panel host, its serializer (the view survives
// a reload), and the command that opens it. Other features reach the host through
// `forklab.view.show` or the returned object.
import * as vscode from "vscode";
import type { Snapshot } from "../../contract/snapshot";
import type { Sessions } from "../session/sessions";
import { DescriptorView, ShowInput, VIEW_TYPE } from "./panel";
import { Presentation } from "./presentation";

let host: DescriptorView | undefined;

/** The one view host of this window (created by register). */
export function descriptorView(): DescriptorView | undefined {
  return host;
}

export function register(context: vscode.ExtensionContext, sessions: Sessions): DescriptorView {
  const view = new DescriptorView(context);
  const presentation = new Presentation(view, context.globalState, sessions);
  host = view;
  context.subscriptions.push(
    view,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        view.restore(panel, state);
      },
    }),
    // With an argument (a Snapshot or { history, current, title }) it shows that; tests and
    // other features use this. Without one it opens the view on an empty process table.
    vscode.commands.registerCommand("forklab.view.show", (input?: ShowInput | Snapshot) => {
      view.show(input ?? emptySnapshot());
    }),
    // Lecture mode: zoom (kept in forklab.view.zoom) and the presentation layout.
    vscode.commands.registerCommand("forklab.view.zoomIn", () => view.zoomBy("in")),
    vscode.commands.registerCommand("forklab.view.zoomOut", () => view.zoomBy("out")),
    vscode.commands.registerCommand("forklab.view.zoomReset", () => view.zoomBy("reset")),
    // The code and the picture only; off puts back what it changed (presentation.ts). With
    // true or false it turns the layout to that (a test's clean-up makes sure it is off).
    vscode.commands.registerCommand("forklab.view.presentation", (want?: unknown) => presentation.toggle(typeof want === "boolean" ? want : undefined)),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration("forklab.view.zoom")) view.zoomChanged(); }),
  );
  return view;
}

function emptySnapshot(): Snapshot {
  return { version: 1, step: 0, clock: 0, processes: [], files: [], objects: [], events: [], output: [], foregroundPgid: 0 };
}
