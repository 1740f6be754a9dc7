#!/usr/bin/env node
// The forklab command line; the bundle is built by `npm install` (prepare) or `npm run build`.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join, relative } = require("node:path");
const root = join(__dirname, "..");
const cli = join(root, "dist", "cli.js");
if (!existsSync(cli)) {
  console.error("forklab: dist/cli.js is missing; run `npm run build` first.");
  process.exit(2);
}

/** The most recently changed file under dir (a checkout's sources), or undefined. */
function newestFile(dir) {
  let best;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    const found = e.isDirectory() ? newestFile(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

// In a checkout, a source changed since the last build means every command (a benchmark,
// a rendered picture, a check) would run the old code without a word: say so.
const src = join(root, "src");
if (existsSync(src)) {
  const newest = newestFile(src);
  if (newest && newest.mtimeMs > statSync(cli).mtimeMs) {
    console.error(`forklab: warning: ${relative(root, newest.path)} changed after the last build; this runs the old dist/ (run \`npm run build\`).`);
  }
}
require(cli);
