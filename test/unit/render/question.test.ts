// A lesson's question in the view, in Chromium: the form is an accessible radio group that
// takes focus, is answered from the keyboard, posts a validated answer, and shows the
// host's verdict in a live region; a wrong answer marks the table its why points at while
// the tables stay on screen, and the learner can answer again.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver, posted } from "../../../src/bench/view-page";
import { isHostMessage, isViewMessage } from "../../../src/contract/protocol";
import { ViewHarness, fixture, settle } from "./page";

const question = { v: 1, type: "question", lesson: "forklab.fork", step: "sharedOffset",
  prompt: "After the child writes 3 bytes, what is the parent's offset?", choices: ["6", "3", "0"] };
const verdict = (choice: number, correct: boolean, text: string, table?: string) =>
  ({ v: 1, type: "verdict", lesson: "forklab.fork", step: "sharedOffset", choice, correct, text, table });

async function answers(page: Page): Promise<unknown[]> {
  return (await posted(page)).filter((m) => (m as { type: string }).type === "answer");
}

/** A fresh view of the pipe fixture with the question asked. */
async function asked(hx: ViewHarness): Promise<Page> {
  await hx.start();
  const page = await hx.show([fixture("pipe.prev"), fixture("pipe")]);
  await deliver(page, question);
  await settle(page);
  return page;
}

describe("lesson question in the view (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  let page: Page;
  before(async () => { page = await asked(hx); });
  after(() => hx.stop());

  it("draws the prompt as the label of a radio group with one radio per choice, a Submit button and a live region", async () => {
    const group = page.locator(".fl-question [role=radiogroup]");
    const labelId = await group.getAttribute("aria-labelledby");
    assert.equal(await page.locator(`[id="${labelId}"]`).textContent(), question.prompt);
    assert.deepEqual(await page.locator(".fl-question label").allTextContents(), question.choices);
    assert.equal(await page.locator(".fl-question input[type=radio]").count(), 3);
    assert.equal(await page.locator(".fl-question button.fl-submit").textContent(), "Submit");
    assert.equal(await page.locator(".fl-verdict").getAttribute("aria-live"), "polite");
    // The tables are still drawn below the question.
    assert.ok(await page.locator(".fl-figure-wrap [data-key^='f:']").count() > 0);
  });

  it("moves focus into the form, so the keyboard answers: arrows choose, Enter submits", async () => {
    assert.equal(await page.evaluate("document.activeElement?.closest('.fl-question') !== null"), true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const sent = await answers(page);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0], { v: 1, type: "answer", lesson: "forklab.fork", step: "sharedOffset", choice: 1 });
    assert.ok(isViewMessage(sent[0]));
  });

  it("shows a wrong answer's why in the live region and highlights the table it names; the tables stay", async () => {
    await deliver(page, verdict(1, false, "The parent and child share one open file: its offset moved for both.", "openFile"));
    await settle(page);
    assert.match(await page.locator(".fl-verdict").textContent() ?? "", /Not quite: 3\. The parent and child share one open file.*open file table is highlighted below\. Try again/);
    assert.equal(await page.locator(".fl-figure-wrap.fl-hl-openFile").count(), 1);
    const stroke = await page.locator(".fl-figure-wrap [data-key^='f:'] rect").first().evaluate((el) => getComputedStyle(el).strokeWidth);
    assert.equal(stroke, "3px", "the open file table's rows are outlined");
    const procStroke = await page.locator(".fl-figure-wrap [data-key^='p:'] .fl-box").first().evaluate((el) => getComputedStyle(el).strokeWidth);
    assert.notEqual(procStroke, "3px", "other tables are not");
    assert.ok(await page.locator(".fl-figure-wrap [data-key^='p:']").count() > 0);
    // The form stays usable for another try.
    assert.equal(await page.locator(".fl-submit").isDisabled(), false);
  });

  it("on a right answer shows the explanation, clears the highlight and closes the form", async () => {
    await page.locator(".fl-question input[value='0']").check();
    await page.locator(".fl-submit").click();
    assert.equal((await answers(page)).length, 2);
    await deliver(page, verdict(0, true, "One open file, one offset: both writes move it."));
    await settle(page);
    assert.match(await page.locator(".fl-verdict").textContent() ?? "", /^Right: 6\. One open file, one offset.*complete/);
    assert.equal(await page.locator("[class*='fl-hl-']").count(), 0);
    assert.equal(await page.locator(".fl-submit").isDisabled(), true);
  });

  it("ignores a verdict on a question that is not on screen", async () => {
    const before = await page.locator(".fl-verdict").textContent();
    await deliver(page, { ...verdict(2, false, "stale", "vnode"), step: "dup2" });
    assert.equal(await page.locator(".fl-verdict").textContent(), before);
    assert.equal(await page.locator(".fl-hl-vnode").count(), 0);
  });
});

// The view forgets its DOM when hidden (retainContextWhenHidden is off) and shows another
// session's question when the learner switches editors: the selection lives with the host,
// which hears every choice and gives it back with the question.
describe("lesson question: the selected answer outlives the form (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  let page: Page;
  before(async () => { page = await asked(hx); });
  after(() => hx.stop());

  it("tells the host each choice the learner selects, before any Submit", async () => {
    await page.locator(".fl-question input[value='2']").check();
    await page.keyboard.press("ArrowUp");
    const chosen = (await posted(page)).filter((m) => (m as { type: string }).type === "choose");
    assert.deepEqual(chosen, [
      { v: 1, type: "choose", lesson: "forklab.fork", step: "sharedOffset", choice: 2 },
      { v: 1, type: "choose", lesson: "forklab.fork", step: "sharedOffset", choice: 1 },
    ]);
    assert.ok(chosen.every(isViewMessage));
    assert.equal((await answers(page)).length, 0, "choosing is not answering");
  });

  it("asked again with the host's `chosen`, selects it and starts the keyboard there", async () => {
    await deliver(page, { v: 1, type: "unask" });
    await deliver(page, { ...question, chosen: 1 });
    await settle(page);
    assert.deepEqual(await page.locator(".fl-question input[type=radio]").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked)), [false, true, false]);
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('value')"), "1");
    await page.locator(".fl-submit").click();
    assert.deepEqual((await answers(page)).at(-1), { v: 1, type: "answer", lesson: "forklab.fork", step: "sharedOffset", choice: 1 });
  });

  it("the host's messages are checked: a `chosen` that is not one of the choices is refused", () => {
    assert.ok(isHostMessage({ ...question, chosen: 2 }));
    assert.ok(!isHostMessage({ ...question, chosen: 3 }));
    assert.ok(!isViewMessage({ v: 1, type: "choose", lesson: "forklab.fork", step: "sharedOffset", choice: -1 }));
  });
});
