// The view opens beside the editor of the session's file, never over it: a reviewer opened
// a file in the view's editor group, started stepping it, and the view came to the front
// over the code, so the code and the picture were never seen together.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageScreenshot } from "./page";

const example = (name: string) => vscode.Uri.joinPath(forkLab().extensionUri, "examples", name);
const viewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("forklab.view"));
const shows = (name: string) => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(`/${name}`))?.viewColumn;

describe("the view beside the code", function () {
  this.timeout(120000);
  before(() => forkLab().activate());
  after(async () => {
    await closeSessionsAndEditors();
  });

  it("a session of a file in the view's group moves the view beside it, and both stay on screen", async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.window.showTextDocument(example("fork-returns.c"), { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", example("fork-returns.c")), true);
    const first = await waitFor(() => viewTab(), "the view's tab", 30000, 100);
    assert.strictEqual(first.group.viewColumn, vscode.ViewColumn.Two, "the view opens beside the code");
    assert.strictEqual(shows("fork-returns.c"), vscode.ViewColumn.One);

    // Another file opened in the view's group (the view goes behind it), then stepped.
    await vscode.window.showTextDocument(example("dup2-redirect.c"), { viewColumn: vscode.ViewColumn.Two });
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", example("dup2-redirect.c")), true);
    const moved = await waitFor(() => { const t = viewTab(); return t && t.group.viewColumn !== vscode.ViewColumn.Two && t.isActive ? t : undefined; },
      "the view to move out of the code's group", 40000, 100);
    assert.strictEqual(moved.group.viewColumn, vscode.ViewColumn.Three, "beside the code: the next group");
    assert.strictEqual(shows("dup2-redirect.c"), vscode.ViewColumn.Two, "the stepped file stays on screen");
    // Moved, the view starts again in its new group and gets the session's history.
    await inView<string>("(() => { const t = document.querySelector('.fl-stepinfo')?.textContent ?? ''; return t.includes('dup2-redirect.c') ? t : null; })()");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/beside.png`);

    // Stepping keeps it there.
    assert.ok((await vscode.commands.executeCommand<{ ok: boolean }>("forklab.step")).ok);
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(viewTab()!.group.viewColumn, vscode.ViewColumn.Three);
    assert.strictEqual(shows("dup2-redirect.c"), vscode.ViewColumn.Two);
  });
});
