// Access for everyone: axe-core (WCAG 2.2 A and AA rules) on the view with real Snapshots
// (the echo server with two clients, zombies and a lost SIGCHLD), a lesson question open and
// the text view open, in the light, dark and high-contrast themes, at 100% and at 200% zoom
// (the panel's CSS size halves): no serious or critical violation. Then the keyboard alone
// steps, scrubs, steps a chosen process, sends a signal, answers a question and exports.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { deliver, posted } from "../../../src/bench/view-page";
import type { ColourScheme } from "../../../src/render/palette";
import { ViewHarness, fixture, settle, showMessage } from "./page";

const AXE = readFileSync(join(__dirname, "..", "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8");
/** The view at 1366x768 with the bottom panel open: about 660x385 CSS pixels. */
const VIEW = { width: 660, height: 385 };

interface AxeResult { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }

const question = { v: 1, type: "question", lesson: "forklab.fork", step: "forkTwice", prompt: "After this step, how many processes print?",
  choices: ["one", "two", "four"] };

async function audit(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const r = (await page.evaluate(`axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })`)) as AxeResult;
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join("; ")}`);
}

describe("the view's accessibility (axe-core in Chromium)", function () {
  this.timeout(120000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  const cases: Array<[string, string[]]> = [
    ["the echo server with two clients", ["echo-two-clients.prev", "echo-two-clients"]],
    ["zombies and a lost SIGCHLD", ["zombies-lost-sigchld.prev", "zombies-lost-sigchld"]],
  ];
  for (const scheme of ["light", "dark", "hc"] as ColourScheme[]) {
    for (const zoom of [1, 2]) {
      for (const [name, files] of cases) {
        it(`${name}, ${scheme} theme, ${zoom * 100}%: no serious or critical violation with a question and the text view open`, async () => {
          const page = await hx.show(files.map(fixture), { scheme, width: Math.round(VIEW.width / zoom), height: Math.round(VIEW.height / zoom) });
          await deliver(page, question);
          await page.locator(".fl-figure-wrap").focus();
          await page.keyboard.press("t");
          await settle(page);
          const found = await audit(page);
          assert.deepEqual(found, [], found.join("\n"));
        });
      }
    }
  }
});

describe("the view by keyboard alone", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());
  let page: Page;
  const last = async () => (await posted(page)).at(-1);
  const focused = () => page.evaluate("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent");

  beforeEach(async () => {
    const prev = fixture("echo-two-clients.prev");
    const cur = fixture("echo-two-clients");
    page = await hx.page(VIEW);
    await deliver(page, showMessage(prev, cur, { ...cur, step: cur.step + 1, events: [] }, { ...cur, step: cur.step + 2, events: [] }));
    await settle(page);
  });

  it("Tab reaches the toolbar, whose arrows move focus; Enter steps, and the picture's arrows step", async () => {
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "First step");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.match(String(await focused()), /^Step forward/);
    await page.keyboard.press("Enter");
    assert.deepEqual(await last(), { v: 1, type: "step" });
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Space");
    assert.deepEqual(await last(), { v: 1, type: "back" });
  });

  it("scrubs with the slider's arrow keys", async () => {
    await page.keyboard.press("Tab");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), "Step");
    await page.keyboard.press("ArrowLeft");
    assert.deepEqual(await last(), { v: 1, type: "goto", step: 2 });
    await page.keyboard.press("Home");
    assert.deepEqual(await last(), { v: 1, type: "goto", step: 0 });
  });

  it("steps a chosen process and sends it a signal from the process form (P on the picture)", async () => {
    await page.locator(".fl-figure-wrap").focus();
    await page.keyboard.press("p");
    assert.equal(await focused(), "Process");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const step = (await last()) as { type: string; pid: number };
    assert.equal(step.type, "step");
    assert.ok(step.pid > 1, JSON.stringify(step));
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    assert.deepEqual(await last(), { v: 1, type: "signal", pid: step.pid, signal: "SIGTERM" });
    // Escape closes the form and gives focus back to its toolbar button.
    await page.keyboard.press("Escape");
    assert.equal(await focused(), "Step or signal a chosen process");
  });

  it("answers a question: focus on the first choice, arrows choose, Enter answers; focus stays after a right answer", async () => {
    await deliver(page, question);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    assert.deepEqual(await last(), { v: 1, type: "answer", lesson: question.lesson, step: question.step, choice: 1 });
    await deliver(page, { v: 1, type: "verdict", lesson: question.lesson, step: question.step, choice: 1, correct: true, text: "Both processes print." });
    const where = await page.evaluate("document.activeElement?.className ?? ''");
    assert.match(String(where), /fl-verdict|fl-question/, `focus after a right answer: ${where}`);
  });

  it("exports from the overflow menu: Down opens it, Enter saves", async () => {
    await page.keyboard.press("Tab");
    await page.keyboard.press("End");
    assert.equal(await focused(), "More actions");
    await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    assert.match(String(await focused()), /Save the picture as SVG/);
    await page.keyboard.press("Enter");
    assert.equal(((await last()) as { format: string }).format, "svg");
    assert.equal(await focused(), "More actions", "focus goes back to the menu button");
  });
});
