// The legend of the highlights in Chromium: a tester found "closed / freed" and "zombie"
// looked the same (both red dashed) and the gaps between the items uneven (the labels'
// widths were guessed at 7 px a character in a proportional font).
import assert from "node:assert/strict";
import type { ColourScheme } from "../../../src/render/palette";
import { ViewHarness, fixture } from "./page";

interface Item { swatch: { x: number; right: number }; label: { x: number; right: number }; marks: number; dash: string; fill: string }

/** Each item of the legend: its swatch's and label's boxes on screen, what the swatch draws. */
const ITEMS = `(() => {
  const svg = document.querySelector(".fl-figure-wrap svg");
  const sw = Array.from(svg.querySelectorAll(".fl-swatch"));
  return sw.map((r) => { const b = r.getBoundingClientRect(); const t = r.parentNode.querySelector("text[data-legend='" + r.getAttribute("data-legend") + "']").getBoundingClientRect();
    const st = getComputedStyle(r);
    return { swatch: { x: b.x, right: b.right }, label: { x: t.x, right: t.right },
      marks: r.parentNode.querySelectorAll(".fl-swatch-hatch[data-legend='" + r.getAttribute("data-legend") + "']").length, dash: st.strokeDasharray, fill: st.fill }; });
})()`;

describe("the legend (Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const scheme of ["light", "dark", "hc"] as ColourScheme[]) {
    it(`${scheme} theme: "closed / freed" and "zombie" differ in more than colour, and the gaps between the items are even`, async () => {
      const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { scheme, width: 1366, height: 700 });
      const items = await page.evaluate(ITEMS) as Item[];
      assert.equal(items.length, 4);
      const [, , freed, zombie] = items;
      // The zombie's swatch is hatched as a zombie's box is; the freed one is an outline only.
      assert.equal(freed.marks, 0);
      assert.ok(zombie.marks >= 2, `the zombie swatch draws ${zombie.marks} hatch lines`);
      const gaps = items.slice(1).map((it, i) => it.swatch.x - items[i].label.right);
      assert.ok(Math.max(...gaps) - Math.min(...gaps) <= 3, `gaps between the items: ${gaps.map((g) => g.toFixed(1)).join(", ")}`);
      assert.ok(Math.min(...gaps) >= 8, "the items do not touch");
    });
  }
});
