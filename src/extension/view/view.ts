// The descriptor-table view feature: the panel host, its serializer (the view survives
// a reload), and the command that opens it. Other features reach the host through
// `forklab.view.show` or the returned object.
import * as vscode from "vscode";
import type { Snapshot } from "../../contract/snapshot";
import { DescriptorView, ShowInput, VIEW_TYPE } from "./panel";

let host: DescriptorView | undefined;

/** The one view host of this window (created by register). */
export function descriptorView(): DescriptorView | undefined {
  return host;
}

export function register(context: vscode.ExtensionContext): DescriptorView {
  const view = new DescriptorView(context);
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
    vscode.commands.registerCommand("forklab.view.presentation", async () => {
      const on = !view.presenting;
      view.setPresentation(on);
      // The code and the picture only: the side bar and the panel make room.
      if (on) {
        await vscode.commands.executeCommand("workbench.action.closeSidebar");
        await vscode.commands.executeCommand("workbench.action.closePanel");
        // The code beside the picture: the picture's large text needs the wider share.
        if (vscode.window.tabGroups.all.length === 2) {
          await vscode.commands.executeCommand("vscode.setEditorLayout", { orientation: 0, groups: [{ size: 0.3 }, { size: 0.7 }] });
        }
      }
      return on;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration("forklab.view.zoom")) view.zoomChanged(); }),
  );
  return view;
}

function emptySnapshot(): Snapshot {
  return { version: 1, step: 0, clock: 0, processes: [], files: [], objects: [], events: [], output: [], foregroundPgid: 0 };
}
