// The step controls in Chromium act only where they can: a tester found First step and Step
// back in use at step 0 (they only said "already at the start") and every step button in
// use in the "not started" state after a compile error. Disabled as an ended session's are:
// the toolbar's roving focus passes them, and the keyboard's place moves on when the
// focused one goes out of use.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver } from "../../../src/bench/view-page";
import { historyMessage } from "../../../src/contract/sync";
import type { Snapshot } from "../../../src/contract/snapshot";
import { ViewHarness, fixture, settle } from "./page";

const NAMES = ["First step", "Step back", "Step forward", "Last recorded step"] as const;

/** Which of the four step buttons are in use. */
async function inUse(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const name of NAMES) if (await page.locator(`.fl-toolbar > button[aria-label^='${name}']`).isEnabled()) out.push(name);
  return out;
}

describe("the step controls act only where they can (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());
  const cur = fixture("echo-two-clients");
  const steps: Snapshot[] = [fixture("echo-two-clients.prev"), cur, { ...cur, step: cur.step + 1, events: [] }];

  it("at the first step First step and Step back are out of use, at the last Last recorded step; between, all four act", async () => {
    const page = await hx.page({ width: 1200, height: 600 });
    assert.deepEqual(await inUse(page), [], "no session shown yet");
    await deliver(page, historyMessage([], steps, 0, "echo.c"));
    assert.deepEqual(await inUse(page), ["Step forward", "Last recorded step"]);
    await deliver(page, historyMessage(steps, steps, 1, "echo.c"));
    assert.deepEqual(await inUse(page), [...NAMES]);
    await deliver(page, historyMessage(steps, steps, 2, "echo.c"));
    assert.deepEqual(await inUse(page), ["First step", "Step back", "Step forward"]);
  });

  it("Step back from the keyboard down to the first step: the keyboard's place moves on to a control in use", async () => {
    const page = await hx.page({ width: 1200, height: 600 });
    await deliver(page, historyMessage([], steps, 1, "echo.c"));
    await page.locator(".fl-toolbar > button[aria-label='Step back']").focus();
    await page.keyboard.press("Enter");
    // The host's answer: step 0.
    await deliver(page, historyMessage(steps, steps, 0, "echo.c"));
    await settle(page);
    const focused = await page.evaluate("(() => { const a = document.activeElement; return a && a.closest('.fl-toolbar') && !a.disabled ? a.getAttribute('aria-label') : null; })()");
    assert.ok(typeof focused === "string" && focused.length > 0, `focus in the toolbar on a control in use: ${String(focused)}`);
    // The row's arrows pass what is out of use.
    await page.keyboard.press("Home");
    assert.match(String(await page.evaluate("document.activeElement.getAttribute('aria-label')")), /^Step forward/);
  });

  it("not started after a compile error: no step control acts; a session shown again brings them back", async () => {
    const page = await hx.page({ width: 1200, height: 600 });
    await deliver(page, historyMessage([], steps, 1, "echo.c"));
    await deliver(page, { v: 1, type: "refused", title: "bad.c", text: "bad.c:3: expected ';'", line: 3 });
    assert.deepEqual(await inUse(page), []);
    assert.equal(await page.locator(".fl-toolbar button[aria-label='Step or signal a chosen process']").isEnabled(), false);
    assert.equal(await page.getByRole("slider", { name: "Step" }).isEnabled(), false);
    await deliver(page, historyMessage([], steps, 2, "echo.c"));
    assert.deepEqual(await inUse(page), ["First step", "Step back", "Step forward"]);
  });
});
