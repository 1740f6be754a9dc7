// @ts-check
// The web build's one difference from the desktop's: src/extension/platform/host.ts resolves
// to web.ts beside it (scripts/build.mjs for dist/web.js, scripts/integration.mjs for the
// web suite, which imports some of the extension's modules).
import { join } from "node:path";

/** @returns {import("esbuild").Plugin} */
export function webPlatform() {
  return {
    name: "forklab-web-platform",
    setup(build) {
      build.onResolve({ filter: /\/platform\/host$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/host$/, "web.ts")) }));
    },
  };
}
