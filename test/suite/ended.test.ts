// A view whose session is over (stopped, or gone with a window reload) says so: the
// picture stays, the session's controls are disabled, and a button starts stepping the
// file again. Before, it kept "step 2 / 2" with controls that looked live.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageScreenshot } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

/** The view's step line, its notice, and which session controls are disabled. */
interface Seen { step: string; notice: string; disabled: string[]; slider: boolean }
const seen = (want: string) => inView<Seen>(`(() => {
  const step = document.querySelector('.fl-stepinfo')?.textContent ?? '';
  if (!(${want})) return null;
  const disabled = Array.from(document.querySelectorAll('.fl-toolbar button.fl-tool:disabled:not([hidden])')).map((b) => b.getAttribute('aria-label'));
  return { step, notice: document.querySelector('.fl-notice-text')?.textContent ?? '', disabled, slider: document.querySelector('.fl-slider input').disabled };
})()`);

describe("a view whose session is over", function () {
  this.timeout(120000);
  before(() => forkLab().activate());
  after(async () => {
    await closeSessionsAndEditors();
  });

  it("says the session was stopped, disables its controls, and 'Start stepping again' starts it", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    for (let i = 0; i < 2; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    await seen("step.endsWith('2 / 2')");
    await vscode.commands.executeCommand("forklab.stopSession");
    const over = await seen("step.includes('ended')");
    assert.ok(over.step.includes("2 / 2"), `the picture stays: ${over.step}`);
    assert.match(over.notice, /fork-returns\.c: the session was stopped\. Start stepping again/);
    assert.deepStrictEqual(over.disabled.sort(), ["First step", "Last recorded step", "Step back", "Step forward", "Step or signal a chosen process"].sort());
    assert.strictEqual(over.slider, true, "the slider is disabled");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/ended-stopped.png`);
    // A key on the picture goes nowhere (no session moves, none starts).
    await inView<boolean>("(() => { const f = document.querySelector('.fl-figure-wrap'); if (!f) return null; f.focus(); f.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })); return true; })()");
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(await current(), undefined, "no session runs");

    await inView<boolean>("(() => { const b = Array.from(document.querySelectorAll('.fl-notice button')).find((x) => x.textContent === 'Start stepping again'); if (!b) return null; b.click(); return true; })()");
    const s = await waitFor(async () => (await current()) ?? undefined, "the session to start again", 30000, 100);
    assert.ok(s.file.endsWith("fork-returns.c"));
    assert.strictEqual(s.index, 0);
    const live = await seen("step.endsWith('0 / 0')");
    assert.ok(!live.step.includes("ended"), live.step);
    // Live again: at its first (and only) step, what cannot act there stays out of use.
    assert.deepStrictEqual(live.disabled.sort(), ["First step", "Last recorded step", "Step back"]);
    // The notice went with the session it was about (the new one's first step is the old one's).
    assert.doesNotMatch(live.notice, /was stopped/, "no notice of the old session's end");
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok, "and it steps");
  });
});
