// What differs between the desktop extension host (node) and the web worker extension host
// (vscode.dev, github.dev, code-server's browser host): one small module per platform,
// desktop.ts and web.ts. Features reach it through ./host, which is desktop.ts in
// dist/extension.js; scripts/build.mjs points ./host at web.ts for dist/web.js. Nothing else
// in src/extension knows which platform it runs on.
import type * as vscode from "vscode";
import type { WorkerHost } from "../../host/worker-client";
import type { CheckRunner } from "../checks/runner";
import type { Services } from "../services";

export type Model = typeof import("../../host/model-entry");
export type Live = typeof import("../../live/entry");

/** A feature: src/extension/<feature>/ register(context, services). */
export type Feature = (context: vscode.ExtensionContext, services: Services) => void;

/** A demo that runs an example for real (walkthroughs/lessons.json "demos"). */
export interface RealDemo { example: string; what: string }

export interface Platform {
  name: "desktop" | "web";
  /** How the model's worker starts here. */
  workerHost(context: vscode.ExtensionContext): WorkerHost;
  /** The teaching helpers the editor's thread uses (src/host/model-entry.ts). */
  model(): Model;
  /** The live side (/proc readers, clients): desktop only. */
  live(): Live;
  /** The features only this platform has (or, on the web, their places saying why not). */
  features: Feature[];
  /** Runs the checks of a learner's server (the real half only where it can run). */
  checks: CheckRunner;
  /** Runs a demo for real in a terminal; false when it did not start. */
  runReal(context: vscode.ExtensionContext, id: string, demo: RealDemo): Promise<boolean>;
  /** The FORKLAB_* variables of the extension host's environment (none on the web). */
  env(name: string): string | undefined;
}
