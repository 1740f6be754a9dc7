// Shared set-up for the renderer's Chromium tests: one browser for the whole file, the
// webview bundle built fresh from src/ (so a stale dist/ cannot hide a bug), fixtures.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Snapshot } from "../../../src/contract/snapshot";
import { Chromium, ViewOptions, deliver, launchChromium, openView } from "../../../src/bench/view-page";
import { historyMessage } from "../../../src/contract/sync";

const root = join(__dirname, "..", "..", "..");

export function fixture(name: string): Snapshot {
  return JSON.parse(readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8")) as Snapshot;
}

/** The host's message showing the last of these steps to a view that holds none of them. */
export function showMessage(...history: Snapshot[]): unknown {
  return historyMessage([], history, history.length - 1);
}

let script: string | undefined;

export async function webviewScript(): Promise<string> {
  if (!script) {
    const out = await build({ entryPoints: [join(root, "src/webview/main.ts")], bundle: true, write: false,
      format: "iife", platform: "browser", target: "es2022", logLevel: "silent" });
    script = out.outputFiles[0].text;
  }
  return script;
}

export class ViewHarness {
  chrome: Chromium | undefined;
  async start(): Promise<void> {
    this.chrome = await launchChromium();
  }
  async stop(): Promise<void> {
    await this.chrome?.close();
  }
  async page(opts: ViewOptions = {}): Promise<Page> {
    if (!this.chrome) throw new Error("harness not started");
    const page = await openView(this.chrome, { ...opts, script: await webviewScript() });
    page.on("pageerror", (e) => { throw e; });
    return page;
  }
  /** A fresh page showing the last of these steps (the ones before it give the changes and the terminal). */
  async show(history: Snapshot[], opts: ViewOptions = {}): Promise<Page> {
    const page = await this.page(opts);
    await deliver(page, showMessage(...history));
    await settle(page);
    return page;
  }
}

/** Waits two frames: the view draws what is on screen at once and the margin around it
 *  at the next frame. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
}

/** Text content of the first element matching selector. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? "";
}
