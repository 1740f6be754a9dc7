// The process form in Chromium: "Step this process" says when the chosen process cannot
// run a line (blocked, stopped). It stays focusable, aria-disabled, with the reason as its
// description and on screen, and posts nothing; for a process that can run it steps it.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver, posted } from "../../../src/bench/view-page";
import { ViewHarness, fixture, settle, showMessage } from "./page";

describe("the process form: a process that cannot be stepped (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());
  let page: Page;
  const steps = async () => (await posted(page)).filter((m) => (m as { type: string }).type === "step");
  const button = () => page.getByRole("button", { name: "Step this process" });
  /** The button's accessible description: the text of what aria-describedby names. */
  const description = () => button().evaluate((b) => (b.getAttribute("aria-describedby") ?? "").split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim());

  beforeEach(async () => {
    // The echo server: pid 100 blocked in accept(3), 101 (blocked in read(4) in the fixture) stopped, 102 running.
    const cur = fixture("echo-two-clients");
    const stopped = { ...cur, step: cur.step + 1, events: [], processes: cur.processes.map((p) => p.pid === 101 ? { ...p, state: "stopped" as const, blockedOn: undefined } : p) };
    page = await hx.page({ width: 660, height: 385 });
    await deliver(page, showMessage(fixture("echo-two-clients.prev"), cur, stopped));
    await settle(page);
    await page.locator(".fl-figure-wrap").press("p");
  });

  it("opens on a process that can run, and steps it", async () => {
    assert.equal(await page.getByLabel("Process", { exact: true }).inputValue(), "102");
    assert.equal(await button().getAttribute("aria-disabled"), null);
    assert.match(await button().getAttribute("title") ?? "", /^Run the next line of pid 102/);
    await button().click();
    assert.deepEqual(await steps(), [{ v: 1, type: "step", pid: 102 }]);
  });

  it("for a blocked process: aria-disabled, the reason as its description and on screen, nothing posted", async () => {
    await page.getByLabel("Process", { exact: true }).selectOption("100");
    assert.equal(await button().getAttribute("aria-disabled"), "true");
    const why = "Cannot step: pid 100 is blocked in accept(3): connect a client.";
    assert.equal(await description(), why);
    assert.equal(await page.getByText(why).isVisible(), true);
    assert.match(await button().getAttribute("title") ?? "", /^Cannot step: pid 100 is blocked in accept\(3\)/);
    // The keyboard reaches it (Tab from the list) and learns why; Enter posts nothing.
    await page.getByLabel("Process", { exact: true }).focus();
    await page.keyboard.press("Tab");
    assert.equal(await button().evaluate((b) => b === document.activeElement), true);
    await page.keyboard.press("Enter");
    // A click too (Playwright would wait for an enabled button: the mouse clicks it anyway).
    await button().click({ force: true });
    assert.deepEqual(await steps(), []);
    assert.equal(await page.locator(".fl-notice").textContent(), "", "no notice: the reason is already beside the button");
  });

  it("names a stopped process as stopped and says to send SIGCONT; choosing one that can run enables it again", async () => {
    const options = await page.getByLabel("Process", { exact: true }).locator("option").allTextContents();
    assert.ok(options.some((o) => /^pid 100 .*\(blocked in accept\(3\)\)$/.test(o)), JSON.stringify(options));
    await page.getByLabel("Process", { exact: true }).selectOption("101");
    await settle(page);
    assert.ok(options.includes("pid 101 echoserverp (stopped)"), JSON.stringify(options));
    assert.equal(await description(), "Cannot step: pid 101 is stopped: send it SIGCONT.");
    await page.getByLabel("Process", { exact: true }).selectOption("102");
    assert.equal(await button().getAttribute("aria-disabled"), null);
    assert.equal(await description(), "");
  });
});
