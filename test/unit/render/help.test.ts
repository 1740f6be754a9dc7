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

  // A tester at 1366x768 with the panel open: the keys showed 4 rows in 90 px and squeezed
  // the terminal strip to one cut line.
  it("lies over the picture at 660x385: every key is seen, and the terminal strip keeps its lines", async () => {
    const prev = fixture("pipe.prev");
    prev.output = [1, 2, 3, 4].map((n) => ({ pid: 300, fd: 1, text: `line ${n} from the parent\n` }));
    const page = await hx.show([prev, fixture("pipe")], { width: 660, height: 385 });
    const strip = async () => (await page.locator(".fl-console").boundingBox())?.height ?? 0;
    const picture = async () => (await page.locator(".fl-figure-wrap").boundingBox())?.height ?? 0;
    const [stripBefore, pictureBefore] = [await strip(), await picture()];
    await page.locator(".fl-figure-wrap").press("?");
    const keys = page.getByRole("region", { name: "Keys", exact: true });
    assert.equal(await keys.isVisible(), true);
    assert.equal(await strip(), stripBefore, "the terminal strip is not squeezed");
    assert.equal(await picture(), pictureBefore, "the picture keeps its box (the keys lie over it)");
    const cut = await keys.evaluate((el) => { const room = el.getBoundingClientRect();
      return Array.from(el.querySelectorAll("dt, dd")).filter((k) => { const b = k.getBoundingClientRect(); return b.top < room.top || b.bottom > room.bottom + 0.5; }).length; });
    assert.equal(cut, 0, "every key lies inside the keys' box");
    // Over the picture, under the toolbar's menu: the toolbar stays in use.
    const menu = page.getByRole("button", { name: "More actions" });
    await menu.click();
    assert.equal(await page.getByRole("menu").isVisible(), true);
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
