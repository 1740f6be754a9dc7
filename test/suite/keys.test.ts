// Fork Lab's stepping keys against the keys VS Code itself binds by default, in the build
// that runs (the web workbench here, the desktop app under the electron runner). A key
// VS Code also binds runs VS Code's command whenever no session is active: after a window
// reload Ctrl+Alt+N (the web build's New Untitled File) opened an untitled editor.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { waitFor } from "../wait";
import { forkLab } from "./extension";

/** Every binding of the default keybindings file (VS Code's and the extensions'). */
async function defaultKeybindings(): Promise<Array<{ key: string; command: string }>> {
  await vscode.commands.executeCommand("workbench.action.openDefaultKeybindingsFile");
  const doc = await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith("keybindings.json") && vscode.window.activeTextEditor.document,
    "the default keybindings file", 20000, 100);
  const found = [...doc.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: m[1], command: m[2] }));
  await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  return found;
}

describe("keybindings", function () {
  this.timeout(60000);
  before(() => forkLab().activate());

  it("no stepping key of Fork Lab is one of VS Code's default keys, nor starts one of its chords", async () => {
    const all = await defaultKeybindings();
    // The keys that act while a session runs. The view's zoom keys (Ctrl+= / Ctrl+- / Ctrl+0,
    // only with focus in the view) deliberately take the window's zoom keys there.
    const ours = all.filter((b) => b.command.startsWith("forklab.") && !b.command.startsWith("forklab.view."));
    assert.deepStrictEqual(ours.map((b) => b.command).sort(),
      ["forklab.continue", "forklab.runToLine", "forklab.step", "forklab.stepBack", "forklab.stepProcess", "forklab.stopRun"]);
    const theirs = all.filter((b) => !b.command.startsWith("forklab.") && !b.command.startsWith("-"));
    assert.ok(theirs.length > 100, `VS Code's own defaults: ${theirs.length}`);
    const clashes = ours.flatMap((o) => theirs.filter((t) => t.key === o.key || t.key.split(" ")[0] === o.key)
      .map((t) => `${o.key}: ${o.command} and ${t.command}`));
    assert.deepStrictEqual(clashes, []);
  });
});
