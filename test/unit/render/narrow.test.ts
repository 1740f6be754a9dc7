// The view usually sits beside the editor in a narrow panel, often over a terminal panel.
// There the picture keeps most of the height (one toolbar row, a terminal strip; the
// change and event lists only when asked for, under it), and "Fit width" fits: no
// horizontal scroll, and the view says the scale it drew at.
import assert from "node:assert/strict";
import { ViewHarness, fixture } from "./page";

describe("descriptor-table view in a narrow panel", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  it("keeps 60% of the height for the picture at 660x385 (1366x768 with the panel open), and fits the width", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 660, height: 385 });
    const wrap = await page.locator(".fl-figure-wrap").boundingBox();
    assert.ok(wrap && wrap.height >= 0.6 * 385, `the picture area is ${wrap?.height}px of 385px`);
    const scroll = await page.locator(".fl-figure-wrap").evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(scroll[0] <= scroll[1], `no horizontal scroll: ${scroll[0]} > ${scroll[1]}`);
    const natural = Number(await page.locator(".fl-figure-wrap svg").first().getAttribute("width"));
    const drawn = (await page.locator(".fl-figure-wrap svg").first().boundingBox())?.width ?? 0;
    const pct = Number(/^fit (\d+)%$/.exec((await page.locator(".fl-zoominfo").textContent())?.trim() ?? "")?.[1]);
    assert.ok(Math.abs(pct - (100 * drawn) / natural) <= 1, `the view says the scale it fitted to: ${pct}% for ${drawn} of ${natural}px`);
    assert.match(await page.getByRole("button", { name: "Fit the picture to the width" }).getAttribute("title") ?? "", new RegExp(`Fitted to the width: ${pct}%`));
    // The toolbar is one row.
    const bar = await page.locator(".fl-toolbar").boundingBox();
    assert.ok(bar && bar.height < 40, `toolbar ${bar?.height}px tall`);
  });

  it("shows the change and event lists under the picture only when asked for", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 520, height: 900 });
    assert.equal(await page.locator(".fl-side").isVisible(), false);
    await page.getByRole("button", { name: "Changes and events list" }).click();
    const wrap = await page.locator(".fl-figure-wrap").boundingBox();
    const side = await page.locator(".fl-side").boundingBox();
    assert.ok(wrap && side && side.y >= wrap.y + wrap.height - 1, "the side lists sit under the picture");
    assert.ok(wrap.width >= 500, `the picture area keeps the panel's width (${wrap.width}px)`);
  });

  it("draws at the zoom when Fit width is off, and scrolls", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 520, height: 900 });
    await page.getByRole("button", { name: "Fit the picture to the width" }).click();
    assert.equal(await page.getByRole("button", { name: "Fit the picture to the width" }).getAttribute("aria-pressed"), "false");
    const natural = Number(await page.locator(".fl-figure-wrap svg").first().getAttribute("width"));
    const shown = await page.locator(".fl-figure-wrap svg").first().boundingBox();
    assert.ok(shown && Math.abs(shown.width - natural) <= 1, `drawn ${shown?.width}px at 100%, natural ${natural}px`);
    assert.equal((await page.locator(".fl-zoominfo").textContent())?.trim(), "100%");
  });

  it("still fits a small picture to the width of a wide panel (never above actual size)", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 1800, height: 900 });
    const natural = Number(await page.locator(".fl-figure-wrap svg").first().getAttribute("width"));
    const shown = await page.locator(".fl-figure-wrap svg").first().boundingBox();
    assert.ok(shown && shown.width <= natural + 1, `drawn ${shown?.width}px, natural ${natural}px`);
  });
});
