// The harness reads the live workbench page: what the extension shows through the API
// must appear in the DOM the learner sees. Later UI tests (webview, code lenses) build on this.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { pageTitle, waitForTexts } from "./page";

describe("the live page", () => {
  it("is the window this extension host serves (its title names the workspace)", async () => {
    const name = vscode.workspace.name;
    assert.ok(name, "the runner opens a workspace folder");
    const title = await pageTitle();
    assert.ok(title.includes(name), `page title ${JSON.stringify(title)} does not name workspace ${name}`);
  });

  it("shows a status bar item that the extension host just created", async () => {
    const probe = `forklab-probe-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 1000);
    item.text = probe;
    item.show();
    try {
      const texts = await waitForTexts(".statusbar-item", (ts) => ts.some((t) => t.includes(probe)));
      assert.ok(texts.some((t) => t.includes(probe)), `status bar shows ${JSON.stringify(texts)}`);
    } finally {
      item.dispose();
    }
    const after = await waitForTexts(".statusbar-item", (ts) => ts.every((t) => !t.includes(probe)), 5000);
    assert.ok(after.every((t) => !t.includes(probe)), "the disposed item is still on screen");
  });
});
