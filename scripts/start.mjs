// @ts-check
// `npm start`: Fork Lab in a real VS Code with examples/ open and the "Start here"
// walkthrough shown.
//   - desktop: `code --extensionDevelopmentPath=<repo> examples` when `code` is on PATH
//     (FORKLAB_START=code-server forces the browser route);
//   - otherwise the pinned code-server on 127.0.0.1 (set up on first use), with the built
//     extension installed into a fresh extensions dir; open the printed address in a browser.
// Options: --port N (or FORKLAB_PORT), --screenshot FILE (take a Playwright picture of the
// running workbench, then stop). Ctrl-C stops everything it started.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  ensureCodeServer, freePort, freshProfile, launchChromium, root, startCodeServer,
} from "./vscode-tools.mjs";
import { StageLog } from "./stages.mjs";

const argv = process.argv.slice(2);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const examples = join(root, "examples");

function say(msg) {
  console.log(`[forklab start] ${msg}`);
}

/** The set-up stages' output goes to out/logs/start.log; one line each here. */
const log = new StageLog("start.log");

/** A set-up stage; on failure its output is printed (by the log) and start stops.
 *  @param {string} title @param {string} cmd @param {string[]} args */
async function stage(title, cmd, args) {
  if (!(await log.run(title, cmd, args))) { say(`${title} failed`); process.exit(1); }
}

/** npm dependencies: install when node_modules is missing or older than the lock file. */
async function ensureDeps() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  await stage("install (npm ci)", "npm", ["ci", "--no-audit", "--no-fund"]);
}

/** The C file opened beside the walkthrough: its opening also activates Fork Lab (onLanguage:c). */
function firstExample() {
  if (!existsSync(examples)) return null;
  const cs = readdirSync(examples).filter((f) => f.endsWith(".c")).sort();
  const pick = process.env.FORKLAB_START_FILE ?? cs.find((f) => f !== "csapp.c") ?? cs[0];
  return pick ? join(examples, pick) : null;
}

function firstHeading(markdownFile) {
  const line = readFileSync(markdownFile, "utf8").split("\n").find((l) => l.startsWith("# "));
  return line ? line.slice(2).trim() : "";
}

function onPath(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Stop the whole process group of a detached child (VS Code leaves helpers behind otherwise). */
function killGroup(child) {
  try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
}

async function startDesktop(file) {
  say("launching desktop VS Code (`code`) with Fork Lab in development mode");
  const args = ["--new-window", "--wait", `--extensionDevelopmentPath=${root}`, examples];
  if (file) args.push(file);
  const child = spawn("code", args, {
    detached: true, stdio: "inherit", env: { ...process.env, FORKLAB_OPEN_WALKTHROUGH: "1" },
  });
  const stop = () => { killGroup(child); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

/** Install the built extension into the fresh extensions dir: a link to this checkout. */
function installExtension(extensionsDir) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const target = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(root, target, "dir");
}

async function startCodeServerRoute(file) {
  const portOpt = option("--port") ?? process.env.FORKLAB_PORT;
  const port = portOpt ? Number(portOpt) : await freePort();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`bad port ${portOpt}`);
  const t0 = Date.now();
  await ensureCodeServer();
  const profile = freshProfile("forklab-start-");
  installExtension(profile.extensions);
  const server = await startCodeServer({
    port, userData: profile.userData, extensions: profile.extensions,
    env: { FORKLAB_OPEN_WALKTHROUGH: "1" },
    onLine: (l) => { if (process.env.FORKLAB_VERBOSE) console.log(`  code-server| ${l}`); },
  });
  let browser = null;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say("stopping");
    if (browser) await browser.close().catch(() => {});
    server.stop();
    profile.remove();
    process.exit(code);
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  server.child.on("exit", () => { if (!stopping) { say("code-server exited"); stop(1); } });

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
  if (file) url += `&payload=${encodeURIComponent(JSON.stringify([["openFile", remote(file)]]))}`;
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s. Fork Lab in VS Code (code-server) on 127.0.0.1:${port}:`);
  console.log(`\n    ${url}\n`);
  say("open that address in a browser on this machine. Ctrl-C stops it.");

  const shot = option("--screenshot");
  if (shot) {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1500, height: 860 } });
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
    // Wait (bounded) for the walkthrough and its first step's text (a webview) to render.
    await page.waitForSelector(".gettingStartedContainer", { timeout: 60000 });
    const heading = firstHeading(join(root, "walkthroughs", "start-here.md"));
    for (let i = 0; i < 60; i++) {
      const texts = await Promise.all(page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? "").catch(() => "")));
      if (texts.some((t) => t.includes(heading))) break;
      await page.waitForTimeout(500);
    }
    await page.waitForTimeout(1000);
    await page.screenshot({ path: resolve(shot) });
    say(`screenshot saved to ${shot}`);
    await stop(0);
  }
}

async function main() {
  await ensureDeps();
  await stage("build", process.execPath, [join(root, "scripts", "build.mjs")]);
  const file = firstExample();
  const useDesktop = process.env.FORKLAB_START !== "code-server" && !option("--screenshot") && onPath("code");
  if (useDesktop) await startDesktop(file);
  else await startCodeServerRoute(file);
}

main().catch((e) => {
  console.error(`[forklab start] ${e?.stack ?? e}`);
  process.exit(1);
});
