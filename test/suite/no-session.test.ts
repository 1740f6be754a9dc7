// Open the View of This Session on a file that has none. A tester closed every editor (which
// ends the sessions), opened another file and asked for the view: it showed the old file's
// name at step 0 with empty tables and said nothing. Now the learner is told the file has
// no session, with a button that starts one.
import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { waitForTexts } from "./page";
import { GREET } from "../greet";

describe("the view asked for with no session", function () {
  this.timeout(120000);
  let dir: string;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-nosession-"));
  });
  after(async () => {
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("notifications.clearAll");
    rmSync(dir, { recursive: true, force: true });
  });

  it("says the file in front has no session, with a button that starts one", async () => {
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("notifications.clearAll");
    const file = join(dir, "greet.c");
    writeFileSync(file, GREET);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.openView"), false, "no session to show");
    // Read in the notification list: toasts may not show in a page without focus.
    await vscode.commands.executeCommand("notifications.showList");
    const told = await waitForTexts(".notifications-center .notification-list-item", (t) => t.some((x) => x.includes("has no session")), 20000);
    assert.ok(told.some((t) => t.includes("greet.c has no session") && t.includes("Step greet.c in Fork Lab")), JSON.stringify(told));
  });
});
