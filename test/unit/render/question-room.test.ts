// A lesson's question in a short view, in Chromium: the question, its form, a notice and
// the verdict together leave the picture at least 60% of the view's height (issue 13: at
// 1366x768 with the bottom panel open the view is about 660x385), with the program's
// terminal strip full; the question collapses to one line and opens again from the keyboard.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver } from "../../../src/bench/view-page";
import type { Snapshot } from "../../../src/contract/snapshot";
import { ViewHarness, fixture, settle } from "./page";

// The longest question of the lessons (streams: whose lines reach the pipe).
const question = { v: 1, type: "question", lesson: "forklab.streams", step: "exitOnlyChild1",
  prompt: "stdout is a pipe. Each child prints one line with printf, then ends: child 1 with exit, child 2 with _exit, child 3 killed by SIGKILL. Whose lines reach the pipe?",
  choices: ["only child 1's", "all three: the kernel writes out a process's output when it ends",
    "child 1's and child 2's: only a signal loses output", "none: a child's buffered output always dies with it"] };
const wrong = { v: 1, type: "verdict", lesson: question.lesson, step: question.step, choice: 1, correct: false, table: "stdio",
  text: "The text is in the process's own memory, in the stdio buffer (the stdio panel shows it), not in the kernel. Only code in the process can write it out." };
const predictFirst = { v: 1, type: "notice", text: "Predict first: answer the question above the tables (or skip it), then step.", lasts: "question" };

/** The pipe example's last two steps, with four lines of output before them (the terminal strip at its tallest). */
function withOutput(): Snapshot[] {
  const prev = fixture("pipe.prev");
  prev.output = [1, 2, 3, 4].map((n) => ({ pid: 300, fd: 1, text: `line ${n} from the parent\n` }));
  return [prev, fixture("pipe")];
}

async function height(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).boundingBox())?.height ?? 0;
}

describe("a lesson question leaves the picture its room (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const h of [385, 600]) {
    it(`at 660x${h}, question, notice and a wrong answer's why leave the picture 60% of the height`, async () => {
      const page = await hx.show(withOutput(), { width: 660, height: h });
      await deliver(page, question);
      await deliver(page, predictFirst);
      await settle(page);
      const asked = await height(page, ".fl-figure-wrap");
      assert.ok(asked >= 0.6 * h, `with the question and the notice the picture is ${asked}px of ${h}px`);
      await deliver(page, wrong);
      await settle(page);
      const answered = await height(page, ".fl-figure-wrap");
      assert.ok(answered >= 0.6 * h, `with the verdict the picture is ${answered}px of ${h}px`);
      // The terminal strip gives up lines, never its newest; the prompt stays on screen.
      const strip = await page.locator(".fl-console").boundingBox();
      const newest = await page.locator(".fl-console li").last().boundingBox();
      assert.ok(strip && strip.height >= 18, "the terminal strip shows a line");
      assert.ok(strip && newest && newest.y >= strip.y - 1 && newest.y + newest.height <= strip.y + strip.height + 1, "the newest line is in view");
      assert.ok(await height(page, ".fl-prompt") > 0);
    });
  }

  it("the question's form scrolls past its room, and the verdict is scrolled into view", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await deliver(page, wrong);
    await settle(page);
    const body = page.locator(".fl-q-body");
    assert.ok(await body.evaluate((el) => el.scrollHeight > el.clientHeight), "what does not fit scrolls");
    const [verdict, room] = [await page.locator(".fl-verdict").boundingBox(), await body.boundingBox()];
    assert.ok(verdict && room && verdict.y < room.y + room.height, "some of the verdict is in view");
  });

  it("collapses to one line with a button the keyboard reaches, and opens again", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await settle(page);
    const open = await height(page, ".fl-figure-wrap");
    // From the first radio (where ask() puts focus), Shift+Tab reaches the toggle.
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.getByRole("button", { name: "Hide the question's answers" }).evaluate((el) => el === document.activeElement), true,
      "Shift+Tab from the answers reaches the toggle");
    const toggle = page.locator(".fl-q-toggle");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await toggle.getAttribute("aria-label"), "Show the question's answers");
    assert.ok(await height(page, ".fl-question") <= 36, `collapsed, the question is ${await height(page, ".fl-question")}px`);
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), false);
    const collapsed = await height(page, ".fl-figure-wrap");
    assert.ok(collapsed > open, `collapsing gives the picture room: ${open}px, then ${collapsed}px`);
    // The prompt stays readable to a screen reader and by hovering (its whole text).
    assert.equal(await page.locator(".fl-prompt").textContent(), question.prompt);
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), true);
  });

  it("opens again when the learner tries to step past it (the predict-first notice)", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await page.getByRole("button", { name: "Hide the question's answers" }).click();
    await deliver(page, predictFirst);
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), true);
  });

  it("a new question opens expanded", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await page.getByRole("button", { name: "Hide the question's answers" }).click();
    await deliver(page, { ...question, step: "another" });
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), true);
  });
});
