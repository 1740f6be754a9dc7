// A lesson's question in a short view, in Chromium: the question, its form, a notice and
// the verdict together leave the picture at least 60% of the view's height (issue 13: at
// 1366x768 with the bottom panel open the view is about 660x385), with the program's
// terminal strip full; after a wrong answer the choices and the whole why are seen together
// (beside the picture when above it they would not fit); the question collapses to one line
// and opens again from the keyboard.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
const predictFirst = { v: 1, type: "notice", text: "Predict first: answer the question (or skip it), then step.", lasts: "question" };

/** The pipe example's last two steps, with four lines of output before them (the terminal strip at its tallest). */
function withOutput(): Snapshot[] {
  const prev = fixture("pipe.prev");
  prev.output = [1, 2, 3, 4].map((n) => ({ pid: 300, fd: 1, text: `line ${n} from the parent\n` }));
  return [prev, fixture("pipe")];
}

async function height(page: Page, selector: string): Promise<number> {
  return (await page.locator(selector).boundingBox())?.height ?? 0;
}

async function area(page: Page, selector: string): Promise<number> {
  const b = await page.locator(selector).boundingBox();
  return b ? b.width * b.height : 0;
}

interface LessonQuestion { prompt: string; answer: number; explanation: string; choices: Array<{ text: string; why?: string; table?: string }> }

/** Which parts of the question lie whole inside its box on screen, and the picture's size. */
const SEEN = `(() => {
  const box = (s) => document.querySelector(s).getBoundingClientRect();
  const room = box(".fl-question");
  const inside = (s) => { const b = box(s); return b.height > 0 && b.top >= room.top - 0.5 && b.bottom <= room.bottom + 0.5; };
  return { prompt: inside(".fl-prompt"), choices: inside(".fl-choices"), submit: inside(".fl-submit"), why: inside(".fl-verdict"),
    picture: box(".fl-figure-wrap").height, width: box(".fl-figure-wrap").width };
})()`;

/** Every question of the lessons (walkthroughs/lessons.json). */
function lessonQuestions(): Array<{ lesson: string; step: string; q: LessonQuestion }> {
  const file = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "walkthroughs", "lessons.json"), "utf8")) as
    { lessons: Array<{ id: string; steps: Array<{ id: string; question?: LessonQuestion }> }> };
  return file.lessons.flatMap((l) => l.steps.flatMap((st) => (st.question ? [{ lesson: l.id, step: st.id, q: st.question }] : [])));
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

  // A reviewer answered "the child's pid" in the fork lesson: the why filled a 46 px box cut
  // off mid-sentence and the choices scrolled out of view, so "Try again" had nothing to try
  // with. Every lesson question, with its longest wrong answer's why: the prompt, the
  // choices, Submit and the whole why are on screen together, and the picture keeps 60% of
  // the height (above it, or beside it when the question needs more than the picture leaves).
  for (const h of [385, 600]) {
    it(`at 660x${h}, after a wrong answer the choices, Submit and the whole why are seen together, in every lesson`, async () => {
      const page = await hx.show(withOutput(), { width: 660, height: h });
      const lost: string[] = [];
      for (const { lesson, step, q } of lessonQuestions()) {
        const worst = q.choices.map((c, i) => ({ i, why: c.why ?? "" })).sort((a, b) => b.why.length - a.why.length)[0];
        await deliver(page, { v: 1, type: "question", lesson, step, prompt: q.prompt, choices: q.choices.map((c) => c.text) });
        await deliver(page, { v: 1, type: "verdict", lesson, step, choice: worst.i, correct: false, text: worst.why, table: q.choices[worst.i].table });
        await settle(page);
        // A string: the test's compiler names arrow functions with a helper the page lacks.
        const seen = await page.evaluate(SEEN) as { prompt: boolean; choices: boolean; submit: boolean; why: boolean; picture: number; width: number };
        const ok = seen.prompt && seen.choices && seen.submit && seen.why && seen.picture >= 0.6 * h && seen.width >= 0.5 * 660;
        if (!ok) lost.push(`${lesson}/${step}: ${JSON.stringify(seen)}`);
      }
      assert.deepEqual(lost, [], `${lost.length} questions hide part of their answer:\n${lost.join("\n")}`);
    });
  }

  /** The longest question answered wrongly, in a view of this size. */
  async function answeredWrong(width: number, height: number): Promise<Page> {
    const page = await hx.show(withOutput(), { width, height });
    await deliver(page, question);
    await deliver(page, wrong);
    await settle(page);
    return page;
  }
  const beside = (page: Page) => page.evaluate(() => document.body.classList.contains("fl-q-beside"));

  it("a question that needs more room than the picture leaves goes beside it; folded, it gives the width back", async () => {
    const page = await answeredWrong(660, 385);
    assert.equal(await beside(page), true, "the longest question goes beside the picture");
    const box = await page.locator(".fl-figure-wrap").boundingBox();
    assert.ok(box && box.height >= 0.6 * 385 && box.width < 660);
    await page.getByRole("button", { name: "Hide the question's answers" }).click();
    await settle(page);
    const folded = await page.locator(".fl-figure-wrap").boundingBox();
    assert.equal(await beside(page), false);
    assert.ok(folded && folded.width === 660 && folded.height >= 0.6 * 385, `folded: ${JSON.stringify(folded)}`);
  });

  it("with VS Code's side bar open (a 508x370 view) the question stays above: beside, the picture would be fitted to 39%", async () => {
    // A reviewer answered with the side bar open: the question went beside the picture and
    // left it 300 px, fitted to 39% (12 px text at under 5 px), the why cut off as well.
    const page = await answeredWrong(508, 370);
    assert.equal(await beside(page), false, "above the picture");
    const seen = await page.evaluate(SEEN) as { prompt: boolean; choices: boolean; why: boolean; picture: number; width: number };
    const fit = Number(/(\d+)%/.exec(await page.locator(".fl-zoominfo").textContent() ?? "")?.[1]);
    assert.ok(fit >= 60 && seen.width >= 500 && seen.picture >= 0.6 * 370, `the picture fitted to ${fit}%: ${JSON.stringify(seen)}`);
    // The answers scroll in the question's room, brought to the why the learner waits for.
    assert.ok(seen.prompt && seen.why, `the prompt and the why are on screen: ${JSON.stringify(seen)}`);
    // Wider (the side bar closed again), the same question goes beside as before.
    await page.setViewportSize({ width: 660, height: 385 });
    await settle(page);
    assert.equal(await beside(page), true);
  });

  // At 508x370 a reviewer read the fork lesson's explanations: some were cut off under the
  // question's prompt, the rest of the sentence below the picture's 60%. Every right answer's
  // explanation and every wrong answer's why of the lessons: the prompt and the whole verdict
  // are on screen together, and the picture keeps 60% of the height and the width.
  it("with VS Code's side bar open (a 508x370 view) every explanation and every why is seen whole", async () => {
    const page = await hx.show(withOutput(), { width: 508, height: 370 });
    const lost: string[] = [];
    for (const { lesson, step, q } of lessonQuestions()) {
      for (const [choice, c] of q.choices.entries()) {
        const correct = choice === q.answer;
        // Each verdict on a question of its own: a right answer disables the form.
        const asked = `${step}-${choice}`;
        await deliver(page, { v: 1, type: "question", lesson, step: asked, prompt: q.prompt, choices: q.choices.map((x) => x.text) });
        await deliver(page, { v: 1, type: "verdict", lesson, step: asked, choice, correct, text: correct ? q.explanation : c.why ?? "", table: correct ? undefined : c.table });
        await settle(page);
        if (correct) {
          // Answered right, the question folds to the verdict's line (the picture gets its
          // room back); the toggle opens it again, to read the whole explanation.
          const folded = await height(page, ".fl-question");
          if (!(folded <= 36 && await page.locator(".fl-verdict").isVisible())) lost.push(`${lesson}/${step}: not folded to its verdict (${folded}px)`);
          await page.locator(".fl-q-toggle").click();
          await settle(page);
        }
        const seen = await page.evaluate(SEEN) as { prompt: boolean; why: boolean; picture: number; width: number };
        if (!(seen.prompt && seen.why && seen.picture >= 0.6 * 370 && seen.width >= 500)) lost.push(`${lesson}/${step} ${correct ? "explanation" : `why of ${choice}`}: ${JSON.stringify(seen)}`);
      }
    }
    assert.deepEqual(lost, [], `${lost.length} verdicts are not seen whole:\n${lost.join("\n")}`);
  });

  it("collapses to one line with a button the keyboard reaches, and opens again", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await settle(page);
    const open = await area(page, ".fl-figure-wrap");
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
    const collapsed = await area(page, ".fl-figure-wrap");
    assert.ok(collapsed > open, `collapsing gives the picture room: ${open}px, then ${collapsed}px`);
    // The prompt stays readable to a screen reader and by hovering (its whole text).
    assert.equal(await page.locator(".fl-prompt").textContent(), question.prompt);
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), true);
  });

  // A tester at 1366x768 with the panel open: after a right answer the whole form stayed
  // open, taking the picture's room with nothing left to do in it.
  it("answered right, folds to a one-line verdict the toggle opens again, and gives the picture its room", async () => {
    const page = await hx.show(withOutput(), { width: 660, height: 385 });
    await deliver(page, question);
    await settle(page);
    const asked = await area(page, ".fl-figure-wrap");
    await page.keyboard.press("Enter"); // the first choice, from the focused radio
    await deliver(page, { v: 1, type: "verdict", lesson: question.lesson, step: question.step, choice: 0, correct: true, text: "Only exit flushes the stdio buffer." });
    await settle(page);
    assert.ok(await height(page, ".fl-question") <= 36, `answered, the question is ${await height(page, ".fl-question")}px`);
    assert.match(await page.locator(".fl-verdict").textContent() ?? "", /^Right.*This step is complete\.$/);
    assert.equal(await page.locator(".fl-verdict").isVisible(), true);
    assert.equal(await page.locator(".fl-prompt").isVisible(), false);
    assert.ok(await height(page, ".fl-figure-wrap") >= 0.6 * 385);
    assert.ok(await area(page, ".fl-figure-wrap") > asked, "the picture has the form's room back");
    const toggle = page.getByRole("button", { name: "Show the question's answers" });
    assert.equal(await toggle.isEnabled(), true, "the toggle stays in use when the form is disabled");
    await toggle.click();
    await settle(page);
    assert.equal(await page.locator(".fl-prompt").isVisible(), true);
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isVisible(), true);
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isDisabled(), true, "answered: the choices stay closed");
    // A new question opens with its form in use, the toggle too.
    await deliver(page, { ...question, step: "next" });
    assert.equal(await page.locator(".fl-question input[type=radio]").first().isEnabled(), true);
    assert.equal(await page.locator(".fl-q-toggle").isEnabled(), true);
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
