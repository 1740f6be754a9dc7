// A notice about a step goes when the view shows another step. A reviewer ran a program to
// where every process blocked, scrubbed back to step 0, and the VS Code notification
// "every process is blocked: 2 in read(0)..." stayed on screen (a notification cannot be
// taken back). With the view showing the session, the step's message is the view's notice.
import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageKeys, pageTexts } from "./page";
import { GREET } from "../greet";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");
/** The view's notice line, once `done` holds of it. */
const noticeWhen = (done: string) => inView<string>(`(() => { const t = document.querySelector('.fl-notice-text')?.textContent ?? null; return t !== null && (${done}) ? t : null; })()`);

describe("a step's notice lasts as long as its step", function () {
  this.timeout(180000);
  let dir: string;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-stepnotice-"));
  });
  after(async () => {
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("notifications.clearAll");
    rmSync(dir, { recursive: true, force: true });
  });

  it("every process blocked: said in the view, gone after scrubbing to step 0, no notification left", async () => {
    await vscode.commands.executeCommand("notifications.clearAll");
    const file = join(dir, "greet.c");
    writeFileSync(file, GREET);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    assert.ok(await inView<boolean>(`document.querySelector('.fl-slider input') ? true : null`), "the view shows the session");
    const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.match(r.message ?? "", /every process is blocked/);
    const said = await noticeWhen("t.includes('every process is blocked')");
    assert.match(said ?? "", /every process is blocked: .*read\(0\)/, "the view says why the run stopped");
    const toasts = await pageTexts(".notifications-toasts .notification-list-item", { waitMs: 1000, minCount: 0 });
    assert.ok(!toasts.some((t) => t.includes("every process is blocked")), `no notification that outlives the step: ${JSON.stringify(toasts)}`);

    // Scrub back with the slider, as the reviewer did.
    await pageKeys(".fl-slider input", ["Home"]);
    const gone = await noticeWhen("t === ''");
    assert.strictEqual(gone, "", "the notice went with its step");
    assert.strictEqual((await current())?.snapshot.step, 0);
  });
});
