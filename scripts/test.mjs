// `npm test`: the whole suite from a fresh clone. Installs what is missing, builds,
// type-checks, lints, runs the unit and fidelity tests (mocha on node) and the
// integration suite inside a real VS Code, then prints one closing line
// `N passed, N failed`. Exit status is non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const only = process.env.FORKLAB_TEST_ONLY?.split(",") ?? null; // e.g. "unit,integration"
let passed = 0;
let failed = 0;
const failures = [];
const t0 = Date.now();

function banner(text) {
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`\n=== [${secs}s] ${text}`);
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (only && !only.includes(name)) return;
  banner(name);
  if (run(cmd, args)) passed++;
  else { failed++; failures.push(name); }
}

function hasTests(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith(".test.ts"));
}

function mochaStage(name, specGlob, extraEnv = {}) {
  if (only && !only.includes(name)) return;
  if (!hasTests(join(root, specGlob.split("/**")[0]))) return;
  banner(`${name} tests`);
  const dir = mkdtempSync(join(tmpdir(), "forklab-stats-"));
  const stats = join(dir, "stats.json");
  const ok = run(process.execPath, [join(root, "node_modules/mocha/bin/mocha.js"),
    "--reporter", join(root, "test/stats-reporter.cjs"), specGlob], { FORKLAB_STATS: stats, ...extraEnv });
  if (existsSync(stats)) {
    const s = JSON.parse(readFileSync(stats, "utf8"));
    passed += s.passed; failed += s.failed;
    if (s.failed) failures.push(`${name}: ${s.failed} failed`);
    if (!ok && !s.failed) { failed++; failures.push(`${name}: mocha exited abnormally`); }
  } else {
    failed++; failures.push(`${name}: mocha did not finish`);
  }
  rmSync(dir, { recursive: true, force: true });
}

// 1. Dependencies: install when node_modules is missing or older than the lock file.
const lock = join(root, "package-lock.json");
const marker = join(root, "node_modules", ".package-lock.json");
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  banner("installing npm dependencies (npm ci)");
  if (!run("npm", ["ci", "--no-audit", "--no-fund"])) {
    console.error("npm ci failed: see the messages above.");
    console.log("\n0 passed, 1 failed");
    process.exit(1);
  }
}

check("build", process.execPath, ["scripts/build.mjs"]);
check("typecheck", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"]);
check("lint", process.execPath, ["node_modules/eslint/bin/eslint.js", "--no-error-on-unmatched-pattern", "src", "test"]);
mochaStage("unit", "test/unit/**/*.test.ts");
mochaStage("fidelity", "test/fidelity/**/*.test.ts");

if (!only || only.includes("integration")) {
  banner("integration tests in a real VS Code");
  const dir = mkdtempSync(join(tmpdir(), "forklab-stats-"));
  const stats = join(dir, "stats.json");
  const ok = run(process.execPath, ["scripts/integration.mjs"], { FORKLAB_STATS: stats });
  if (existsSync(stats)) {
    const s = JSON.parse(readFileSync(stats, "utf8"));
    passed += s.passed; failed += s.failed;
    if (s.failed) failures.push(`integration: ${s.failed} failed`);
    if (!ok && !s.failed) { failed++; failures.push("integration: runner failed"); }
  } else {
    failed++; failures.push("integration: no results (the runner failed before the suite ran)");
  }
  rmSync(dir, { recursive: true, force: true });
}

banner(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (failures.length) console.log("failures:\n  " + failures.join("\n  "));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
