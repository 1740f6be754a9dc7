// The view's notice in Chromium: a notice belongs to what it is about and goes when that
// is over (the picture moves to another step or session, the question it is about is
// answered or goes); the learner can dismiss it; it stays a polite live region.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver } from "../../../src/bench/view-page";
import type { Snapshot } from "../../../src/contract/snapshot";
import { historyMessage } from "../../../src/contract/sync";
import { ViewHarness, fixture } from "./page";

const notice = (text: string, lasts?: string) => ({ v: 1, type: "notice", text, lasts });
const question = { v: 1, type: "question", lesson: "forklab.fork", step: "sharedOffset",
  prompt: "After the child writes 3 bytes, what is the parent's offset?", choices: ["6", "3", "0"] };
const verdict = (choice: number, correct: boolean) =>
  ({ v: 1, type: "verdict", lesson: "forklab.fork", step: "sharedOffset", choice, correct, text: "The offset is shared." });

describe("the view's notice (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  // One session of four steps (fork-returns.c, say), another of two (zombies.c).
  const cur = fixture("pipe");
  const one: Snapshot[] = [fixture("pipe.prev"), cur, { ...cur, step: cur.step + 1, events: [] }, { ...cur, step: cur.step + 2, events: [] }];
  const other: Snapshot[] = [fixture("echo-two-clients.prev"), fixture("echo-two-clients")];
  const shown = (page: Page) => page.locator(".fl-notice").textContent().then((t) => t ?? "");
  let page: Page;
  beforeEach(async () => {
    page = await hx.page();
    await deliver(page, historyMessage([], one, 2, "fork-returns.c"));
  });

  it("goes when the picture shows another step, not on a message that leaves the step as it was", async () => {
    await deliver(page, notice("A different action at step 3 replaced the 1 recorded step after it."));
    assert.match(await shown(page), /replaced the 1 recorded step/);
    // The same step again (nothing new to send), and a question: the notice stays.
    await deliver(page, historyMessage(one, one, 2, "fork-returns.c"));
    await deliver(page, question);
    assert.match(await shown(page), /replaced/);
    await deliver(page, historyMessage(one, one, 3, "fork-returns.c"));
    assert.equal(await shown(page), "", "the next step was taken");
    // Stepping back is another step too.
    await deliver(page, notice("Fork Lab: no client to close"));
    await deliver(page, historyMessage(one, one, 1, "fork-returns.c"));
    assert.equal(await shown(page), "");
  });

  it("goes when the view shows another session", async () => {
    await deliver(page, notice("A different action at step 3 replaced the 1 recorded step after it."));
    await deliver(page, historyMessage([], other, 1, "keyboard-signals.c"));
    assert.equal(await shown(page), "");
  });

  it("a notice about the question goes once it is answered (right or wrong) or skipped, and with the next step", async () => {
    await deliver(page, question);
    const predict = "Predict first: answer the question (or skip it), then step.";
    await deliver(page, notice(predict, "question"));
    assert.equal(await shown(page), predict);
    await deliver(page, verdict(1, false));
    assert.equal(await shown(page), "", "answered (wrongly: the verdict says what next)");
    await deliver(page, notice(predict, "question"));
    await deliver(page, verdict(0, true));
    assert.equal(await shown(page), "", "answered");
    await deliver(page, question);
    await deliver(page, notice(predict, "question"));
    await deliver(page, { v: 1, type: "unask" });
    assert.equal(await shown(page), "", "skipped");
    // A notice that is not about the question outlives its answer, not the next step.
    await deliver(page, question);
    await deliver(page, notice("Question skipped: step on to see what happens."));
    await deliver(page, verdict(0, true));
    assert.match(await shown(page), /Question skipped/);
    await deliver(page, historyMessage(one, one, 3, "fork-returns.c"));
    assert.equal(await shown(page), "");
  });

  it("a program not started: its notice replaces the session's and stays until a session is shown", async () => {
    await deliver(page, notice("A different action at step 3 replaced the 1 recorded step after it."));
    await deliver(page, { v: 1, type: "refused", title: "bad.c", text: "bad.c does not compile: line 3: expected ';'", line: 3 });
    assert.match(await shown(page), /^bad\.c does not compile: line 3: expected ';' Show the problem \(line 3\)$/);
    await deliver(page, historyMessage([], other, 1, "fork-returns.c"));
    assert.equal(await shown(page), "");
  });

  it("'the session was stopped' goes when a session of the same file is shown, though its first steps are the same", async () => {
    // A reviewer stopped a session, started the same file again, and the notice stayed:
    // the new session's step 0 is the old one's, so its history came as a continuation.
    await deliver(page, { v: 1, type: "ended", text: "fork-returns.c: the session was stopped." });
    assert.match(await shown(page), /the session was stopped\. Start stepping again/);
    await deliver(page, historyMessage(one, one.slice(0, 1), 0, "fork-returns.c"));
    assert.equal(await shown(page), "", "the new session is not over");
    assert.doesNotMatch(await page.locator(".fl-stepinfo").textContent() ?? "", /ended/);
    // Its own notices last as long as it does.
    await deliver(page, notice("The first 3 steps are no longer kept.", "session"));
    await deliver(page, historyMessage(one.slice(0, 1), one.slice(0, 2), 1, "fork-returns.c"));
    assert.match(await shown(page), /no longer kept/);
  });

  it("the learner dismisses it with its close button, or Escape in it (focus goes to the picture)", async () => {
    await deliver(page, notice("Fork Lab: no client to close"));
    const status = page.locator(".fl-notice [role=status]");
    assert.equal(await status.textContent(), "Fork Lab: no client to close", "the text is in the live region");
    await page.getByRole("button", { name: "Dismiss the notice" }).click();
    assert.equal(await shown(page), "");
    assert.equal(await page.getByRole("button", { name: "Dismiss the notice" }).count(), 0, "no close button without a notice");
    // The live region stays in the page (a region shown and filled at once is often not announced).
    assert.equal(await status.count(), 1);
    assert.ok(await status.evaluate((e) => getComputedStyle(e).display !== "none"));
    await deliver(page, notice("Fork Lab: no client to close"));
    await page.getByRole("button", { name: "Dismiss the notice" }).focus();
    await page.keyboard.press("Escape");
    assert.equal(await shown(page), "");
    assert.equal(await page.evaluate("document.activeElement.className"), "fl-figure-wrap");
    // With nothing to say the notice takes no room.
    assert.equal((await page.locator(".fl-notice").boundingBox())?.height ?? 0, 0);
  });
});
