#!/usr/bin/env node
// The forklab command line; the bundle is built by `npm install` (prepare) or `npm run build`.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const cli = join(__dirname, "..", "dist", "cli.js");
if (!existsSync(cli)) {
  console.error("forklab: dist/cli.js is missing; run `npm run build` first.");
  process.exit(2);
}
require(cli);
