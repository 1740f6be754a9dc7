// The presentation layout (a lecture): the code and the picture only. On, it closes the
// side bar and the panel and gives the picture the wider share of the editor area; off, it
// puts back exactly what it changed: the editor groups' sizes, and the side bar and the
// panel only if they were open. VS Code does not tell an extension whether either is open,
// so the view's own size says it: a part that was open gives the view room as it closes.
import * as vscode from "vscode";
import type { DescriptorView, ViewSize } from "./panel";

/** How long a closing part has to give the view room (a loaded machine lays out slowly). */
const GROW_MS = 2000;
/** Pixels the view must grow by: less is a scroll bar or a rounding, not a part closing. */
const GROW_PX = 40;

interface Before {
  /** vscode.getEditorLayout before the change. */
  layout: unknown;
  sideBar: boolean;
  panel: boolean;
}

export class Presentation {
  private before: Before | undefined;

  constructor(private readonly view: DescriptorView) {}

  /** Turns the layout on or off; returns whether it is on. */
  async toggle(): Promise<boolean> {
    const on = !this.view.presenting;
    this.view.setPresentation(on);
    if (on) await this.start();
    else await this.stop();
    return on;
  }

  private async start(): Promise<void> {
    const layout = await vscode.commands.executeCommand("vscode.getEditorLayout");
    const sideBar = await this.closes("workbench.action.closeSidebar", "width");
    const panel = await this.closes("workbench.action.closePanel", "height");
    this.before = { layout, sideBar, panel };
    // The code beside the picture: the picture's large text needs the wider share.
    if (vscode.window.tabGroups.all.length === 2) {
      await vscode.commands.executeCommand("vscode.setEditorLayout", { orientation: 0, groups: [{ size: 0.3 }, { size: 0.7 }] });
    }
  }

  private async stop(): Promise<void> {
    const b = this.before;
    this.before = undefined;
    if (!b) return;
    // Opening a part focuses it: focus goes back to the editor group after.
    if (b.sideBar) await vscode.commands.executeCommand("workbench.action.focusSideBar");
    if (b.panel) await vscode.commands.executeCommand("workbench.action.focusPanel");
    // The groups as they were, once the parts have taken their room back.
    if (b.layout) await vscode.commands.executeCommand("vscode.setEditorLayout", b.layout);
    await vscode.commands.executeCommand("workbench.action.focusActiveEditorGroup");
  }

  /**
   * Runs `close` (a part's Close command) and says whether the part was open: the view grew
   * along `side`. With the view not on screen nothing can be measured: the part counts as
   * open (turning the layout off then opens it).
   */
  private async closes(close: string, side: keyof ViewSize): Promise<boolean> {
    const was = this.view.visibleSize;
    await vscode.commands.executeCommand(close);
    if (!was) return true;
    return this.view.waitForSize((s) => s[side] >= was[side] + GROW_PX, GROW_MS);
  }
}
