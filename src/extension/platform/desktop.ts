// The desktop extension host (node): the model's worker is a worker_threads worker, the
// teaching helpers and the live side are bundles of their own loaded on first use (so
// activation stays cheap), and the features that compile and run programs for real are here.
import { join } from "node:path";
import { runChecksInCli } from "../checks/cli";
import { runReal } from "../demos/real";
import * as linux from "../session/linux";
import * as tasks from "../tasks/tasks";
import { nodeWorkerHost } from "../../host/worker-node-host";
import type { Live, Model, Platform } from "./platform";

const loaded = new Map<string, unknown>();

function load<T>(bundle: string): T {
  if (!loaded.has(bundle)) {
    // A computed path, so the bundler leaves this require for run time; the bundles sit in dist/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded.set(bundle, require(join(__dirname, bundle)));
  }
  return loaded.get(bundle) as T;
}

export const host: Platform = {
  name: "desktop",
  workerHost: (context) => nodeWorkerHost(join(context.extensionUri.fsPath, "dist")),
  model: () => load<Model>("model.js"),
  live: () => load<Live>("live.js"),
  features: [linux.register, tasks.register],
  checks: runChecksInCli,
  runReal,
  env: (name) => process.env[name],
};
