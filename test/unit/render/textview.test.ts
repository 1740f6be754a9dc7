// The text view (the picture's text alternative, T) comes into view when it is turned on. A
// reviewer pressed T at 1366x768 with the bottom panel open (the view is about 660x385):
// nothing new showed, the tables were drawn under the picture, below the fold of its pane,
// and the learner had to scroll to find them. Now the pane scrolls to them and focus lands
// on them (a screen reader reads them next); T there hides them and focus goes back to the
// picture, scrolled as it was.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ViewHarness, fixture, settle } from "./page";

/** Where the text view is in the picture's pane: its top inside the pane's visible box, and what has focus. */
const WHERE = `(() => {
  const pane = document.querySelector(".fl-figure-wrap").getBoundingClientRect();
  const text = document.querySelector(".fl-textview");
  const t = text.getBoundingClientRect();
  return { hidden: text.hidden, topSeen: !text.hidden && t.top >= pane.top - 0.5 && t.top < pane.bottom - 40,
    seenHeight: Math.max(0, Math.min(t.bottom, pane.bottom) - Math.max(t.top, pane.top)), pane: pane.height,
    focus: document.activeElement?.className ?? "", scrollTop: document.querySelector(".fl-figure-wrap").scrollTop };
})()`;

interface Where { hidden: boolean; topSeen: boolean; seenHeight: number; pane: number; focus: string; scrollTop: number }

describe("the text view comes into view (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const [width, height] of [[660, 385], [1366, 900]] as const) {
    it(`at ${width}x${height}: T shows the tables in the pane and focuses them; T again gives the picture back`, async () => {
      const page: Page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { width, height });
      const at = (await page.evaluate(WHERE)) as Where;
      assert.equal(at.hidden, true);
      await page.locator(".fl-figure-wrap").press("t");
      await settle(page);
      const on = (await page.evaluate(WHERE)) as Where;
      assert.ok(on.topSeen, `the text view's top is in the pane: ${JSON.stringify(on)}`);
      assert.ok(on.seenHeight >= Math.min(200, on.pane * 0.5), `the text view fills the pane: ${JSON.stringify(on)}`);
      assert.match(on.focus, /fl-textview/, "focus is on the text view");
      assert.match(await page.locator(".fl-sr[aria-live]").textContent() ?? "", /Text view/);
      // T where focus now is hides it again: focus back on the picture, scrolled as before.
      await page.keyboard.press("t");
      await settle(page);
      const off = (await page.evaluate(WHERE)) as Where;
      assert.equal(off.hidden, true);
      assert.match(off.focus, /fl-figure-wrap/);
      assert.equal(off.scrollTop, at.scrollTop);
      await page.close();
    });
  }
});
