// A 200-process picture must not pay for styling 200 <option>s inside its frame, yet the
// "Process" control (the process form) must read the same and offer every live process as soon as
// the learner reaches it (or the browser is idle).
import assert from "node:assert/strict";
import { bigSnapshot } from "../../../src/bench/render-fixture";
import { ViewHarness } from "./page";

describe("process list of a large picture", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  const select = "select[aria-label='Process']";
  const live = (): number => bigSnapshot().processes.filter((p) => p.kind === "program" && p.state !== "zombie").length;

  it("fills every live process once the page is idle, keeping the shown choice", async () => {
    const page = await hx.show([bigSnapshot()]);
    const first = await page.locator(select).inputValue();
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLSelectElement).options.length > 20, select, { timeout: 5000 });
    assert.equal(await page.locator(`${select} option`).count(), live());
    assert.equal(await page.locator(select).inputValue(), first, "the chosen process stays chosen");
  });

  it("fills at once when the learner focuses the control", async () => {
    const page = await hx.show([bigSnapshot()]);
    // Read the count in the same task as the focus, before any idle callback can run.
    const counts = await page.evaluate((sel) => {
      const el = document.querySelector(sel) as HTMLSelectElement;
      const before = el.options.length;
      el.focus();
      return [before, el.options.length];
    }, select);
    assert.ok(counts[0] <= counts[1]);
    assert.equal(counts[1], live());
  });
});
