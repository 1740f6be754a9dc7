// Reads the live VS Code page (what the learner sees) from inside the extension host.
// The extension host cannot see the workbench's DOM, so the runner keeps the Playwright
// page and serves reads on 127.0.0.1 at FORKLAB_PAGE_URL; see scripts/page-server.mjs.

export type FrameScope = "main" | "all";

interface PageRequest {
  op: "texts" | "eval" | "title" | "screenshot" | "viewport" | "keys";
  path?: string;
  selector?: string;
  expression?: string;
  frames?: FrameScope;
  waitMs?: number;
  minCount?: number;
  width?: number;
  height?: number;
  keys?: string[];
}

async function ask<T>(req: PageRequest): Promise<T> {
  const url = process.env.FORKLAB_PAGE_URL;
  if (!url) throw new Error("FORKLAB_PAGE_URL is not set: the runner serves page reads (scripts/integration.mjs)");
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(req) });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: string };
  if (!body.ok) throw new Error(`page read failed: ${body.error}`);
  return body.value as T;
}

/** The workbench page's document title. */
export function pageTitle(): Promise<string> {
  return ask<string>({ op: "title" });
}

/**
 * innerText of every element matching `selector` (in the workbench, or in every frame,
 * webviews included). Polls until at least `minCount` match or `waitMs` passes, because
 * the workbench renders after the API call that caused it returns.
 */
export function pageTexts(selector: string, opts: { frames?: FrameScope; waitMs?: number; minCount?: number } = {}): Promise<string[]> {
  return ask<string[]>({ op: "texts", selector, frames: opts.frames ?? "main", waitMs: opts.waitMs ?? 10000, minCount: opts.minCount ?? 1 });
}

/** Evaluate a JavaScript expression in the workbench (or every frame); one JSON result per frame. */
export function pageEval<T>(expression: string, frames: FrameScope = "main"): Promise<T[]> {
  return ask<T[]>({ op: "eval", expression, frames });
}

/**
 * Poll the texts of `selector` until `done(texts)` holds or the bounded wait ends; returns
 * the last texts read, so the caller asserts on exactly what was on screen.
 */
export async function waitForTexts(selector: string, done: (texts: string[]) => boolean, waitMs = 10000, frames: FrameScope = "main"): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const texts = await pageTexts(selector, { frames, waitMs: 0, minCount: 0 });
    if (done(texts) || Date.now() >= deadline) return texts;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Save a PNG of the workbench page at `path` (absolute). */
export function pageScreenshot(path: string): Promise<string> {
  return ask<string>({ op: "screenshot", path });
}

/** Real key presses (Playwright's names: "Control+Equal") with focus on the first element
 *  matching `selector` in any frame: the workbench hears a webview's keys only when trusted. */
export function pageKeys(selector: string, keys: string[]): Promise<number> {
  return ask<number>({ op: "keys", selector, keys });
}

/** Resize the browser's page (the workbench window) to width x height CSS pixels. */
export function pageViewport(width: number, height: number): Promise<string> {
  return ask<string>({ op: "viewport", width, height });
}

/** Runs `expr` in every frame until one (the view's) returns something other than null. */
export async function inView<T>(expr: string, waitMs = 20000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const perFrame = await pageEval<T | null>(`(() => { try { return ${expr}; } catch { return null; } })()`, "all");
    const found = perFrame.find((x) => x !== null && x !== undefined && !(typeof x === "object" && "error" in (x as object)));
    if (found !== undefined || Date.now() >= deadline) return found as T;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Chooses a radio in the view's question form and submits it, as the learner would. */
export const answerExpr = (choice: number) => `(() => { const f = document.querySelector('.fl-question form'); if (!f) return null;
  f.querySelector('input[value="${choice}"]').click(); f.querySelector('button.fl-submit').click(); return true; })()`;

/** The verdict text once it mentions `what`. */
export const verdictExpr = (what: string) => `(() => { const v = document.querySelector('.fl-verdict'); return v && v.textContent.includes(${JSON.stringify(what)}) ?
  { text: v.textContent, live: v.getAttribute('aria-live'), marked: document.querySelector('.fl-figure-wrap').className } : null; })()`;
