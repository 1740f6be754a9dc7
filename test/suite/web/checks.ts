// Web only (test/suite/web-index.ts loads it). The exercise checks in the web worker
// extension host: their model half runs in the model's Web Worker, through the same
// protocol as stepping, and judges as on the desktop (the starter fails `concurrent` at the
// line where it waits on client 1; a right server passes every check); the real half is
// absent and the run says it needs the desktop VS Code on Linux.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { CheckState } from "../../../src/extension/checks/checks";
import { closeSessionsAndEditors, forkLab } from "../extension";
import { pageScreenshot, waitForTexts } from "../page";
import { Scratch, scratchFolder } from "../scratch";

const ALL = ["echo", "concurrent", "reaps", "parent-closes", "child-closes-listenfd", "survives-reset"];
const NEEDS_DESKTOP = /the real half of the checks .* needs the desktop VS Code on Linux; here in the browser: the model only/;

describe("the exercise checks in the web worker extension host", function () {
  this.timeout(240000);
  let dir: Scratch;
  let starter: vscode.Uri;

  before(async () => {
    await forkLab().activate();
    dir = await scratchFolder("forklab-web-check-");
  });
  after(async () => {
    await closeSessionsAndEditors();
    await dir.remove();
  });

  it("opens the echo exercise's starter from the walkthrough's link", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.check.openExercise", { exercise: "echo" }), true);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.path.endsWith("/exercises/echo-starter.c"), doc?.uri.toString());
    starter = doc.uri;
    const list = await vscode.commands.executeCommand<Array<{ file: string; checks: string[] }>>("forklab.check.list");
    assert.deepStrictEqual(list.find((f) => f.file === starter.fsPath)?.checks, ALL);
  });

  it("runs the model half on the starter: concurrent fails where the server waits on client 1; the real half says it needs the desktop", async () => {
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.run", starter))!;
    assert.strictEqual(st.realHalf, false);
    assert.match(st.note ?? "", NEEDS_DESKTOP);
    const failed = st.checks.filter((c) => c.state !== "passed");
    assert.deepStrictEqual(failed.map((c) => c.id), ["concurrent"], JSON.stringify(st.checks));
    assert.match(failed[0].message ?? "", /^model: client 2 sent "hello" and got no answer while client 1 stayed connected and silent/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(starter)).split("\n");
    assert.ok(failed[0].line && /rio_readlineb/i.test(text[failed[0].line - 1]), `line ${failed[0].line}: ${text[(failed[0].line ?? 1) - 1]}`);
    assert.ok(failed[0].step && failed[0].step > 0);
    // The Test Explorer lists the file as checked in the model only.
    await vscode.commands.executeCommand("workbench.view.testing.focus");
    const rows = await waitForTexts(".monaco-list-row", (ts) => ts.some((t) => t.includes("echo-starter.c") && t.includes("model only")), 20000);
    assert.ok(rows.some((t) => t.includes("echo-starter.c") && t.includes("model only")), JSON.stringify(rows));
    const shots = process.env.FORKLAB_SCREENSHOT_DIR;
    if (shots) {
      // With the run's output in the bottom panel, where it says the real half did not run.
      await vscode.commands.executeCommand("testing.showMostRecentOutput");
      await waitForTexts(".monaco-workbench .part.panel", (ts) => ts.some((t) => /needs the desktop VS Code on Linux/.test(t)), 10000);
      await pageScreenshot(`${shots}/web-checks.png`);
    }
  });

  it("opens the view at the step where the check fails", async () => {
    const ok = await vscode.commands.executeCommand<boolean>("forklab.check.showFailure", { file: starter.fsPath, check: "concurrent" });
    assert.strictEqual(ok, true);
    const s = await vscode.commands.executeCommand<{ index: number; file: string }>("forklab.session.current");
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.state", starter))!;
    assert.strictEqual(s.file, starter.fsPath);
    assert.strictEqual(s.index, st.checks.find((x) => x.id === "concurrent")!.step);
    await vscode.commands.executeCommand("forklab.stopSession");
  });

  it("a right echo server passes every check of the model half", async () => {
    const right = vscode.Uri.joinPath(forkLab().extensionUri, "test", "check", "servers", "echo-correct.c");
    const file = vscode.Uri.joinPath(dir.uri, "echo-server.c");
    await vscode.workspace.fs.writeFile(file, await vscode.workspace.fs.readFile(right));
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.run", file))!;
    assert.strictEqual(st.realHalf, false);
    assert.deepStrictEqual(st.checks.map((c) => [c.id, c.state]), ALL.map((id) => [id, "passed"]), JSON.stringify(st.checks));
  });
});
