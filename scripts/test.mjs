// @ts-check
// `npm test`: the whole suite from a fresh clone. Installs what is missing, then runs the
// stages (build, typecheck, lint, layers) and the tests (unit and fidelity with mocha on
// node, integration inside a real VS Code, and again, the part that applies, with the
// extension in the browser's web worker host: "web"). It counts tests only: a stage is ok or failed,
// never a test. A test stage that runs no test fails, so does a run with no test at all,
// and `.only` or a pending test fails its stage (--forbid-only, --forbid-pending).
// Closing line: `N passed, N failed`; exit status non-zero when anything failed.
// FORKLAB_TEST_ONLY=build,unit ... runs only the named stages.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, StageLog } from "./stages.mjs";

const STAGES = ["build", "typecheck", "lint", "layers", "unit", "fidelity", "integration", "web"];
const only = process.env.FORKLAB_TEST_ONLY?.split(",").map((s) => s.trim()).filter(Boolean) ?? null;
const wanted = (/** @type {string} */ name) => !only || only.includes(name);
let passed = 0;
let failed = 0;
/** @type {string[]} */
const failures = [];
const log = new StageLog("test.log");

function finish() {
  if (failures.length) console.log("failures:\n  " + failures.join("\n  "));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failures.length ? 1 : 0);
}

const unknown = (only ?? []).filter((s) => !STAGES.includes(s));
if (unknown.length) {
  failures.push(`FORKLAB_TEST_ONLY names no stage ${unknown.join(", ")} (the stages: ${STAGES.join(", ")})`);
  finish();
}

/** A stage that is not a test: ok or failed. @param {string} name @param {string[]} args */
async function stage(name, args, title = name) {
  if (!wanted(name)) return;
  if (!(await log.run(title, process.execPath, args))) failures.push(`${title} failed`);
}

/**
 * Run a test runner that writes its counts to FORKLAB_STATS; add them to the totals.
 * @param {string} name @param {string[]} args @param {string} statsEnv the variable naming the counts file
 * @param {Record<string, string>} env more of the runner's environment
 * @returns {Promise<{ passed: number; failed: number } | undefined>} the runner's counts
 */
async function tests(name, args, statsEnv = "FORKLAB_STATS", env = {}) {
  const dir = mkdtempSync(join(tmpdir(), "forklab-stats-"));
  const stats = join(dir, "stats.json");
  /** @type {{ passed: number; failed: number; pending?: number } | undefined} */
  let s;
  const ok = await log.run(`${name} tests`, process.execPath, args, {
    env: { ...env, [statsEnv]: stats },
    detail: () => {
      s = existsSync(stats) ? JSON.parse(readFileSync(stats, "utf8")) : undefined;
      return s ? `${s.passed} passed, ${s.failed} failed${s.pending ? `, ${s.pending} pending` : ""}` : "no counts";
    },
  });
  rmSync(dir, { recursive: true, force: true });
  if (!s) { failed++; failures.push(`${name}: no counts (the runner stopped before its tests ran)`); return undefined; }
  passed += s.passed;
  failed += s.failed;
  if (s.failed) failures.push(`${name}: ${s.failed} failed`);
  else if (s.pending) failures.push(`${name}: ${s.pending} pending (forbidden)`);
  else if (s.passed === 0) failures.push(`${name}: ran no tests`);
  else if (!ok) failures.push(`${name}: the runner failed (a .only or a pending test is forbidden; see the log)`);
  return s;
}

/** @param {string} dir */
function hasTests(dir) {
  return existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(".test.ts"));
}

/** @param {string} name @param {string} dir */
async function mocha(name, dir) {
  if (!wanted(name)) return;
  if (!hasTests(join(root, dir))) { failures.push(`${name}: ${dir} holds no tests`); return; }
  await tests(name, [join(root, "node_modules/mocha/bin/mocha.js"), "--forbid-only", "--forbid-pending",
    "--reporter", join(root, "test/stats-reporter.cjs"), `${dir}/**/*.test.ts`]);
}

// Dependencies: install when node_modules is missing or older than the lock file.
const lock = join(root, "package-lock.json");
const marker = join(root, "node_modules", ".package-lock.json");
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  if (!(await log.run("install (npm ci)", npm, ["ci", "--no-audit", "--no-fund"]).catch(() => false))) {
    failures.push("npm ci failed");
    finish();
  }
}

await stage("build", ["scripts/build.mjs"]);
await stage("typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]);
await stage("typecheck", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.scripts.json"], "typecheck scripts");
await stage("lint", ["node_modules/eslint/bin/eslint.js", "--no-error-on-unmatched-pattern", "src", "test", "scripts", "eslint.config.mjs"]);
await stage("layers", ["scripts/layers.mjs"]);
await mocha("unit", "test/unit");
await mocha("fidelity", "test/fidelity");
if (wanted("integration")) await tests("integration", ["scripts/integration.mjs"]);
if (wanted("web")) {
  // The same runner with the extension in the browser's web worker host (vscode.dev's kind).
  const s = await tests("web", ["scripts/integration.mjs"], "FORKLAB_STATS", { FORKLAB_HOST: "web" });
  console.log(`web runner: ${s ? `${s.passed} passed, ${s.failed} failed` : "no counts"}`);
}

if (passed + failed === 0 && !failures.length) failures.push("the run ran no tests");
console.log(`${log.clock()} done`);
finish();
