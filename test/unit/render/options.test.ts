// A 200-process picture must not pay for naming or styling 200 <option>s inside its frame,
// yet the "Process" control (the process form) must read the same and offer every live
// process as soon as the learner reaches it (or the browser is idle while the form is open).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { bigSnapshot } from "../../../src/bench/render-fixture";
import { deliver } from "../../../src/bench/view-page";
import { ViewHarness, settle, showMessage } from "./page";

describe("process list of a large picture", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  const select = "select[aria-label='Process']";
  const live = (): number => bigSnapshot().processes.filter((p) => p.kind === "program" && p.state !== "zombie").length;
  const count = (page: Page) => page.locator(`${select} option`).count();
  const open = (page: Page) => page.getByRole("button", { name: "Step or signal a chosen process" }).click();

  it("names the processes only when the form opens, then every live one at once", async () => {
    const page = await hx.show([bigSnapshot()]);
    // Closed: the steps drawn so far named nobody in the hidden list.
    assert.equal(await count(page), 0);
    await open(page);
    assert.equal(await page.evaluate("document.activeElement.getAttribute('aria-label')"), "Process");
    assert.equal(await count(page), live());
    assert.equal(await page.locator(select).inputValue(), "100", "the first live process is chosen");
  });

  it("follows the steps while the form is open, filling a long list once idle and keeping the choice", async () => {
    const page = await hx.page();
    await open(page);
    await page.locator(".fl-figure-wrap").focus();
    const small = { ...bigSnapshot(), processes: bigSnapshot().processes.slice(0, 3) };
    await deliver(page, showMessage(small));
    await settle(page);
    assert.equal(await count(page), 2, "init is not a program: the server and one child");
    await page.locator(select).selectOption("101");
    await page.locator(".fl-figure-wrap").focus();
    await deliver(page, showMessage(bigSnapshot()));
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLSelectElement).options.length > 20, select, { timeout: 5000 });
    assert.equal(await count(page), live());
    assert.equal(await page.locator(select).inputValue(), "101", "the chosen process stays chosen");
  });

  it("fills at once when the learner focuses the control", async () => {
    const page = await hx.page();
    await open(page);
    await page.locator(".fl-figure-wrap").focus();
    // The step and the focus in one task, so that no idle fill can come between them; the
    // count is read by a listener of our own at the focus event itself, after the view's
    // (listeners on one element run in the order they were added). On a loaded machine the
    // browser may deliver the focus event later: we wait for that event, never for a count.
    await page.evaluate(`window.__next = ${JSON.stringify(showMessage(bigSnapshot()))}`);
    const before = await page.evaluate((sel) => {
      window.dispatchEvent(new MessageEvent("message", { data: (window as unknown as { __next: unknown }).__next }));
      const el = document.querySelector(sel) as HTMLSelectElement;
      el.addEventListener("focus", () => { (window as unknown as { __atFocus: number }).__atFocus = el.options.length; }, { once: true });
      const n = el.options.length;
      el.focus();
      return n;
    }, select);
    assert.equal(before, 1, "before the focus the long list holds just the option it shows");
    const atFocus = await page.waitForFunction(() => (window as unknown as { __atFocus?: number }).__atFocus, undefined, { timeout: 30_000 });
    assert.equal(await atFocus.jsonValue(), live());
  });
});
