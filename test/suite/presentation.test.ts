// Turning the presentation layout off puts the window back as it was (a reviewer found the
// side bar and the terminal panel still closed, the code squeezed to 30% and the view's side
// list turned on): the side bar and the panel open again only if they were open, the editor
// groups take their old widths, and the view's side list is as it was.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { Snapshot } from "../../src/contract/snapshot";
import { waitFor } from "../wait";
import { forkLab } from "./extension";
import { pageEval, pageScreenshot, pageViewport } from "./page";

async function fixture(name: string): Promise<Snapshot> {
  const file = vscode.Uri.joinPath(forkLab().extensionUri, "test", "unit", "render", "fixtures", `${name}.json`);
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Snapshot;
}

/** Whether a workbench part (side bar, panel) takes room on screen. */
const shown = async (id: string) => (await pageEval<boolean>(`(() => { const e = document.getElementById(${JSON.stringify(id)}); return !!e && e.offsetWidth > 0 && e.offsetHeight > 0; })()`))[0];
/** What the window shows: the two parts, the first editor group's share of the width, the view's side list. */
async function layout(): Promise<{ sideBar: boolean; panel: boolean; codeShare: number; sideList: boolean | undefined }> {
  const l = await vscode.commands.executeCommand<{ groups: Array<{ size: number }> }>("vscode.getEditorLayout");
  const sizes = l.groups.map((g) => g.size);
  const lists = await pageEval<boolean | null>("document.querySelector('.fl-side') ? getComputedStyle(document.querySelector('.fl-side')).display !== 'none' : null", "all");
  return { sideBar: await shown("workbench.parts.sidebar"), panel: await shown("workbench.parts.panel"),
    codeShare: Math.round((100 * sizes[0]) / sizes.reduce((a, b) => a + b, 0)), sideList: lists.find((x) => x !== null) ?? undefined };
}
const presenting = () => pageEval<boolean | null>("document.querySelector('.fl-toolbar') ? document.body.classList.contains('fl-present') : null", "all")
  .then((xs) => xs.find((x) => x !== null) ?? undefined);

describe("the presentation layout turned off", function () {
  this.timeout(180000);
  before(async () => {
    await forkLab().activate();
    await pageViewport(1366, 768);
  });
  after(async () => {
    await vscode.workspace.getConfiguration("forklab.view").update("zoom", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("workbench.view.explorer");
    await pageViewport(1400, 900);
  });

  async function viewBesideCode(): Promise<void> {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(forkLab().extensionUri, "examples", "fork-returns.c"));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand("forklab.view.show", { history: [await fixture("echo-two-clients.prev"), await fixture("echo-two-clients")], title: "echoserverp.c" });
    await waitFor(async () => (await presenting()) === false || undefined, "the view, not presenting", 20000, 100);
  }

  async function toggle(on: boolean): Promise<void> {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), on);
    await waitFor(async () => (await presenting()) === on || undefined, `the presentation layout ${on ? "on" : "off"}`, 20000, 100);
  }

  it("puts back the side bar, the panel, the editor widths and the view's side list when they were open", async () => {
    await viewBesideCode();
    await vscode.commands.executeCommand("workbench.view.explorer");
    await vscode.commands.executeCommand("workbench.action.terminal.focus");
    await new Promise((r) => setTimeout(r, 1000));
    const was = await layout();
    assert.ok(was.sideBar && was.panel, `open to begin with: ${JSON.stringify(was)}`);
    await toggle(true);
    const during = await waitFor(async () => { const l = await layout(); return !l.sideBar && !l.panel ? l : undefined; }, "the side bar and the panel to close", 20000, 100);
    assert.strictEqual(during.codeShare, 30, "the picture takes the wider share");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-on.png`);
    await toggle(false);
    const back = await waitFor(async () => { const l = await layout(); return l.sideBar && l.panel ? l : undefined; }, "the side bar and the panel back", 20000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepStrictEqual(await layout(), was, `before ${JSON.stringify(was)}, after ${JSON.stringify(back)}`);
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-off.png`);
  });

  it("leaves the side bar and the panel closed when they were closed", async () => {
    await viewBesideCode();
    await vscode.commands.executeCommand("workbench.action.closeSidebar");
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await new Promise((r) => setTimeout(r, 1000));
    const was = await layout();
    assert.ok(!was.sideBar && !was.panel, `closed to begin with: ${JSON.stringify(was)}`);
    await toggle(true);
    await toggle(false);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(await layout(), was);
  });
});
