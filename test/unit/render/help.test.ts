// The keys help in Chromium: Escape closes it (from the picture, or from inside it), and
// neither it nor a long notice takes the picture's room in a short view.
import assert from "node:assert/strict";
import { deliver } from "../../../src/bench/view-page";
import { ViewHarness, fixture } from "./page";

describe("the keys help (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());
  const show = () => hx.show([fixture("pipe.prev"), fixture("pipe")], { width: 660, height: 385 });

  it("opens with ? on the picture and closes with Escape, focus staying on the picture", async () => {
    const page = await show();
    const picture = page.locator(".fl-figure-wrap");
    await picture.press("?");
    assert.equal(await page.getByRole("region", { name: "Keys", exact: true }).isVisible(), true);
    await picture.press("Escape");
    assert.equal(await page.getByRole("region", { name: "Keys", exact: true }).isVisible(), false);
    assert.equal(await page.evaluate("document.activeElement.className"), "fl-figure-wrap");
  });

  it("closes with Escape or its close button from inside it; focus goes to the picture", async () => {
    const page = await show();
    await page.locator(".fl-figure-wrap").press("?");
    await page.getByRole("region", { name: "Keys", exact: true }).focus();
    await page.keyboard.press("Escape");
    assert.equal(await page.getByRole("region", { name: "Keys", exact: true }).isVisible(), false);
    assert.equal(await page.evaluate("document.activeElement.className"), "fl-figure-wrap");
    await page.locator(".fl-figure-wrap").press("?");
    await page.getByRole("button", { name: "Close the keys" }).click();
    assert.equal(await page.getByRole("region", { name: "Keys", exact: true }).isVisible(), false);
  });

  it("leaves the picture most of a short view, with the keys and a long notice both open", async () => {
    const page = await show();
    await page.locator(".fl-figure-wrap").press("?");
    await deliver(page, { v: 1, type: "notice", text: "Fork Lab: a long notice. ".repeat(40) });
    const wrap = await page.locator(".fl-figure-wrap").boundingBox();
    assert.ok(wrap && wrap.height >= 0.6 * 385, `the picture area is ${wrap?.height}px of 385px`);
    // What does not fit scrolls, and the keyboard reaches it.
    assert.equal(await page.getByRole("region", { name: "Keys", exact: true }).getAttribute("tabindex"), "0");
  });
});
