// Web only (test/suite/web-index.ts loads it; the desktop suite runs *.test.ts files).
// Fork Lab in the web worker extension host (vscode.dev, github.dev), as a learner uses it:
// the suite runs there with no node; echoserverp.c steps to its fork with both processes on
// screen, clients connect, stepping goes back and forth, a demo reaches its moment and a
// lesson's question is answered in the view. What runs programs for real says, where the
// learner asked for it, that it needs the desktop.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { DemoResult } from "../../../src/extension/demos/demos";
import type { SessionState } from "../../../src/extension/session/commands";
import type { Outcome } from "../../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "../extension";
import { answerExpr, inView, pageScreenshot, verdictExpr, waitForTexts } from "../page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");
const programs = (s: SessionState) => s.snapshot.processes.filter((p) => p.kind === "program");

/** A screenshot for docs/screenshots when the runner asks for them, with the bottom panel
 *  open (the Problems view) as a learner's window usually has it. */
async function shot(name: string): Promise<void> {
  const dir = process.env.FORKLAB_SCREENSHOT_DIR;
  if (!dir) return;
  await vscode.commands.executeCommand("workbench.actions.view.problems", { preserveFocus: true });
  await new Promise((r) => setTimeout(r, 500));
  await pageScreenshot(`${dir}/web-${name}.png`);
}

/** Steps (at most `limit` times) until `done` holds of the session. */
async function stepUntil(done: (s: SessionState) => boolean, what: string, limit = 200): Promise<SessionState> {
  for (let i = 0; i < limit; i++) {
    const s = (await current())!;
    if (done(s)) return s;
    const r = await vscode.commands.executeCommand<Outcome>("forklab.step");
    assert.ok(r.ok, `stepping towards ${what}: ${r.message}`);
  }
  assert.fail(`${what} did not happen within ${limit} steps`);
}

describe("the web worker extension host, as a learner", function () {
  this.timeout(180000);

  before(async () => { await forkLab().activate(); });
  after(async () => {
    await closeSessionsAndEditors();
  });

  it("runs in the browser's worker: no node, Fork Lab active on the UI side", () => {
    assert.strictEqual(typeof process, "undefined");
    assert.strictEqual(forkLab().isActive, true);
    assert.strictEqual(forkLab().extensionKind, vscode.ExtensionKind.UI);
  });

  it("steps examples/echoserverp.c to its fork, connects clients, shows both processes, steps back and forth", async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, "echoserverp.c");
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    let s = (await current())!;
    assert.strictEqual(s.scenario, "echoserverp.scenario.json", "the scenario next to the file is read through vscode.workspace.fs");
    // The server reaches accept and blocks there until a client connects.
    s = await stepUntil((x) => programs(x).some((p) => p.blockedOn?.startsWith("accept")), "the server blocking in accept");
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.connectClient")).ok);
    s = await stepUntil((x) => programs(x).length === 2, "fork");
    const [parent, child] = programs(s);
    assert.strictEqual(child.ppid, parent.pid, "the second process is the first one's child");
    assert.ok(parent.line && child.line, "both processes stand at a line");
    // Both processes are drawn in the view.
    await waitForTexts(".fl-stepinfo", (ts) => ts.some((t) => t.includes(`step ${s.index} /`)), 20000, "all");
    const drawn = await inView<number[]>(`(() => { const p = Array.from(document.querySelectorAll('g.fl-proc')).map((e) => Number(e.getAttribute('data-pid')));
      return p.includes(${parent.pid}) && p.includes(${child.pid}) ? p : null; })()`);
    assert.ok(drawn, `the view does not draw pids ${parent.pid} and ${child.pid}`);
    await shot("fork");

    // A second client: the parent accepts it and forks again.
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.connectClient")).ok);
    s = await stepUntil((x) => programs(x).length === 3, "the second client's child");
    await shot("clients");

    // Back and forth: the same history, step by step.
    const at = s.index;
    const before = ((await vscode.commands.executeCommand<SessionState>("forklab.session.current", { history: true }))!.history!)[at - 3];
    for (let i = 0; i < 3; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepBack")).ok);
    const back = (await current())!;
    assert.strictEqual(back.index, at - 3);
    assert.deepStrictEqual(back.snapshot, before, "stepping back shows the step as it was");
    for (let i = 0; i < 3; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    const forth = (await current())!;
    assert.strictEqual(forth.index, at);
    assert.strictEqual(programs(forth).length, 3);
    await waitForTexts(".fl-stepinfo", (ts) => ts.some((t) => t.includes(`step ${at} /`)), 20000, "all");
    await vscode.commands.executeCommand("forklab.stopSession");
  });

  it("runs a demo to its moment", async () => {
    const r = await vscode.commands.executeCommand<DemoResult>("forklab.runDemo", { demo: "zombies" });
    assert.ok(r.ok && r.moment, JSON.stringify(r));
    await waitForTexts(".fl-stepinfo", (ts) => ts.some((t) => t.includes(`zombies.c · step ${r.step} /`)), 20000, "all");
    await shot("demo");
    await vscode.commands.executeCommand("forklab.stopSession");
  });

  it("answers a lesson's question in the view", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: "forklab.fork", step: "forkTwice" });
    // The view may still show an earlier question for a moment: wait for this one.
    const prompt = await inView<string>(`(() => { const p = document.querySelector('.fl-question:not([hidden]) .fl-prompt');
      return p && /What will Fork\\(\\) return in the child/.test(p.textContent) ? p.textContent : null; })()`, 30000);
    assert.match(prompt ?? "", /What will Fork\(\) return in the child\?/);
    assert.strictEqual(await inView<boolean>(answerExpr(0)), true);
    const right = await inView<{ text: string }>(verdictExpr("Right"));
    assert.match(right.text, /fork returns 0 in the child/);
    await shot("question");
    await closeSessionsAndEditors();
  });

  it("says where a learner asks for a real run that it needs the desktop VS Code on Linux", async () => {
    // The test workbench shows no toasts; the notification center lists every message.
    const says = async (what: string, run: () => Thenable<unknown>) => {
      await vscode.commands.executeCommand("notifications.clearAll");
      const r = await run();
      await vscode.commands.executeCommand("notifications.showList");
      const found = (ts: string[]) => ts.some((t) => t.includes(`Fork Lab: ${what}`) && t.includes("needs the desktop VS Code on Linux"));
      const messages = await waitForTexts(".notifications-center .notification-list-item-message", found, 15000);
      assert.ok(found(messages), `${what}: the notifications say ${JSON.stringify(messages)}`);
      return r;
    };
    assert.strictEqual(await says("Compare with Linux", () => vscode.commands.executeCommand("forklab.compareWithLinux")), undefined);
    assert.strictEqual(await says("Running the echo server", () => vscode.commands.executeCommand("forklab.server.run")), undefined);
    assert.strictEqual(await says("The live view", () => vscode.commands.executeCommand("forklab.live.open")), undefined);
    await shot("desktop-only");
    await vscode.commands.executeCommand("notifications.hideList");
    const r = await says("This demo runs", () => vscode.commands.executeCommand<DemoResult>("forklab.runDemo", { demo: "clients" }));
    assert.strictEqual((r as DemoResult).ok, false, "a run-for-real demo does not start");
    await vscode.commands.executeCommand("notifications.clearAll");
    await vscode.commands.executeCommand("notifications.hideList");
  });
});
