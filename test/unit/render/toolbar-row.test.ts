// The view's toolbar is one row of codicon buttons at every width a panel beside the editor
// gets (at 1366x768 with the side bar and the bottom panel open the view is about 505 px
// wide): what the row has no room for goes into the overflow menu, where it still acts and
// shows a toggle's state, and comes back when the view widens. Before, the row wrapped to
// two at 505 px and a lesson question's answers kept about 25 px of the height.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver } from "../../../src/bench/view-page";
import { ViewHarness, fixture, settle } from "./page";

const ECHO = ["echo-two-clients.prev", "echo-two-clients"];

async function height(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).first().boundingBox())?.height ?? 0;
}

/** The toolbar's height, and its buttons as the learner finds them: on the row, or as
 *  items of the overflow menu. */
async function row(page: Page): Promise<{ height: number; onRow: string[]; inMenu: string[]; right: number }> {
  return page.evaluate(`(() => {
    const bar = document.querySelector(".fl-toolbar");
    const shown = (e) => e.getClientRects().length > 0;
    const onRow = [...bar.querySelectorAll("button.fl-tool")].filter(shown).map((b) => b.getAttribute("aria-label"));
    const inMenu = [...bar.querySelectorAll("[role=menu] :is([role=menuitem], [role=menuitemcheckbox])")].filter((m) => !m.hidden).map((m) => m.firstElementChild.textContent);
    const right = Math.max(...[...bar.querySelectorAll("button.fl-tool")].filter(shown).map((b) => b.getBoundingClientRect().right));
    return { height: bar.getBoundingClientRect().height, onRow, inMenu, right };
  })()`);
}

describe("the toolbar stays one row (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const width of [360, 430, 505, 660, 1200]) {
    it(`at ${width} px: one row inside the view, every action on the row or in the menu`, async () => {
      const page = await hx.show(ECHO.map(fixture), { width, height: 385 });
      const r = await row(page);
      assert.ok(r.height < 40, `the toolbar is ${r.height}px tall: ${JSON.stringify(r)}`);
      assert.ok(r.right <= width, `a button ends at ${r.right}px, past the view's ${width}px`);
      for (const name of ["First step", "Step back", "Step forward", "Last recorded step", "More actions"]) assert.ok(r.onRow.includes(name), `${name} stays on the row`);
      const all = ["Step or signal a chosen process", "Connect a client", "Send a line or close clients", "Text view of the tables",
        "Changes and events list", "Fit the picture to the width", "Zoom out", "Zoom in"];
      for (const name of all) assert.ok(r.onRow.includes(name) !== r.inMenu.includes(name), `${name}: on the row or in the menu, once (${JSON.stringify(r)})`);
      if (width <= 505) assert.ok(r.inMenu.includes("Zoom in"), "a narrow row moves the zoom into the menu");
      if (width >= 1200) assert.deepEqual(r.inMenu.filter((n) => all.includes(n)), [], "a wide row keeps them all");
    });
  }

  it("a moved button acts from the menu, shows its toggle's state there, and comes back when the view widens", async () => {
    const page = await hx.show(ECHO.map(fixture), { width: 430, height: 385 });
    const before = await row(page);
    assert.ok(before.inMenu.includes("Fit the picture to the width"), JSON.stringify(before));
    await page.getByRole("button", { name: "More actions" }).click();
    const fit = page.getByRole("menuitemcheckbox", { name: "Fit the picture to the width" });
    assert.equal(await fit.getAttribute("aria-checked"), "true", "Fit width is on: the item says so");
    await fit.click();
    assert.equal(await page.locator(".fl-tool[aria-label='Fit the picture to the width']").getAttribute("aria-pressed"), "false", "the item acts: Fit width is off");
    await page.getByRole("button", { name: "More actions" }).click();
    assert.equal(await fit.getAttribute("aria-checked"), "false", "and the menu says so");
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1200, height: 385 });
    await settle(page);
    const after = await row(page);
    assert.ok(after.onRow.includes("Fit the picture to the width") && after.onRow.includes("Zoom in"), JSON.stringify(after));
    assert.ok(!after.inMenu.includes("Zoom in"), "its menu item goes");
  });

  it("the keyboard moves along the row past what moved: End reaches More actions", async () => {
    const page = await hx.show(ECHO.map(fixture), { width: 430, height: 385 });
    await page.getByRole("button", { name: "First step" }).focus();
    await page.keyboard.press("End");
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('aria-label')"), "More actions");
    await page.keyboard.press("ArrowLeft");
    const label = await page.evaluate("document.activeElement?.getAttribute('aria-label')") as string;
    assert.ok((await row(page)).onRow.includes(label), `ArrowLeft lands on a button on the row: ${label}`);
  });

  it("at 505x385 (1366x768, side bar and bottom panel open) a lesson question's answers keep their room", async () => {
    const page = await hx.show([fixture("pipe.prev"), fixture("pipe")], { width: 505, height: 385 });
    await deliver(page, { v: 1, type: "question", lesson: "forklab.streams", step: "exitOnlyChild1",
      prompt: "stdout is a pipe. Each child prints one line with printf, then ends: child 1 with exit, child 2 with _exit, child 3 killed by SIGKILL. Whose lines reach the pipe?",
      choices: ["only child 1's", "all three: the kernel writes out a process's output when it ends",
        "child 1's and child 2's: only a signal loses output", "none: a child's buffered output always dies with it"] });
    await deliver(page, { v: 1, type: "notice", text: "Predict first: answer the question (or skip it), then step.", lasts: "question" });
    await settle(page);
    assert.ok((await row(page)).height < 40, "one toolbar row");
    // The picture keeps its 60% of the height (the rule at every size); the answers get
    // what is left, as at 660 px: more than a choice's line, the rest a scroll away.
    assert.ok(await height(page, ".fl-figure-wrap") >= 0.6 * 385);
    const choice = await height(page, ".fl-choice");
    const body = await height(page, ".fl-q-body");
    assert.ok(body >= 1.5 * choice, `the answers have ${body}px: at least a choice and a half (${choice}px each)`);
    for (const target of [page.locator(".fl-choice").last(), page.locator(".fl-submit")]) {
      await target.scrollIntoViewIfNeeded();
      const [t, room] = [await target.boundingBox(), await page.locator(".fl-q-body").boundingBox()];
      assert.ok(t && room && t.y >= room.y - 1 && t.y + t.height <= room.y + room.height + 1, "scrolled into the answers' room");
    }
  });
});
