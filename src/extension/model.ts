// The doors from the extension to the heavy layers, each a bundle of its own: the model's
// teaching helpers (dist/model.js from src/host/model-entry.ts; the model itself runs in
// its worker, dist/worker.js, see session/worker.ts) and
// the live side (dist/live.js from src/live/entry.ts: /proc readers, clients). They are
// most of Fork Lab's code; loading each only when a feature first needs it keeps
// activation cheap. Everything else in src/extension imports only their types.
import { join } from "node:path";

export type Model = typeof import("../host/model-entry");
export type Live = typeof import("../live/entry");

const loaded = new Map<string, unknown>();

function load<T>(bundle: string): T {
  if (!loaded.has(bundle)) {
    // A computed path, so the bundler leaves this require for run time; the bundles sit in dist/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded.set(bundle, require(join(__dirname, bundle)));
  }
  return loaded.get(bundle) as T;
}

export const model = (): Model => load<Model>("model.js");
export const live = (): Live => load<Live>("live.js");
