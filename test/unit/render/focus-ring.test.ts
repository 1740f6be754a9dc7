// Keyboard users see where focus is (WCAG 2.4.7, 2.4.11). A reviewer pressed T: focus moved
// to the text view and nothing showed it. The view's regions fill their box edge to edge (the
// picture's pane, the text view in it, the terminal strip, the keys), and a ring drawn outside
// such a box falls under the toolbar, off the page's edges or outside the pane that clips it.
// This looks at the pixels: with the region focused by the keyboard, each of its edges on
// screen shows VS Code's focus colour (--vscode-focusBorder) where it did not without focus,
// in the light, dark and high-contrast themes.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { deliver } from "../../../src/bench/view-page";
import type { ColourScheme } from "../../../src/render/palette";
import { ViewHarness, fixture, settle } from "./page";

/** The view at 1366x768 with the bottom panel open: about 660x385 CSS pixels. */
const VIEW = { width: 660, height: 385 };

const question = { v: 1, type: "question", lesson: "forklab.fork", step: "forkTwice", prompt: "After this step, how many processes print?",
  choices: ["one", "two", "four"] };

/** Presses these keys in turn. */
async function keys(page: Page, ...names: string[]): Promise<void> {
  for (const name of names) await page.keyboard.press(name);
}

/** Each focusable region and how a keyboard user puts focus on it (Tab, Tab: the toolbar,
 *  then the picture). */
const REGIONS: Array<[string, string, (page: Page) => Promise<void>]> = [
  ["the picture's pane (Tab from the toolbar)", ".fl-figure-wrap", (page) => keys(page, "Tab", "Tab")],
  ["the text view (T on the picture)", ".fl-textview", (page) => keys(page, "Tab", "Tab", "t")],
  ["the terminal strip (Tab from the picture)", ".fl-console", (page) => keys(page, "Tab", "Tab", "Tab")],
  ["the keys (? on the picture, then back past their close button)", ".fl-help", (page) => keys(page, "Tab", "Tab", "?", "Shift+Tab", "Shift+Tab")],
  ["an event in the list (E on the picture)", ".fl-ev[tabindex='0']", (page) => keys(page, "Tab", "Tab", "e")],
  ["the verdict (a right answer given by the keyboard)", ".fl-verdict", async (page) => {
    await deliver(page, question);
    await keys(page, "ArrowDown", "Enter");
    await deliver(page, { v: 1, type: "verdict", lesson: question.lesson, step: question.step, choice: 1, correct: true, text: "Both processes print." });
  }],
];

/** Keeps the page's pixels as drawn under a name, in the page (the screenshot decoded by
 *  its own canvas): only the few pixels looked at come back. */
async function shoot(page: Page, name: string): Promise<void> {
  const png = (await page.screenshot()).toString("base64");
  await page.evaluate(`(async () => {
    const img = new Image();
    img.src = "data:image/png;base64,${png}";
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    (window.__shots ??= {})[${JSON.stringify(name)}] = g.getImageData(0, 0, img.width, img.height);
  })()`);
}

/** The colours of these pixels in a kept shot (black outside it). */
async function pixels(page: Page, name: string, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(`(() => {
    const s = window.__shots[${JSON.stringify(name)}];
    return ${JSON.stringify(points)}.map(([x, y]) => x < 0 || y < 0 || x >= s.width || y >= s.height ? [0, 0, 0]
      : Array.from(s.data.slice((y * s.width + x) * 4, (y * s.width + x) * 4 + 3)));
  })()`);
}

interface Box { left: number; top: number; right: number; bottom: number }
interface Focused { name: string; colour: number[]; box: Box; seen: Box }

/** What has focus: its class, the focus colour as bytes, its box, and the part of it on
 *  screen (inside the page and every ancestor that clips). */
const FOCUSED = `(() => {
  const a = document.activeElement;
  const c = document.createElement("canvas").getContext("2d");
  c.fillStyle = getComputedStyle(document.documentElement).getPropertyValue("--vscode-focusBorder");
  c.fillRect(0, 0, 1, 1);
  const colour = Array.from(c.getImageData(0, 0, 1, 1).data).slice(0, 3);
  const r = a.getBoundingClientRect();
  const seen = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, innerWidth), bottom: Math.min(r.bottom, innerHeight) };
  for (let p = a.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (s.overflow === "visible" && !/paint|strict|content/.test(s.contain)) continue;
    const q = p.getBoundingClientRect();
    seen.left = Math.max(seen.left, q.left); seen.top = Math.max(seen.top, q.top);
    seen.right = Math.min(seen.right, q.right); seen.bottom = Math.min(seen.bottom, q.bottom);
  }
  return { name: a.className, colour, box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, seen };
})()`;

/** The colour is the focus colour (to within anti-aliasing). */
function isRing(rgb: number[], colour: number[]): boolean {
  return Math.abs(rgb[0] - colour[0]) + Math.abs(rgb[1] - colour[1]) + Math.abs(rgb[2] - colour[2]) <= 24;
}

/** The edges of the focused box that are on screen, each with whether a ring shows along
 *  it: at a quarter, half and three quarters of its seen length, a pixel within 4 px of the
 *  edge is the focus colour with focus ("on") and was not without it ("off"). */
async function rings(page: Page, f: Focused): Promise<Record<string, boolean>> {
  const { box, seen, colour } = f;
  const near = (v: number, lo: number, hi: number) => v >= lo - 0.5 && v <= hi + 0.5;
  const edges: Array<[string, boolean, (t: number, d: number) => [number, number]]> = [
    ["top", near(box.top, seen.top, seen.bottom), (t, d) => [seen.left + t * (seen.right - seen.left), box.top + d]],
    ["bottom", near(box.bottom, seen.top, seen.bottom), (t, d) => [seen.left + t * (seen.right - seen.left), box.bottom - 1 + d]],
    ["left", near(box.left, seen.left, seen.right), (t, d) => [box.left + d, seen.top + t * (seen.bottom - seen.top)]],
    ["right", near(box.right, seen.left, seen.right), (t, d) => [box.right - 1 + d, seen.top + t * (seen.bottom - seen.top)]],
  ];
  const found: Record<string, boolean> = {};
  for (const [edge, onScreen, at] of edges) {
    if (!onScreen) continue;
    const across = [0.25, 0.5, 0.75].map((t) => Array.from({ length: 9 }, (_, i) => at(t, i - 4).map(Math.round) as [number, number]));
    const on = await pixels(page, "on", across.flat());
    const off = await pixels(page, "off", across.flat());
    found[edge] = across.every((points, k) => points.some((_, i) => isRing(on[k * 9 + i], colour) && !isRing(off[k * 9 + i], colour)));
  }
  return found;
}

describe("the focus ring of the view's regions (pixels in Chromium)", function () {
  this.timeout(60000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const scheme of ["light", "dark", "hc"] as ColourScheme[]) {
    for (const [name, selector, focus] of REGIONS) {
      it(`${scheme} theme: ${name} shows a ring in the focus colour on each edge on screen`, async () => {
        const page = await hx.show([fixture("echo-two-clients.prev"), fixture("echo-two-clients")], { ...VIEW, scheme });
        await focus(page);
        await settle(page);
        const f = (await page.evaluate(FOCUSED)) as Focused;
        assert.ok(await page.locator(selector).evaluate((e) => e === document.activeElement && e.matches(":focus-visible")),
          `focus is on ${selector} and visible to the browser (it has ${f.name})`);
        await shoot(page, "on");
        // The same page without the focus: what the ring alone adds.
        await page.evaluate("document.activeElement.blur()");
        await settle(page);
        await shoot(page, "off");
        const found = await rings(page, f);
        assert.ok(Object.keys(found).length >= 3, `at least three of its edges are on screen: ${JSON.stringify(f)}`);
        assert.deepEqual(Object.entries(found).filter(([, ring]) => !ring).map(([edge]) => edge), [],
          `edges without a ring: ${JSON.stringify(found)} (${JSON.stringify(f)})`);
        await page.close();
      });
    }
  }
});
