// @ts-check
// The integration suite (test/suite) inside a real VS Code. Two runners, one suite:
//   FORKLAB_RUNNER=offline (default): pinned code-server + Debian chromium driven by
//     playwright-core through VS Code's smoke-test driver hooks. Works with no network
//     beyond the npm registry; the tools are cached under ~/.cache/forklab.
//   FORKLAB_RUNNER=electron: @vscode/test-electron (downloads VS Code; needs a display,
//     e.g. `xvfb-run -a`).
// FORKLAB_HOST=web runs the part of the suite that applies on the web (test/suite/web-index.ts)
// a second way: code-server with the extension moved to the browser's web worker extension
// host (the "remote.extensionKind" setting), its dist/web.js entry, the suite bundled for the
// browser; it prints `web runner: N passed, N failed`.
// Writes {passed, failed} to FORKLAB_STATS when set. Never hangs: a hard timeout kills
// everything it started. Exit status is non-zero when any test failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import * as esbuild from "esbuild";
import { startPageServer } from "./page-server.mjs";
import { webPlatform } from "./web-platform.mjs";
import {
  CODE_SERVER_VERSION, ensureCodeServer, freePort, freshProfile, launchChromium, root, startCodeServer,
} from "./vscode-tools.mjs";

const web = process.env.FORKLAB_HOST === "web";
// The web worker host runs only in code-server here (the electron runner has no browser host).
const runnerKind = web ? "web" : process.env.FORKLAB_RUNNER ?? "offline";
const timeoutS = Number(process.env.FORKLAB_INTEGRATION_TIMEOUT_S ?? 1800); // includes first-use set-up
const suiteTimeoutS = Number(process.env.FORKLAB_SUITE_TIMEOUT_S ?? 900); // the lessons walk every step: 600 s was tight on a loaded machine
const workspace = join(root, "examples");
const suiteOut = join(root, "out", "test", web ? "suite-web" : "suite");
const STATS_MARKER = "forklab-suite-stats ";
const LINE_MARKER = "forklab-suite| "; // test/suite/index.ts marks the suite's own lines
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const cleanups = [];

function say(msg) {
  console.log(`[integration ${secs()}s] ${msg}`);
}

async function cleanup() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch { /* best effort */ }
  }
}

// The hard limit: whatever is stuck, stop it all and fail.
const hardStop = setTimeout(async () => {
  say(`hard timeout after ${timeoutS} s: stopping everything`);
  await cleanup();
  finish(null, "timeout");
}, timeoutS * 1000);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => { await cleanup(); process.exit(130); });
}

/**
 * Compile the part of the suite that applies on the web for the web worker extension host:
 * one browser bundle, node:assert and node:util from their npm ports, and the suite's
 * environment (no process.env there) written into it.
 * @param {Record<string, string>} env
 */
async function compileWebSuite(env) {
  rmSync(suiteOut, { recursive: true, force: true });
  const define = { "process.env.NODE_DEBUG": "undefined" };
  for (const name of ["FORKLAB_PAGE_URL", "FORKLAB_SCREENSHOT_DIR", "FORKLAB_SUITE_GREP"]) {
    define[`process.env.${name}`] = env[name] === undefined ? "undefined" : JSON.stringify(env[name]);
  }
  await esbuild.build({
    entryPoints: [join(root, "test", "suite", "web-index.ts")], outfile: join(suiteOut, "index.js"), bundle: true,
    platform: "browser", format: "cjs", target: "es2022", sourcemap: "inline", external: ["vscode"], logLevel: "warning",
    alias: { "node:assert": "assert", "node:util": "util" }, define, plugins: [webPlatform()],
  });
  say(`compiled the web suite into ${relative(root, suiteOut)}/index.js`);
}

/** Compile the suite for the extension host, which cannot load TypeScript. */
async function compileSuite() {
  rmSync(suiteOut, { recursive: true, force: true });
  const dir = join(root, "test", "suite");
  const entryPoints = readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => f === "index.ts" || f.endsWith(".test.ts")).map((f) => join(dir, f));
  await esbuild.build({
    entryPoints, outdir: suiteOut, outbase: dir, bundle: true, platform: "node", format: "cjs",
    target: "node20", sourcemap: "inline", packages: "external", external: ["vscode"], logLevel: "warning",
  });
  say(`compiled ${entryPoints.length} suite files into ${relative(root, suiteOut)}/`);
}

/** Counts from the suite: its stats file first, else its last log marker. */
function readCounts(statsFile, lines) {
  if (existsSync(statsFile)) return JSON.parse(readFileSync(statsFile, "utf8"));
  const line = [...lines].reverse().find((l) => l.includes(STATS_MARKER));
  if (line) return JSON.parse(line.slice(line.indexOf(STATS_MARKER) + STATS_MARKER.length));
  return null;
}

/** The suite's text from one forwarded log call, or null for the workbench's own logging. */
function suiteLine(args) {
  const text = args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  const at = text.indexOf(LINE_MARKER);
  return at < 0 ? null : text.slice(at + LINE_MARKER.length);
}

async function runOffline(statsFile, pageServer, setPage) {
  const t = Date.now();
  await ensureCodeServer();
  say(`code-server ${CODE_SERVER_VERSION} ready (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  // On the web, the setting moves the extension from the server's node host to the browser's worker.
  const profile = freshProfile("forklab-it-", web ? { "remote.extensionKind": { "forklab.forklab": ["web"] } } : {});
  cleanups.push(async () => profile.remove());
  const port = await freePort();
  const server = await startCodeServer({
    port, userData: profile.userData, extensions: profile.extensions, smokeTestDriver: true,
    env: { FORKLAB_PAGE_URL: pageServer.url, FORKLAB_SUITE_STATS: statsFile },
    onLine: (l) => { if (process.env.FORKLAB_VERBOSE) console.log(`  code-server| ${l}`); },
  });
  cleanups.push(async () => server.stop());
  say(`code-server listening on 127.0.0.1:${port}`);

  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  // FORKLAB_VIEWPORT=1366x768: the size docs/screenshots are taken at.
  const [width, height] = (process.env.FORKLAB_VIEWPORT ?? "1400x900").split("x").map(Number);
  const page = await browser.newPage({ viewport: { width, height } });
  setPage(page);

  const lines = [];
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  // VS Code's smoke-test driver hooks, present before the workbench loads.
  await page.exposeFunction("codeAutomationLog", (type, args) => {
    const line = suiteLine(Array.isArray(args) ? args : [args]);
    if (line !== null) { lines.push(line); console.log(`  ${line}`); }
    else if (process.env.FORKLAB_VERBOSE) console.log(`  workbench ${type}: ${JSON.stringify(args).slice(0, 500)}`);
  });
  await page.exposeFunction("codeAutomationExit", (code) => resolveExit(code));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ["extensionDevelopmentPath", remote(root)],
    ["extensionTestsPath", remote(join(suiteOut, "index.js"))],
  ]);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  const loading = Date.now();
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
  say("workbench loading; the suite's output follows");

  const code = await Promise.race([
    exited,
    new Promise((r) => setTimeout(() => r("suite-timeout"), suiteTimeoutS * 1000)),
  ]);
  if (code === "suite-timeout") say(`the suite did not finish within ${suiteTimeoutS} s`);
  else say(`extension host exited with code ${code} (${((Date.now() - loading) / 1000).toFixed(1)} s after page load)`);
  return { code, counts: readCounts(statsFile, lines), lines };
}

async function runElectron(statsFile, pageServer, setPage) {
  const { runTests } = await import("@vscode/test-electron");
  const profile = freshProfile("forklab-it-");
  cleanups.push(async () => profile.remove());
  const cdpPort = await freePort();
  // Attach Playwright to the desktop window over the DevTools protocol so page reads work too.
  let attached = false;
  const attach = (async () => {
    const { chromium } = await import("playwright-core");
    for (let i = 0; i < 600 && !attached; i++) {
      try {
        const browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
        cleanups.push(() => browser.close());
        for (let j = 0; j < 100 && !attached; j++) {
          const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().includes("workbench"));
          if (page) { setPage(page); attached = true; say("attached to the VS Code window"); }
          else await new Promise((r) => setTimeout(r, 200));
        }
        return;
      } catch { await new Promise((r) => setTimeout(r, 500)); }
    }
  })();
  let code = 0;
  try {
    await runTests({
      version: process.env.FORKLAB_VSCODE_VERSION ?? "stable",
      extensionDevelopmentPath: root,
      extensionTestsPath: join(suiteOut, "index.js"),
      extensionTestsEnv: { FORKLAB_PAGE_URL: pageServer.url, FORKLAB_SUITE_STATS: statsFile },
      launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome",
        "--skip-release-notes", `--user-data-dir=${profile.userData}`, `--extensions-dir=${profile.extensions}`,
        `--remote-debugging-port=${cdpPort}`],
    });
  } catch (e) {
    say(`VS Code reported: ${e instanceof Error ? e.message : e}`);
    code = 1;
  }
  attached = true; // stop trying
  await attach;
  return { code, counts: readCounts(statsFile, []) };
}

function finish(result, reason) {
  clearTimeout(hardStop);
  // Only the counts the suite reported: a crash is the runner failing (its exit status and
  // the log say so), never an invented failed test.
  const counts = result?.counts;
  if (counts && process.env.FORKLAB_STATS) writeFileSync(process.env.FORKLAB_STATS, JSON.stringify(counts));
  // Repeat the activation figure next to the counts so it is easy to find in a long log.
  for (const l of result?.lines ?? []) if (l.includes("forklab-activation:")) say(l.trim());
  say(`${runnerKind} runner: ${counts ? `${counts.passed} passed, ${counts.failed} failed` : "no counts"}${reason ? ` (${reason})` : ""}`);
  process.exit(!counts || counts.failed || (result && result.code !== 0) ? 1 : 0);
}

async function main() {
  if (!existsSync(join(root, "dist", "extension.js")) || !existsSync(join(root, "dist", "web.js"))) {
    const r = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) throw new Error("build failed");
  }
  const statsDir = mkdtempSync(join(tmpdir(), "forklab-suite-"));
  cleanups.unshift(async () => rmSync(statsDir, { recursive: true, force: true }));
  const statsFile = join(statsDir, "stats.json");
  let page = null;
  const pageServer = await startPageServer(() => page);
  cleanups.push(() => pageServer.close());
  if (web) await compileWebSuite({ ...process.env, FORKLAB_PAGE_URL: pageServer.url });
  else await compileSuite();
  say(`runner: ${runnerKind} (FORKLAB_RUNNER=offline|electron, FORKLAB_HOST=web)`);
  const run = runnerKind === "electron" ? runElectron : runOffline;
  const result = await run(statsFile, pageServer, (p) => { page = p; });
  await cleanup();
  finish(result, result.code === "suite-timeout" ? "suite timeout" : "");
}

main().catch(async (e) => {
  console.error(`[integration] ${e?.stack ?? e}`);
  await cleanup();
  finish(null, "runner error");
});
