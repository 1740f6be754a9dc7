// The view's zoom in Chromium: Zoom in / out step from the scale shown (a fitted one
// included), every press of a fast burst counts, the host hears the zoom once the presses
// settle, and the host's older value does not undo presses it has not heard yet.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver, posted } from "../../../src/bench/view-page";
import { ViewHarness, fixture } from "./page";

const zoomInfo = async (page: Page) => (await page.locator(".fl-zoominfo").textContent())?.trim() ?? "";
const pct = (t: string) => Number(/(\d+)%/.exec(t)?.[1]);
const zooms = async (page: Page) => (await posted(page)).filter((m) => (m as { type: string }).type === "zoom");
/** Presses Zoom out as a learner would: in the toolbar row, or in More actions when the row
 *  has no room for it (toolbar.ts moves it there at narrow widths). */
async function zoomOut(page: Page): Promise<void> {
  const inRow = page.locator(".fl-toolbar > button[aria-label='Zoom out']");
  if (await inRow.isVisible()) return inRow.click();
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Zoom out" }).click();
}

describe("the view's zoom (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  let page: Page;
  before(() => hx.start());
  after(() => hx.stop());
  beforeEach(async () => {
    // 560 px wide: the picture is fitted to 77%, between two steps.
    page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 560, height: 385 });
  });

  it("zooms out from 'fit' to the step below the fitted scale, and in to the step above it", async () => {
    const fit = pct(await zoomInfo(page));
    assert.match(await zoomInfo(page), /^fit \d+%$/);
    assert.ok(fit < 100 && fit % 10 !== 0, `fitted to ${fit}%`);
    await zoomOut(page);
    assert.equal(await zoomInfo(page), `${Math.floor(fit / 10) * 10}%`);
    // The host's step (VS Code's keybinding for Ctrl+= while the view has focus), from fit.
    const again = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 560, height: 385 });
    await deliver(again, { v: 1, type: "zoomStep", by: "in" });
    assert.equal(await zoomInfo(again), `${Math.ceil(fit / 10) * 10}%`);
  });

  it("counts every press of a fast burst and tells the host once, after the burst", async () => {
    const fit = pct(await zoomInfo(page));
    const start = Math.ceil(fit / 10) * 10;
    // Four presses as fast as messages come, and the host's display from before the burst
    // (its setting, written earlier) in between.
    const step = JSON.stringify({ v: 1, type: "zoomStep", by: "in" });
    const display = JSON.stringify({ v: 1, type: "display", zoom: 1, presentation: false });
    await page.evaluate(`for (const m of [${step}, ${step}, ${display}, ${step}, ${step}]) window.dispatchEvent(new MessageEvent("message", { data: m }))`);
    assert.equal(await zoomInfo(page), `${start + 30}%`);
    await page.waitForFunction("window.__posted.some((m) => m.type === 'zoom')", undefined, { timeout: 5000 });
    assert.deepEqual(await zooms(page), [{ v: 1, type: "zoom", zoom: (start + 30) / 100 }]);
    // Three quick presses of the Zoom out button: three steps.
    await page.evaluate("for (let i = 0; i < 3; i++) document.querySelector('.fl-toolbar button[aria-label=\"Zoom out\"]').click()");
    assert.equal(await zoomInfo(page), `${start}%`);
    await page.waitForFunction("window.__posted.filter((m) => m.type === 'zoom').length === 2", undefined, { timeout: 5000 });
    assert.deepEqual((await zooms(page)).at(-1), { v: 1, type: "zoom", zoom: start / 100 });
    // Once the host has heard, its display is taken again (the setting changed by hand).
    await deliver(page, { v: 1, type: "display", zoom: 1.5, presentation: false });
    assert.equal(await zoomInfo(page), "150%");
  });

  it("Ctrl+0 (the host's reset step) goes back to the fitted zoom, as the view starts, and the setting to 100%", async () => {
    // A reviewer pressed Ctrl+0 after zooming: the picture went to 100%, unfitted, wider than the view.
    const fitted = await zoomInfo(page);
    for (const by of ["in", "in", "reset"]) await deliver(page, { v: 1, type: "zoomStep", by });
    assert.equal(await zoomInfo(page), fitted, "fitted again");
    const fit = page.locator(".fl-toolbar button[aria-label='Fit the picture to the width']");
    assert.equal(await fit.getAttribute("aria-pressed"), "true");
    await page.waitForFunction("window.__posted.some((m) => m.type === 'zoom')", undefined, { timeout: 5000 });
    assert.deepEqual(await zooms(page), [{ v: 1, type: "zoom", zoom: 1 }], "forklab.view.zoom back to 1, once");
    // F goes between the fitted picture and the zoom, which the reset made 100%.
    await page.locator(".fl-figure-wrap").press("f");
    assert.equal(await zoomInfo(page), "100%");
    await page.locator(".fl-figure-wrap").press("f");
    assert.equal(await zoomInfo(page), fitted);
    // In the presentation layout too: from a zoom, Ctrl+0 fits the picture to the width.
    await deliver(page, { v: 1, type: "display", zoom: 1, presentation: true });
    const present = await zoomInfo(page);
    for (const by of ["in", "in", "reset"]) await deliver(page, { v: 1, type: "zoomStep", by });
    assert.equal(await zoomInfo(page), present);
    assert.equal(await fit.getAttribute("aria-pressed"), "true");
  });

  it("zooms the picture only: at 50% and at 300% the toolbar, step counter and terminal keep the workbench's size", async () => {
    // A tester at 50%: every rem of the page scaled with the picture, the controls were 6.5 px.
    const sizes = () => page.evaluate<string[]>(`["html", ".fl-stepinfo", ".fl-zoominfo", ".fl-console"].map((s) => getComputedStyle(document.querySelector(s)).fontSize)`);
    const picture = () => page.locator(".fl-figure-wrap svg .fl-mono").first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize) * ((t as SVGGraphicsElement).getScreenCTM()?.a ?? 1));
    const before = await sizes();
    assert.equal(before[0], "13px");
    await deliver(page, { v: 1, type: "display", zoom: 0.5, presentation: false });
    await page.locator(".fl-figure-wrap").press("f"); // not fitted: the picture at the zoom
    assert.equal(await zoomInfo(page), "50%");
    assert.deepEqual(await sizes(), before);
    const small = await picture();
    await deliver(page, { v: 1, type: "display", zoom: 3, presentation: false });
    assert.equal(await zoomInfo(page), "300%");
    assert.deepEqual(await sizes(), before);
    const large = await picture();
    assert.ok(Math.abs(large / small - 6) < 0.1, `the picture's text went from ${small} px to ${large} px`);
  });

  it("leaves the zoom keys to VS Code's keybinding (one step per press), keeping the browser from zooming the page", async () => {
    const before = await zoomInfo(page);
    const prevented = await page.evaluate(`(() => {
      const ev = new KeyboardEvent("keydown", { key: "=", ctrlKey: true, bubbles: true, cancelable: true });
      document.querySelector(".fl-figure-wrap").dispatchEvent(ev);
      return ev.defaultPrevented;
    })()`);
    assert.equal(prevented, true);
    assert.equal(await zoomInfo(page), before);
  });
});
