// The model built with one kernel file swapped for a deliberately wrong one from this folder
// (fdtable.ts or signal.ts), so a test can show the fidelity harness catches a model that is
// not Linux without the production kernel carrying a wrong mode. esbuild bundles
// src/fidelity/model-session.ts with every import of the real file, except the wrong file's
// own, resolved to the wrong one.
import { build, type Plugin } from "esbuild";
import { join, resolve } from "node:path";
import type { runModelSession } from "../../../src/fidelity/model-session";

const ROOT = join(__dirname, "..", "..", "..");

export type WrongPart = "fdtable" | "signal";

function swap(part: WrongPart): Plugin {
  const real = join(ROOT, "src", "kernel", `${part}.ts`);
  const wrong = join(__dirname, `${part}.ts`);
  return {
    name: `wrong-${part}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`/${part}$`) }, (args) => {
        const target = resolve(args.resolveDir, `${args.path}.ts`);
        if (target !== real || args.importer === wrong) return undefined;
        return { path: wrong };
      });
    },
  };
}

/** runModelSession from a model whose `part` is the wrong one (built once per part). */
export async function wrongModel(part: WrongPart): Promise<typeof runModelSession> {
  // Two folders below the root, as dist/ is: the loader finds the parser's .wasm from there.
  const outfile = join(ROOT, "out", `wrong-${part}`, "model-session.js");
  await build({
    entryPoints: [join(ROOT, "src", "fidelity", "model-session.ts")], outfile, bundle: true,
    platform: "node", format: "cjs", target: "node20", logLevel: "error", plugins: [swap(part)],
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(outfile) as { runModelSession: typeof runModelSession }).runModelSession;
}
