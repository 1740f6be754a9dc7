// @ts-check
// Bundles with esbuild: the extension host (node, cjs, vscode external), the model and
// live bundles it loads on first use (node, cjs), the webview (browser, iife) and the forklab CLI (node);
// and the web extension (vscode.dev: package.json "browser"): the same entry for the web
// worker extension host with its platform module (src/extension/platform/web.ts) and the
// model's Web Worker. A node module reaching a web bundle fails the build.
// Copies the tree-sitter wasm files next to the bundles so they ship in the .vsix and load
// on first use. `--analyze` lists the biggest inputs of each node bundle.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { webPlatform } from "./web-platform.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");
const analyze = process.argv.includes("--analyze");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  absWorkingDir: root,
};

/** @typedef {import("esbuild").BuildOptions & { entryPoints: string[]; outfile: string }} Target */
/** @type {Target[]} */
const targets = /** @type {Target[]} */ ([
  // The banner stamps the moment the bundle starts evaluating, before any bundled module,
  // and the footer the moment it is done, so the extension can report what loading its own
  // code costs at activation, apart from the time VS Code takes to call activate().
  { ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js",
    platform: "node", format: "cjs", target: "node20", external: ["vscode"],
    banner: { js: "\"use strict\"; globalThis.__forklabBundleStart = performance.now();" },
    footer: { js: "globalThis.__forklabBundleEnd = performance.now();" } },
  // The C front end, kernel and sessions: most of the code, so not part of activation.
  // The extension requires it at first use (src/extension/model.ts).
  { ...common, entryPoints: ["src/host/model-entry.ts"], outfile: "dist/model.js",
    platform: "node", format: "cjs", target: "node20" },
  // The model's worker thread: the extension runs every session in it (src/host/worker/protocol.ts).
  { ...common, entryPoints: ["src/host/worker-node.ts"], outfile: "dist/worker.js",
    platform: "node", format: "cjs", target: "node20" },
  { ...common, entryPoints: ["src/live/entry.ts"], outfile: "dist/live.js",
    platform: "node", format: "cjs", target: "node20" },
  { ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js",
    platform: "node", format: "cjs", target: "node20" },
  { ...common, entryPoints: ["src/webview/main.ts"], outfile: "dist/webview.js",
    platform: "browser", format: "iife", target: "es2022" },
  // The web extension: one entry, the desktop's, with ./platform/host resolved to ./web.
  // The teaching helpers are part of it (a web worker host has no require of a second file).
  { ...common, entryPoints: ["src/extension/extension.ts"], outfile: "dist/web.js",
    platform: "browser", format: "cjs", target: "es2022", external: ["vscode"], plugins: [webPlatform()],
    banner: { js: "\"use strict\"; globalThis.__forklabBundleStart = performance.now();" },
    footer: { js: "globalThis.__forklabBundleEnd = performance.now();" } },
  { ...common, entryPoints: ["src/host/worker-web.ts"], outfile: "dist/worker-web.js",
    platform: "browser", format: "iife", target: "es2022" },
]).filter((t) => existsSync(join(root, t.entryPoints[0])));

for (const [from, to] of [
  ["node_modules/web-tree-sitter/web-tree-sitter.wasm", "dist/web-tree-sitter.wasm"],
  ["node_modules/tree-sitter-c/tree-sitter-c.wasm", "dist/tree-sitter-c.wasm"],
  // The view's toolbar icons (the webview loads them from dist/, a local resource root).
  ["node_modules/@vscode/codicons/dist/codicon.css", "dist/codicon.css"],
  ["node_modules/@vscode/codicons/dist/codicon.ttf", "dist/codicon.ttf"],
  // The scenario files' JSON Schema, for the editor (contributes.jsonValidation).
  ["src/contract/scenario.schema.json", "dist/scenario.schema.json"],
]) {
  if (existsSync(join(root, from))) copyFileSync(join(root, from), join(root, to));
}

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log("esbuild: watching");
} else {
  const t0 = Date.now();
  const results = await Promise.all(targets.map((t) => esbuild.build({ ...t, metafile: true })));
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`esbuild: ${targets.length} bundles in ${Date.now() - t0} ms (`
    + `${targets.map((t) => `${t.outfile.replace("dist/", "")} ${kb(statSync(join(root, t.outfile)).size)}`).join(", ")})`);
  results.forEach((r, i) => {
    const out = /** @type {import("esbuild").Metafile} */ (r.metafile).outputs[targets[i].outfile];
    // Activation evaluates all of dist/extension.js: the model and the live side must come
    // only through src/extension/model.ts.
    if (targets[i].outfile === "dist/extension.js") {
      const heavy = Object.keys(out.inputs).filter((f) => /^(src\/c\/|src\/host\/(?!scenario\.ts|worker-client\.ts|worker-node-host\.ts|posix-path\.ts|worker\/(protocol|mirror|actions)\.ts)|src\/kernel\/|src\/session\/(session|stepper)\.ts|src\/live\/(?!platform\.ts)|node_modules\/web-tree-sitter\/)/.test(f));
      if (heavy.length) {
        console.error(`build: dist/extension.js includes the model (${heavy.slice(0, 3).join(", ")}...); import it through src/extension/model.ts (and only types elsewhere)`);
        process.exitCode = 1;
      }
    }
    if (analyze && targets[i].platform === "node") {
      console.log(`${targets[i].outfile}, biggest inputs:`);
      for (const [f, v] of Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 12)) {
        console.log(`  ${String(v.bytesInOutput).padStart(7)}  ${f}`);
      }
    }
  });
}
