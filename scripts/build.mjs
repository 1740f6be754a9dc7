// Bundles with esbuild: the extension host (node, cjs, vscode external), the webview
// (browser, iife) and the forklab CLI (node). Copies the tree-sitter wasm files next to
// the bundles so they ship in the .vsix and load on first use.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  absWorkingDir: root,
};

const targets = [
  // The banner stamps the moment the bundle starts evaluating, before any bundled module,
  // so the extension can report what loading its own code costs at activation.
  { ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js",
    platform: "node", format: "cjs", target: "node20", external: ["vscode"],
    banner: { js: "\"use strict\"; globalThis.__forklabBundleStart = performance.now();" } },
  { ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js",
    platform: "node", format: "cjs", target: "node20" },
  { ...common, entryPoints: ["src/webview/main.ts"], outfile: "dist/webview.js",
    platform: "browser", format: "iife", target: "es2022" },
].filter((t) => existsSync(join(root, t.entryPoints[0])));

for (const [from, to] of [
  ["node_modules/web-tree-sitter/web-tree-sitter.wasm", "dist/web-tree-sitter.wasm"],
  ["node_modules/tree-sitter-c/tree-sitter-c.wasm", "dist/tree-sitter-c.wasm"],
]) {
  if (existsSync(join(root, from))) copyFileSync(join(root, from), join(root, to));
}

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log("esbuild: watching");
} else {
  const t0 = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(`esbuild: ${targets.length} bundles in ${Date.now() - t0} ms`);
}
