// The view usually sits beside the editor in a narrow panel. There the picture must stay
// legible: the change and event lists move under it, and "Fit width" stops shrinking at
// 75% (the picture scrolls instead of turning into a thumbnail).
import assert from "node:assert/strict";
import { ViewHarness, fixture } from "./page";

describe("descriptor-table view in a narrow panel", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  it("keeps the picture at 75% or more of its size and puts the side lists under it", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 520, height: 900 });
    const natural = Number(await page.locator(".fl-figure-wrap svg").first().getAttribute("width"));
    const shown = await page.locator(".fl-figure-wrap svg").first().boundingBox();
    const wrap = await page.locator(".fl-figure-wrap").boundingBox();
    const side = await page.locator(".fl-side").boundingBox();
    assert.ok(natural > 520 && shown && wrap && side);
    assert.ok(shown.width >= 0.75 * natural - 1, `the picture is drawn ${shown.width}px wide, under 75% of ${natural}px`);
    assert.ok(side.y >= wrap.y + wrap.height - 1, "the side lists sit under the picture");
    assert.ok(wrap.width >= 500, `the picture area keeps the panel's width (${wrap.width}px)`);
  });

  it("still fits a small picture to the width of a wide panel (never above actual size)", async () => {
    const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width: 1800, height: 900 });
    const natural = Number(await page.locator(".fl-figure-wrap svg").first().getAttribute("width"));
    const shown = await page.locator(".fl-figure-wrap svg").first().boundingBox();
    assert.ok(shown && shown.width <= natural + 1, `drawn ${shown?.width}px, natural ${natural}px`);
  });
});
