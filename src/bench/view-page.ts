// Drives the built webview bundle in Debian's Chromium without VS Code: a page that
// looks like a webview (theme variables on the root, the body class, a stand-in for
// acquireVsCodeApi that records what the view posts). Used by the render benchmark,
// the renderer's Chromium tests and `forklab render --png` (screenshots).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { ColourScheme } from "../render/palette";
import { THEMES, THEME_BODY_CLASS, ThemeVars, themeDeclarations } from "../render/themes";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The checkout's root (where package.json is), from src/bench or dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  // Loaded by name at run time so esbuild leaves playwright-core out of dist/cli.js.
  const name = "playwright-core";
  const { chromium } = (await import(name)) as typeof import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "forklab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1500, height: 1000 },
    reducedMotion: "reduce",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface ViewOptions {
  scheme?: ColourScheme;
  width?: number;
  height?: number;
  /** The webview script; default dist/webview.js. */
  script?: string;
  /** What vscode.getState() returns at start (a reload: the state the view saved before). */
  state?: unknown;
  /** Theme variables in place of the scheme's preset (a theme VS Code ships, e.g. with alpha colours). */
  vars?: ThemeVars;
}

/** The toolbar's icon font as the webview loads it, with the font inlined (the page has
 *  no origin to load dist/codicon.ttf from). */
function codiconCss(root: string): string {
  const dir = join(root, "node_modules", "@vscode", "codicons", "dist");
  if (!existsSync(join(dir, "codicon.css"))) return "";
  const font = readFileSync(join(dir, "codicon.ttf")).toString("base64");
  return readFileSync(join(dir, "codicon.css"), "utf8").replace(/url\("\.\/codicon\.ttf[^"]*"\)/, `url("data:font/ttf;base64,${font}")`);
}

/** A page running the webview script the way a webview would, in the given theme. */
export async function openView(chrome: Chromium, opts: ViewOptions = {}): Promise<Page> {
  const { scheme = "light", width = 1500, height = 1000 } = opts;
  const root = repoRoot();
  const bundle = join(root, "dist", "webview.js");
  if (!opts.script && !existsSync(bundle)) throw new Error("dist/webview.js is missing: run `node scripts/build.mjs` first");
  const page = await chrome.context.newPage();
  await page.setViewportSize({ width, height });
  const css = readFileSync(join(root, "media", "view.css"), "utf8") + codiconCss(root);
  await page.setContent(`<!DOCTYPE html><html lang="en" style="${themeDeclarations(opts.vars ?? THEMES[scheme])}"><head><meta charset="utf-8">` +
    `<title>Fork Lab: descriptor tables</title><style>${css}</style></head><body class="${THEME_BODY_CLASS[scheme]}"><div id="app"></div></body></html>`);
  // Scripts go in as text: functions would be re-serialised with the test runner's helpers.
  await page.evaluate(`window.__posted = []; window.__state = ${opts.state === undefined ? "undefined" : JSON.stringify(opts.state)};
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m),
      getState: () => window.__state, setState: (s) => { window.__state = s; } });`);
  await page.addScriptTag({ content: opts.script ?? readFileSync(bundle, "utf8") });
  // The host sends nothing before the view says ready (src/extension/view/panel.ts), and a
  // webview paints its first frame meanwhile: wait for both, as a real first message would.
  await page.waitForFunction("window.__posted.some((m) => m.type === 'ready')");
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
  return page;
}

/** Delivers a host message to the view synchronously; resolves with the milliseconds the
 *  view took to handle it, including style and layout of the result. */
export async function deliver(page: Page, message: unknown): Promise<number> {
  // Handed over first, so the timing covers the view's work and not the transfer.
  await page.evaluate(`window.__next = ${JSON.stringify(message)}`);
  return page.evaluate(`(() => {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent("message", { data: window.__next }));
    document.body.getBoundingClientRect();
    document.querySelector(".fl-figure-wrap svg")?.getBBox();
    return performance.now() - t0;
  })()`);
}

/** What the view has posted to the host so far. */
export async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate("window.__posted");
}
