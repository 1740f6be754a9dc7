// The terminal's keyboard in the view (Chromium), on real Snapshots of a program stepped
// until fgets blocks in read(0) of the terminal: the input shows only then, is labelled and
// reachable by keyboard, Enter sends the line and Ctrl+D end of file to the host.
import assert from "node:assert/strict";
import { deliver, posted } from "../../../src/bench/view-page";
import { historyMessage } from "../../../src/contract/sync";
import { Stepper } from "../../../src/session/stepper";
import type { Snapshot } from "../../../src/contract/snapshot";
import { compile } from "../c/helpers";
import { ViewHarness } from "./page";

const READER = `#include <stdio.h>
int main(void)
{
    char line[64];
    printf("name? ");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin))
        printf("hello, %s", line);
    return 0;
}
`;

/** The history up to the first fgets blocking in read(0). */
async function blockedInRead(): Promise<Snapshot[]> {
  const { program } = await compile(READER, "reader.c");
  const st = new Stepper({ program, name: "reader", scenario: { stdout: "tty" }, maxSteps: 500 });
  st.continue();
  assert.match(st.current.processes.find((p) => p.pid === st.mainPid)?.blockedOn ?? "", /^read\(0\)$/);
  return [...st.history];
}

const typed = async (page: import("playwright-core").Page) =>
  (await posted(page)).filter((m) => (m as { type: string }).type === "ttyInput");

describe("typing a line for the terminal in the view (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  let history: Snapshot[];
  before(async () => {
    history = await blockedInRead();
    await hx.start();
  });
  after(() => hx.stop());

  it("shows a labelled input only while a process reads the terminal", async () => {
    const page = await hx.page({ width: 660, height: 385 });
    await deliver(page, historyMessage([], history, 0, "reader.c"));
    const box = page.getByRole("textbox", { name: "Type a line for the terminal" });
    assert.equal(await box.isVisible(), false, "at step 0 nothing reads yet");
    await deliver(page, historyMessage(history, history, history.length - 1, "reader.c"));
    assert.equal(await box.isVisible(), true);
    assert.equal(await box.getAttribute("placeholder"), "Type a line for the terminal", "the visible text is the name");
    assert.match(await page.getByRole("group", { name: "Terminal input" }).textContent() ?? "", /pid \d+ reads the terminal:/);
    // It sits under the terminal output, and the picture keeps most of a short view.
    const [out, input, pic] = await Promise.all([".fl-console", ".fl-typein", ".fl-figure-wrap"].map((s) => page.locator(s).boundingBox()));
    assert.ok(out && input && pic && input.y >= out.y + out.height - 1, "the input is under the output");
    assert.ok(pic.height >= 0.5 * 385, `the picture keeps ${pic.height}px of 385`);
  });

  it("from the picture, I focuses it; Enter sends the line with its newline, Ctrl+D end of file", async () => {
    const page = await hx.show(history, { width: 660, height: 385 });
    await page.locator(".fl-figure-wrap").press("i");
    assert.equal(await page.evaluate("document.activeElement.getAttribute('aria-label')"), "Type a line for the terminal");
    await page.keyboard.type("hello");
    await page.keyboard.press("Enter");
    assert.deepEqual(await typed(page), [{ v: 1, type: "ttyInput", text: "hello", end: "newline" }]);
    assert.equal(await page.locator(".fl-typein-line").inputValue(), "", "the line was sent: the input is empty again");
    await page.keyboard.type("ab");
    await page.keyboard.press("Control+d");
    await page.getByRole("button", { name: "Send EOF (Ctrl+D)" }).click();
    assert.deepEqual((await typed(page)).slice(1), [{ v: 1, type: "ttyInput", text: "ab", end: "eof" }, { v: 1, type: "ttyInput", text: "", end: "eof" }]);
  });

  it("the typed line shows on the terminal where it was typed, after the prompt on its line, marked typed and not as a process's output", async () => {
    const { program } = await compile(READER, "reader.c");
    const st = new Stepper({ program, name: "reader", scenario: { stdout: "tty" }, maxSteps: 500 });
    st.continue();
    assert.ok(st.ttyInput("bob", "newline").ok);
    const page = await hx.show([...st.history], { width: 900, height: 600 });
    // A terminal makes lines of newlines: the prompt and the answer typed after it are one.
    const pid = st.mainPid;
    assert.deepEqual(await page.locator(".fl-console li").allTextContents(), [`${pid}name? bob`]);
    assert.deepEqual(await page.locator(".fl-console li .fl-run-typed").allTextContents(), ["bob"], "what was typed, in the terminal's ink");
    st.continue();
    await deliver(page, historyMessage([], [...st.history], st.history.length - 1, "reader.c"));
    assert.deepEqual(await page.locator(".fl-console li").allTextContents(), [`${pid}name? bob`, `${pid}hello, bob`]);
    assert.deepEqual(await page.locator("[data-kind='tty'] .fl-out").allTextContents(), [`${pid}name? bob`, `${pid}hello, bob`]);
    assert.deepEqual(await page.locator("[data-kind='tty'] .fl-out tspan.fl-i").allTextContents(), ["bob"]);
    await page.locator(".fl-figure-wrap").press("t");
    const rows = await page.getByRole("table", { name: "Terminal output" }).locator("tbody tr").allTextContents();
    assert.deepEqual(rows, [`${pid} + typed1name? bob`, `${pid}1hello, bob`]);
    // Typed on a line of its own (no prompt before it), the echo is a line marked typed.
    const bare = new Stepper({ program: (await compile(READER.replace('printf("name? ");', ""), "bare.c")).program, name: "bare", scenario: { stdout: "tty" }, maxSteps: 500 });
    bare.continue();
    bare.ttyInput("amy", "newline");
    bare.continue();
    await deliver(page, historyMessage([], [...bare.history], bare.history.length - 1, "bare.c"));
    await page.locator(".fl-figure-wrap").press("t");
    assert.deepEqual(await page.locator(".fl-console li").allTextContents(), ["typedamy", `${bare.mainPid}hello, amy`]);
    assert.equal(await page.locator(".fl-console li.fl-line-typed").count(), 1);
  });

  // A tester typed a line and pressed Enter: focus went to the picture (the reader took the
  // line and ran on), so a second line needed a click.
  it("keeps the keyboard after Enter, while the reader runs on: a second line is typed at once, then it goes when left", async () => {
    const page = await hx.show(history, { width: 660, height: 385 });
    await page.locator(".fl-figure-wrap").press("i");
    await page.keyboard.type("hello");
    await page.keyboard.press("Enter");
    // The host's next step: nothing reads the terminal (the line was taken).
    await deliver(page, historyMessage(history, history, 1, "reader.c"));
    assert.equal(await page.evaluate("document.activeElement.getAttribute('aria-label')"), "Type a line for the terminal");
    assert.equal(await page.locator(".fl-typein").isVisible(), true);
    assert.match(await page.getByRole("group", { name: "Terminal input" }).textContent() ?? "", /No process reads the terminal now/);
    await page.keyboard.type("again");
    await page.keyboard.press("Enter");
    assert.deepEqual((await typed(page)).map((m) => (m as { text: string }).text), ["hello", "again"]);
    // A reader again: the form says who reads, focus still in it.
    await deliver(page, historyMessage(history, history, history.length - 1, "reader.c"));
    assert.match(await page.getByRole("group", { name: "Terminal input" }).textContent() ?? "", /pid \d+ reads the terminal:/);
    assert.equal(await page.evaluate("document.activeElement.getAttribute('aria-label')"), "Type a line for the terminal");
    // With no reader, leaving the form takes it away.
    await deliver(page, historyMessage(history, history, 1, "reader.c"));
    await page.locator(".fl-figure-wrap").focus();
    assert.equal(await page.locator(".fl-typein").isVisible(), false);
  });

  it("goes when the step shown has no reader, focus going back to the picture", async () => {
    const page = await hx.show(history, { width: 660, height: 385 });
    await page.locator(".fl-typein-line").focus();
    await deliver(page, historyMessage(history, history, 1, "reader.c"));
    assert.equal(await page.locator(".fl-typein").isVisible(), false);
    assert.equal(await page.evaluate("document.activeElement.className"), "fl-figure-wrap");
  });
});
