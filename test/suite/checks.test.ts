// "Fork Lab checks" in the real VS Code: the Test Explorer lists the checks for the echo
// exercise's starter, runs them (model and real), shows the failure with its location;
// once the file is fixed, every check passes and the walkthrough step's context is set.
import * as assert from "node:assert";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CheckState } from "../../src/extension/checks/checks";
import { forkLab } from "./extension";
import { pageScreenshot, waitForTexts } from "./page";

describe("Fork Lab checks in the Test Explorer", function () {
  this.timeout(240000);
  let dir: string;
  let file: string;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-suite-check-"));
    file = join(dir, "echo-starter.c");
    copyFileSync(join(forkLab().extensionPath, "examples", "exercises", "echo-starter.c"), file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the six checks for the starter, runs them, and shows where concurrent fails", async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const list = await vscode.commands.executeCommand<Array<{ file: string; checks: string[] }>>("forklab.check.list");
    const mine = list.find((f) => f.file === file);
    assert.deepStrictEqual(mine?.checks, ["echo", "concurrent", "reaps", "parent-closes", "child-closes-listenfd", "survives-reset"]);
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.run", vscode.Uri.file(file)))!;
    assert.strictEqual(st.realHalf, true, st.note);
    const failed = st.checks.filter((c) => c.state !== "passed");
    assert.deepStrictEqual(failed.map((c) => c.id), ["concurrent"], JSON.stringify(st.checks));
    const c = failed[0];
    assert.match(c.message ?? "", /client 2 sent "hello" and got no answer while client 1 stayed connected and silent/);
    // The location: the line of the starter where the server waits on client 1.
    const text = readFileSync(file, "utf8").split("\n");
    assert.ok(c.line && /rio_readlineb/.test(text[c.line - 1]), `line ${c.line}: ${text[(c.line ?? 1) - 1]}`);
    assert.ok(c.step && c.step > 0);
  });

  it("the Test Explorer shows the file's checks with the failure", async () => {
    await vscode.commands.executeCommand("workbench.view.testing.focus");
    const rows = await waitForTexts(".monaco-list-row", (ts) => ts.some((t) => t.includes("echo-starter.c")), 20000);
    assert.ok(rows.some((t) => t.includes("echo-starter.c")), JSON.stringify(rows));
    if (process.env.FORKLAB_CHECKS_SHOT) await pageScreenshot(process.env.FORKLAB_CHECKS_SHOT);
  });

  it("opens the view at the step where the check fails", async () => {
    const ok = await vscode.commands.executeCommand<boolean>("forklab.check.showFailure", { file, check: "concurrent" });
    assert.strictEqual(ok, true);
    const s = await vscode.commands.executeCommand<{ index: number; file: string }>("forklab.session.current");
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.state", vscode.Uri.file(file)))!;
    assert.strictEqual(s.file, file);
    assert.strictEqual(s.index, st.checks.find((x) => x.id === "concurrent")!.step);
    await vscode.commands.executeCommand("forklab.stopSession");
  });

  it("after the fix every check passes", async () => {
    writeFileSync(file, readFileSync(join(forkLab().extensionPath, "test", "check", "servers", "echo-correct.c"), "utf8"));
    const st = (await vscode.commands.executeCommand<CheckState>("forklab.check.run", vscode.Uri.file(file)))!;
    assert.deepStrictEqual(st.checks.map((c) => c.state), ["passed", "passed", "passed", "passed", "passed", "passed"], JSON.stringify(st.checks));
  });
});
