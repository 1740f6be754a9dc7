// @ts-check
// Serves reads of the live VS Code page to the integration suite. The extension host
// cannot see the workbench DOM (webviews, code lenses, status bar), so the runner keeps
// the Playwright page and answers small JSON requests on 127.0.0.1 (client:
// test/suite/page.ts). A random token in the path keeps other local processes out.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const MAX_WAIT_MS = 30000;

/** Elements' innerText for `selector` in the chosen frames. */
async function texts(frames, selector) {
  const out = [];
  for (const f of frames) {
    try {
      out.push(...await f.$$eval(selector, (els) => els.map((e) => e.innerText ?? e.textContent ?? "")));
    } catch { /* frame detached or navigating: skip it this round */ }
  }
  return out;
}

async function answer(page, req) {
  const frames = req.frames === "all" ? page.frames() : [page.mainFrame()];
  switch (req.op) {
    case "title":
      return page.title();
    case "texts": {
      const deadline = Date.now() + Math.min(Number(req.waitMs) || 0, MAX_WAIT_MS);
      for (;;) {
        const found = await texts(req.frames === "all" ? page.frames() : frames, String(req.selector));
        if (found.length >= (req.minCount ?? 1) || Date.now() >= deadline) return found;
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    case "eval": {
      const out = [];
      for (const f of frames) {
        try { out.push(await f.evaluate(String(req.expression))); } catch (e) { out.push({ error: String(e instanceof Error ? e.message : e) }); }
      }
      return out;
    }
    case "screenshot": {
      // A picture of what the learner sees, for docs/screenshots; PNG files only.
      const path = String(req.path ?? "");
      if (!path.startsWith("/") || !path.endsWith(".png")) throw new Error("screenshot: expected an absolute .png path");
      await page.screenshot({ path });
      return path;
    }
    case "viewport": {
      // The window's size for a picture (1366x768 with the panel open, 1920x1080 for a lecture).
      const width = Number(req.width);
      const height = Number(req.height);
      if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 320 && height >= 240 && width <= 3840 && height <= 2160)) {
        throw new Error("viewport: expected whole widths and heights from 320x240 to 3840x2160");
      }
      await page.setViewportSize({ width, height });
      return `${width}x${height}`;
    }
    case "keys": {
      // Real key presses (the workbench hears a webview's keys only when they are trusted):
      // focus the first element matching `selector` in any frame, then press each key.
      const keys = Array.isArray(req.keys) ? req.keys.map(String) : [];
      if (!keys.length || keys.length > 20) throw new Error("keys: expected 1 to 20 keys");
      const selector = String(req.selector);
      let frame;
      for (const f of page.frames()) {
        try { if (await f.$(selector)) { frame = f; break; } } catch { /* detached: try the next */ }
      }
      if (!frame) throw new Error(`keys: no frame has ${selector}`);
      await frame.focus(selector);
      for (const k of keys) await page.keyboard.press(k);
      return keys.length;
    }
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

/**
 * Start the server. `getPage()` returns the Playwright page once there is one.
 * Resolves to { url, close } where url is what the suite gets as FORKLAB_PAGE_URL.
 */
export function startPageServer(getPage) {
  const token = randomBytes(12).toString("hex");
  const server = createServer((req, res) => {
    // The web suite asks from the browser's web worker host, another origin: allow it (the
    // token in the path still keeps out whoever does not know it).
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-allow-methods": "POST" };
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "application/json", ...cors });
      res.end(JSON.stringify(body));
    };
    if (req.method === "OPTIONS") { res.writeHead(204, cors); res.end(); return; }
    if (req.method !== "POST" || req.url !== `/${token}`) return reply(404, { ok: false, error: "not found" });
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => { data += c; });
    req.on("end", async () => {
      try {
        const page = getPage();
        if (!page) throw new Error("the runner has no page yet");
        reply(200, { ok: true, value: await answer(page, JSON.parse(data)) });
      } catch (e) {
        reply(200, { ok: false, error: String(e instanceof Error ? e.message : e) });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}/${token}`,
        close: () => /** @type {Promise<void>} */ (new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); })),
      });
    });
  });
}
