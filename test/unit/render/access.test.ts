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
import { THEMES, ThemeVars } from "../../../src/render/themes";
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

/** Real Snapshots: a step and the one before it (for the changes and the terminal). */
const CASES: Array<[string, string[]]> = [
  ["the echo server with two clients", ["echo-two-clients.prev", "echo-two-clients"]],
  ["zombies and a lost SIGCHLD", ["zombies-lost-sigchld.prev", "zombies-lost-sigchld"]],
  ["a pipe", ["pipe.prev", "pipe"]],
];

describe("the view's accessibility (axe-core in Chromium)", function () {
  this.timeout(120000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  const cases = CASES.slice(0, 2);
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

/** Themes VS Code ships whose chart colours carry alpha: Light Modern and Light+ give
 *  charts.orange as rgba(234,92,0,0.33) (and charts.yellow #bf8803, 2.9:1 on white); the
 *  dark one is Dark Modern with Dark+'s translucent description colour, and a blue and a purple
 *  with alpha. */
const ALPHA_THEMES: Array<[string, ColourScheme, ThemeVars]> = [
  ["Light Modern", "light", { ...THEMES.light, "--vscode-editor-foreground": "#3b3b3b", "--vscode-descriptionForeground": "#3b3b3b",
    "--vscode-charts-orange": "rgba(234, 92, 0, 0.33)", "--vscode-charts-red": "#e51400", "--vscode-charts-yellow": "#bf8803",
    "--vscode-charts-green": "#388a34", "--vscode-charts-blue": "#1a85ff", "--vscode-charts-purple": "#652d90",
    "--vscode-editorWidget-border": "#e5e5e566" }],
  ["Dark Modern", "dark", { ...THEMES.dark, "--vscode-editor-foreground": "#cccccc", "--vscode-descriptionForeground": "rgba(204, 204, 204, 0.7)",
    "--vscode-charts-orange": "rgba(234, 92, 0, 0.33)", "--vscode-charts-red": "#f14c4c", "--vscode-charts-yellow": "#cca700",
    "--vscode-charts-green": "#89d185", "--vscode-charts-blue": "#3794ff99", "--vscode-charts-purple": "#b180d7b3" }],
];

interface Paint { what: string; rgba: number[]; against?: number[][] }

/** Every theme-coloured stroke, mark and text of the view as drawn (a canvas resolves the
 *  computed colour to sRGB bytes), with the backdrops each text must stand out from. */
async function paints(page: Page): Promise<Paint[]> {
  return page.evaluate(`(() => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    const rgba = (c) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = "#00000000"; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3]]; };
    const root = getComputedStyle(document.documentElement);
    const bg = rgba(root.getPropertyValue("--vscode-editor-background"));
    const widget = rgba(root.getPropertyValue("--vscode-editorWidget-background"));
    const out = [];
    const name = (el) => el.tagName + "." + [...el.classList].join(".") + (el.textContent ? " '" + el.textContent.slice(0, 30) + "'" : "");
    // What draws letters: a text or tspan with characters of its own.
    const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    for (const el of [...document.querySelectorAll(".fl-figure-wrap svg :is(text, tspan)")].filter(ownText)) {
      const fill = getComputedStyle(el).fill;
      // Pid badges take the pid's tone, not a theme colour.
      if (fill === "none" || el.classList.contains("fl-badge")) continue;
      const chip = el.classList.contains("fl-st-zombie") ? el.previousElementSibling : null;
      out.push({ what: name(el), rgba: rgba(fill), against: chip ? [rgba(getComputedStyle(chip).fill)] : [bg, widget] });
    }
    for (const el of document.querySelectorAll(".fl-figure-wrap svg :is(.fl-chg, .fl-new, .fl-freed, .fl-zombie, .fl-cell, .fl-box, .fl-link-s, rect.fl-chip)"))
      out.push({ what: name(el) + " stroke", rgba: rgba(getComputedStyle(el).stroke) });
    for (const el of document.querySelectorAll(".fl-mark")) out.push({ what: name(el), rgba: rgba(getComputedStyle(el).backgroundColor) });
    return out;
  })()`);
}

function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: number[], b: number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe("the picture in themes whose colours carry alpha", function () {
  this.timeout(120000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  for (const [theme, scheme, vars] of ALPHA_THEMES) {
    for (const [name, files] of CASES) {
      it(`${name}, ${theme}: strokes, marks and text opaque, text at 4.5:1 or more, no serious axe violation`, async () => {
        const page = await hx.show(files.map(fixture), { scheme, vars, width: VIEW.width, height: VIEW.height });
        const found = await paints(page);
        assert.ok(found.some((p) => p.what.startsWith("text")) && found.some((p) => p.what.endsWith("stroke")), JSON.stringify(found.slice(0, 5)));
        // The zombies' history has an exit and a signal: the slider marks them.
        if (name.startsWith("zombies")) assert.ok(found.some((p) => p.what.startsWith("SPAN.fl-mark")), "no slider marks seen");
        const bad: string[] = [];
        for (const p of found) {
          if (p.rgba[3] !== 255) bad.push(`${p.what}: alpha ${p.rgba[3]}/255`);
          for (const b of p.against ?? []) {
            const c = contrast(p.rgba, b);
            if (c < 4.5) bad.push(`${p.what}: rgb(${p.rgba.slice(0, 3)}) on rgb(${b.slice(0, 3)}) at ${c.toFixed(2)}:1`);
          }
        }
        assert.deepEqual(bad, [], bad.join("\n"));
        const axe = await audit(page);
        assert.deepEqual(axe, [], axe.join("\n"));
      });
    }
  }

  it("an exported SVG carries the theme's colours without alpha, for viewers without relative colours", async () => {
    const [, scheme, vars] = ALPHA_THEMES[1];
    const page = await hx.show(["echo-two-clients.prev", "echo-two-clients"].map(fixture), { scheme, vars, width: VIEW.width, height: VIEW.height });
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: /Save the picture as SVG/ }).click();
    const svg = ((await posted(page)).at(-1) as { format: string; data: string }).data;
    const root = /^<svg[^>]* style="([^"]*)"/.exec(svg)?.[1] ?? "";
    assert.match(root, /--vscode-charts-orange:rgb\(234 92 0\);/);
    assert.match(root, /--vscode-charts-blue:rgb\(55 148 255\);/);
    assert.match(root, /--vscode-descriptionForeground:rgb\(204 204 204\);/);
    // Fills stay as the theme gives them.
    assert.match(root, /--vscode-editor-background:#1f1f1f;/);
  });
});

/** VS Code's Dark+ as the webview gets it: the description colour is the text's grey at 70%. */
const DARK_PLUS: ThemeVars = { ...THEMES.dark, "--vscode-editor-background": "#1e1e1e", "--vscode-editor-foreground": "#d4d4d4",
  "--vscode-descriptionForeground": "rgba(204, 204, 204, 0.7)", "--vscode-editorWidget-background": "#252526", "--vscode-sideBar-background": "#252526" };

describe("muted text is quieter than the text and still reads (Chromium)", function () {
  this.timeout(120000);
  const hx = new ViewHarness();
  before(() => hx.start());
  after(() => hx.stop());

  const themes: Array<[string, ColourScheme, ThemeVars]> = [
    ["light", "light", THEMES.light], ["dark", "dark", THEMES.dark], ["high contrast", "hc", THEMES.hc], ["Dark+", "dark", DARK_PLUS], ...ALPHA_THEMES];
  for (const [theme, scheme, vars] of themes) {
    it(`${theme}: the picture's and the page's muted text is opaque, at 4.5:1 on its background, and a step down from the text`, async () => {
      const page = await hx.show(["pipe.prev", "pipe"].map(fixture), { scheme, vars, width: VIEW.width, height: VIEW.height });
      await deliver(page, question);
      await settle(page);
      const inks = await page.evaluate(`(() => {
        const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
        const rgba = (c) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = "#00000000"; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
          const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3]]; };
        const root = getComputedStyle(document.documentElement);
        const first = (sel, prop) => { const e = document.querySelector(sel); return e ? rgba(getComputedStyle(e)[prop]) : null; };
        return { bg: rgba(root.getPropertyValue("--vscode-editor-background")), widget: rgba(root.getPropertyValue("--vscode-editorWidget-background")),
          text: first(".fl-figure-wrap svg text.fl-t", "fill"), muted: first(".fl-figure-wrap svg text.fl-m", "fill"),
          pageText: rgba(getComputedStyle(document.body).color), pageMuted: first(".fl-q-kind", "color"), zoomInfo: first(".fl-zoominfo", "color") };
      })()`) as Record<string, number[] | null>;
      const bad: string[] = [];
      for (const [muted, text, on] of [["muted", "text", ["bg", "widget"]], ["pageMuted", "pageText", ["widget"]], ["zoomInfo", "pageText", ["bg"]]] as const) {
        const m = inks[muted];
        const t = inks[text];
        if (!m || !t) { bad.push(`no ${!m ? muted : text} on the page`); continue; }
        if (m[3] !== 255) bad.push(`${muted}: alpha ${m[3]}/255`);
        for (const b of on) if (contrast(m, inks[b]!) < 4.5) bad.push(`${muted} rgb(${m.slice(0, 3)}) on ${b} rgb(${inks[b]!.slice(0, 3)}): ${contrast(m, inks[b]!).toFixed(2)}:1`);
        // A step down the hierarchy: not the text's own colour, nor one the eye takes for it.
        if (contrast(m, t) < 1.4) bad.push(`${muted} rgb(${m.slice(0, 3)}) is as strong as ${text} rgb(${t.slice(0, 3)}): ${contrast(m, t).toFixed(2)}:1 between them`);
      }
      assert.deepEqual(bad, [], bad.join("\n"));
    });
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
