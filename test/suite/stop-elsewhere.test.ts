// A session goes on while its file is out of sight (another file in front, its tab closed),
// and Stop Stepping must still reach it. Before, Stop reached only the session of the file
// in the active editor: from another file it did nothing, and a session whose tab was
// closed could not be ended at all (the status bar and the view went on speaking of it).
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageKeys, waitForTexts } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

/** Starts stepping `example` and makes `steps` steps in it (its file in front). */
async function stepped(example: string, steps: number): Promise<vscode.Uri> {
  assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example }), true);
  for (let i = 0; i < steps; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
  return vscode.Uri.file((await current())!.file);
}

/** The Fork Lab notifications, read from the notification list. */
async function told(what: string): Promise<string> {
  await vscode.commands.executeCommand("notifications.showList");
  const texts = await waitForTexts(".notifications-center .notification-list-item", (ts) => ts.some((t) => t.includes(what)), 20000);
  await vscode.commands.executeCommand("notifications.hideList");
  return texts.find((t) => t.includes(what)) ?? JSON.stringify(texts);
}

/** The session of `uri`, brought in front to ask; undefined when it has none. */
async function sessionOf(uri: vscode.Uri): Promise<SessionState | undefined> {
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  const s = await current();
  return s?.file === uri.fsPath ? s : undefined;
}

describe("stopping a session whose file is out of sight", function () {
  this.timeout(180000);
  // A course file the learner has open without stepping it.
  let unstepped: vscode.Uri;

  before(async () => {
    await forkLab().activate();
    unstepped = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, "exit-flush.c");
  });
  beforeEach(() => vscode.commands.executeCommand("notifications.clearAll"));
  // A list a failed test left open would take the next test's keys.
  afterEach(() => vscode.commands.executeCommand("workbench.action.closeQuickOpen"));
  after(async () => {
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("notifications.clearAll");
  });

  it("from a file with no session, Stop lists every session with its step (a closed tab's too) and ends the one picked", async () => {
    const forks = await stepped("fork-returns.c", 2);
    const dups = await stepped("dup2-redirect.c", 1);
    // fork-returns.c's tab closes; its session goes on, out of sight.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === forks.toString());
    assert.ok(tab, "fork-returns.c has a tab");
    await vscode.window.tabGroups.close(tab);
    await vscode.window.showTextDocument(unstepped, { viewColumn: vscode.ViewColumn.One });

    const stopping = vscode.commands.executeCommand<boolean>("forklab.stopSession");
    // The quick input keeps an earlier list's rows (a save dialog's, say) until it draws the
    // new one: the list is read once its title is Stop's and its rows are the sessions'.
    const title = await waitForTexts(".quick-input-widget .quick-input-title", (ts) => ts.some((t) => t.includes("stop stepping which file?")), 20000);
    assert.ok(title.some((t) => t.includes("stop stepping which file?")), JSON.stringify(title));
    const rows = await waitForTexts(".quick-input-widget .monaco-list-row", (ts) => ts.some((t) => t.includes("dup2-redirect.c")), 20000);
    assert.strictEqual(rows.length, 2, JSON.stringify(rows));
    // The view shows dup2-redirect.c (started last): it comes first.
    assert.match(rows[0], /dup2-redirect\.c[\s\S]*step 1 · shown in the Fork Lab view/, JSON.stringify(rows));
    assert.match(rows[1], /fork-returns\.c[\s\S]*step 2 · its tab is closed/, JSON.stringify(rows));
    await pageKeys(".quick-input-widget input", ["ArrowDown", "Enter"]);
    assert.strictEqual(await stopping, true, "a session was ended");
    assert.match(await told("stopped stepping"), /Fork Lab: stopped stepping fork-returns\.c at step 2\./);

    // The other session goes on; fork-returns.c, opened again, has none.
    assert.strictEqual((await sessionOf(dups))?.index, 1, "dup2-redirect.c's session goes on");
    assert.strictEqual(await sessionOf(forks), undefined, "fork-returns.c's session is over");
  });

  it("with one session left, Stop from elsewhere ends it and names it; the view says it is over", async () => {
    const dups = await stepped("dup2-redirect.c", 3);
    await vscode.window.showTextDocument(unstepped, { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand<boolean>("forklab.stopSession"), true);
    assert.match(await told("stopped stepping"), /Fork Lab: exit-flush\.c has no session; stopped stepping dup2-redirect\.c at step 3\./);
    await inView<string>("(() => { const t = document.querySelector('.fl-notice-text')?.textContent ?? ''; return /dup2-redirect\\.c: the session was stopped/.test(t) ? t : null; })()");
    assert.strictEqual(await sessionOf(dups), undefined, "dup2-redirect.c's session is over");
    assert.strictEqual(await vscode.commands.executeCommand<boolean>("forklab.stopSession"), false, "nothing is left to stop");
  });

  it("with no C file in front, Stop ends the only session; with its file in front, that file's, as before", async () => {
    const forks = await stepped("fork-returns.c", 1);
    const dups = await stepped("dup2-redirect.c", 2);
    // The file in front: its session ends at once, no list, the other goes on.
    assert.strictEqual(await vscode.commands.executeCommand<boolean>("forklab.stopSession"), true);
    assert.strictEqual((await sessionOf(forks))?.index, 1, "fork-returns.c's session goes on");
    assert.strictEqual(await sessionOf(dups), undefined);
    // A README in front: the one left ends, named.
    await vscode.window.showTextDocument(vscode.Uri.joinPath(forks, "..", "README.md"), { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand<boolean>("forklab.stopSession"), true);
    assert.match(await told("stopped stepping"), /Fork Lab: stopped stepping fork-returns\.c at step 1\./);
    assert.strictEqual(await sessionOf(forks), undefined, "fork-returns.c's session is over");
  });
});
