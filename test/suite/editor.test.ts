// Stepping from the editor inside a real VS Code: the code lenses before and during a
// session (through vscode.executeCodeLensProvider), stepping commands moving the Snapshot
// the view renders (read back from the webview's DOM), hovers with table effects, the
// status bar, edits making the session stale, and an unsupported construct showing up in
// the Problems panel without an exception.
import * as assert from "node:assert";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { forkLab } from "./extension";
import { waitFor } from "../wait";
import { pageScreenshot, waitForTexts } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

async function lenses(uri: vscode.Uri): Promise<Array<{ line: number; title: string; args?: unknown[] }>> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
  return (found ?? []).filter((l) => l.command?.title).map((l) => ({ line: l.range.start.line + 1, title: l.command!.title, args: l.command!.arguments }));
}

/** The view's "file · step N / M" line, as the webview shows it. */
function viewShowsStep(n: number): Promise<string[]> {
  return waitForTexts(".fl-stepinfo", (ts) => ts.some((t) => t.includes(`step ${n} /`)), 20000, "all");
}

describe("editor: stepping echoserverp.c", function () {
  this.timeout(120000);
  let uri: vscode.Uri;

  before(async () => {
    await forkLab().activate();
    assert.ok(await vscode.commands.executeCommand("forklab.openExample", { example: "echoserverp.c", line: 19 }));
    uri = vscode.window.activeTextEditor!.document.uri;
    assert.ok(uri.fsPath.endsWith("echoserverp.c"));
  });

  after(async () => {
    await vscode.commands.executeCommand("forklab.stopSession");
  });

  it("before a session: 'Step in Fork Lab' and 'Run to end' above main (line 19)", async () => {
    await vscode.commands.executeCommand("forklab.stopSession");
    const ls = await lenses(uri);
    assert.deepStrictEqual(ls.map((l) => [l.line, l.title]), [[19, "$(debug-start) Step in Fork Lab"], [19, "Run to end"]]);
  });

  it("stepping commands move the Snapshot the view renders, and Step Back returns to it exactly", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
    const s0 = (await current())!;
    assert.strictEqual(s0.index, 0);
    assert.strictEqual(s0.scenario, "echoserverp.scenario.json", "the example's own scenario is the default world");
    const texts0 = await viewShowsStep(0);
    assert.ok(texts0.some((t) => t.includes("echoserverp.c")), JSON.stringify(texts0));

    for (let i = 0; i < 3; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    const s3 = (await current())!;
    assert.strictEqual(s3.index, 3);
    assert.strictEqual(s3.snapshot.step, 3);
    await viewShowsStep(3);
    const line = (s: SessionState) => s.snapshot.processes.find((p) => p.pid === s.mainPid)!.line!;
    assert.ok(line(s3) > line(s0), `main moved from line ${line(s0)} to ${line(s3)}`);

    const at2 = JSON.stringify((await vscode.commands.executeCommand<SessionState>("forklab.session.current", { history: true }))!.history![2]);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepBack")).ok);
    const s2 = (await current())!;
    assert.strictEqual(s2.index, 2);
    assert.strictEqual(JSON.stringify(s2.snapshot), at2, "step back rebuilt step 2 exactly");
    await viewShowsStep(2);
  });

  it("during a session: one lens per process at its own line, the child's labelled (child)", async () => {
    const r = await vscode.commands.executeCommand<Outcome>("forklab.runToLine", 40);
    assert.ok(r.ok, r.message);
    const s = (await current())!;
    const child = s.snapshot.processes.find((p) => p.ppid === s.mainPid && p.kind === "program" && p.state !== "zombie")!;
    assert.ok(child, "fork made a child");
    const ls = await lenses(uri);
    const parentLens = ls.find((l) => l.title.includes(`Step pid ${s.mainPid} (parent)`));
    const childLens = ls.find((l) => l.title.includes(`Step pid ${child.pid} (child)`));
    assert.strictEqual(parentLens?.line, 40, JSON.stringify(ls));
    assert.strictEqual(childLens?.line, child.line);
    assert.deepStrictEqual(childLens?.args, [child.pid]);
    assert.ok(ls.some((l) => l.line === 19 && l.title === `Fork Lab step ${s.index}`));
    await viewShowsStep(s.index);

    if (process.env.FORKLAB_SCREENSHOT_DIR) {
      const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())!;
      ed.revealRange(new vscode.Range(18, 0, 18, 0), vscode.TextEditorRevealType.AtTop);
      await waitForTexts(".codelens-decoration", (ts) => ts.some((t) => t.includes(`pid ${child.pid}`)) && ts.some((t) => t.includes(`pid ${s.mainPid}`)), 15000);
      await pageScreenshot(join(process.env.FORKLAB_SCREENSHOT_DIR, "lenses.png"));
    }
  });

  it("stepping the chosen process runs its line only; a blocked process is refused with the reason", async () => {
    const before = (await current())!;
    const child = before.snapshot.processes.find((p) => p.ppid === before.mainPid && p.kind === "program" && p.state !== "zombie")!;
    const r = await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", child.pid);
    assert.ok(r.ok, r.message);
    const after = (await current())!;
    assert.strictEqual(after.index, before.index + 1);
    const parentBefore = before.snapshot.processes.find((p) => p.pid === before.mainPid)!;
    const parentAfter = after.snapshot.processes.find((p) => p.pid === before.mainPid)!;
    assert.strictEqual(parentAfter.line, parentBefore.line, "the parent did not move");
    assert.notStrictEqual(after.snapshot.processes.find((p) => p.pid === child.pid)!.line, child.line, "the child moved on");
  });

  it("hover on the parent's Close(connfd) says what it did: the connection's open file went from refcount 2 to 1", async () => {
    const s = (await current())!;
    const fileId = s.snapshot.processes.find((p) => p.pid === s.mainPid)!.fds[4];
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", s.mainPid)).ok);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, new vscode.Position(39, 10));
    // The hover's Markdown escapes punctuation; read it as the learner does.
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n").replace(/\\/g, "").replace(/&nbsp;/g, " ");
    assert.ok(text.includes("Close(connfd)"), text);
    assert.ok(text.includes(`open file #${fileId} refcount 2 -> 1`), text);
  });

  it("the status bar shows the step, live processes and zombies", async () => {
    const s = (await current())!;
    const texts = await waitForTexts(".statusbar-item", (ts) => ts.some((t) => t.includes(`Fork Lab: step ${s.index} ·`)));
    assert.ok(texts.some((t) => /Fork Lab: step \d+ · \d+ live · \d+ zombies?/.test(t)), JSON.stringify(texts));
  });

  it("an edit makes the session stale: stepping is refused until a restart, which steps the new text", async () => {
    // A copy outside the workspace: the workbench may save edits by itself, and the example must stay as it is.
    const dir = mkdtempSync(join(tmpdir(), "forklab-edit-"));
    const copy = join(dir, "echoserverp.c");
    copyFileSync(uri.fsPath, copy);
    const doc = await vscode.workspace.openTextDocument(copy);
    const ed = await vscode.window.showTextDocument(doc);
    try {
      assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
      assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
      const before = (await current())!;
      assert.strictEqual(before.index, 1);
      assert.ok(await ed.edit((b) => b.insert(new vscode.Position(0, 0), "/* edited */\n")));
      await waitFor(async () => (await current())?.stale, "stale", 5000, 100);
      const r = await vscode.commands.executeCommand<Outcome>("forklab.step");
      assert.strictEqual(r.ok, false);
      assert.strictEqual((await current())!.index, before.index, "stale code was stepped");
      const ls = await lenses(doc.uri);
      assert.ok(ls.some((l) => l.title.includes("Changed since the session started")), JSON.stringify(ls));
      assert.ok(await vscode.commands.executeCommand("forklab.restartSession"));
      const fresh = (await current())!;
      assert.strictEqual(fresh.stale, false);
      assert.strictEqual(fresh.index, 0);
      // main moved down one line with the inserted comment.
      assert.ok((await lenses(doc.uri)).some((l) => l.line === 20 && l.title === "Fork Lab step 0"));
    } finally {
      await vscode.commands.executeCommand("forklab.stopSession");
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("editor: what the stepper cannot run", function () {
  this.timeout(60000);

  it("a bit-field yields an error in the Problems panel at its line, and stepping does not throw", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: "c", content: "#include <stdio.h>\nstruct flags { int on : 1; };\nint main(void)\n{\n    printf(\"hi\\n\");\n    return 0;\n}\n" });
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : undefined; }, "diagnostics", 10000, 100);
    const bit = diags.find((d) => /bit-fields are not supported/.test(d.message));
    assert.ok(bit, JSON.stringify(diags.map((d) => d.message)));
    assert.strictEqual(bit.range.start.line, 1);
    assert.strictEqual(bit.severity, vscode.DiagnosticSeverity.Error);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.ok(r.ok || r.message, "continue reports what happened");
    await vscode.commands.executeCommand("forklab.stopSession");
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("a call without its #include is gcc's warning in the Problems panel, naming the header, and the program still starts", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: "c", content: "#include <stdio.h>\nint main(void)\n{\n    printf(\"%d\\n\", fork() >= 0);\n    return 0;\n}\n" });
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : undefined; }, "diagnostics", 10000, 100);
    const implicit = diags.find((d) => d.message.startsWith("implicit declaration of function 'fork'"));
    assert.ok(implicit, JSON.stringify(diags.map((d) => d.message)));
    assert.match(implicit.message, /include '<unistd\.h>'/);
    assert.strictEqual(implicit.range.start.line, 3);
    assert.strictEqual(implicit.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.commands.executeCommand("forklab.stopSession");
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  it("an error in a local header is a Problem in the header, at its line, and the program is not started", async () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-header-"));
    try {
      writeFileSync(join(dir, "util.h"), "/* helpers */\nint helper(void)\n{\n    return undeclared_name;\n}\n");
      writeFileSync(join(dir, "prog.c"), "#include \"util.h\"\n\nint main(void)\n{\n    return helper();\n}\n");
      const prog = vscode.Uri.file(join(dir, "prog.c"));
      const header = vscode.Uri.file(join(dir, "util.h"));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(prog));
      assert.notStrictEqual(await vscode.commands.executeCommand("forklab.startSession", prog), true);
      const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(header); return d.length ? d : undefined; }, "the header's diagnostics", 10000, 100);
      assert.match(diags[0].message, /'undeclared_name'/);
      assert.strictEqual(diags[0].range.start.line, 3);
      assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Error);
      assert.deepStrictEqual(vscode.languages.getDiagnostics(prog).map((d) => d.message), []);
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
