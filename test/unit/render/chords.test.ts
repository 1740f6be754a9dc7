// The view's keys never eat the workbench's: VS Code hears a key pressed in a webview only
// when it reaches the view's window, so a chord (Ctrl+P, Ctrl+Shift+P) pressed on the step
// slider, in the toolbar or in its menu must get there. A reviewer's Ctrl+P did nothing
// while the slider had focus. Plain keys still belong to the control (the slider's arrows).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ViewHarness, fixture } from "./page";

/** Keys that reached the window since the last call, as "Control+p". */
async function heard(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { heard?: string[] };
    const out = w.heard ?? [];
    w.heard = [];
    return out;
  });
}

describe("the view's keys and the workbench's chords (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  it("Ctrl+P and Ctrl+Shift+P on the slider, a toolbar button and the menu reach the window", async () => {
    const page = await hx.show([fixture("pipe.prev"), fixture("pipe")], { width: 660, height: 385 });
    await page.evaluate(() => {
      const w = window as unknown as { heard: string[] };
      w.heard = [];
      // Bubbling, as VS Code's webview host listens.
      window.addEventListener("keydown", (ev) => ["Control", "Shift", "Alt", "Meta"].includes(ev.key) || w.heard.push(`${ev.ctrlKey ? "Control+" : ""}${ev.shiftKey ? "Shift+" : ""}${ev.key}`));
    });
    const slider = page.getByRole("slider", { name: "Step" });
    await slider.focus();
    await page.keyboard.press("Control+p");
    await page.keyboard.press("Control+Shift+P");
    assert.deepEqual(await heard(page), ["Control+p", "Control+Shift+P"], "the slider passes chords on");
    await page.keyboard.press("ArrowLeft");
    assert.deepEqual(await heard(page), [], "its arrows stay its own");

    await page.getByRole("button", { name: "More actions" }).focus();
    await page.keyboard.press("Control+p");
    assert.deepEqual(await heard(page), ["Control+p"], "a toolbar button passes chords on");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Control+p");
    assert.ok(await page.getByRole("menu", { name: "More actions" }).isVisible(), "the menu is open");
    assert.deepEqual((await heard(page)).filter((k) => k.startsWith("Control")), ["Control+p"], "the menu passes chords on");
  });
});
