// Fork Lab's entry point: wires features and nothing else. Keep it cheap: activation
// must stay under 30 ms, so features reach the model and the live side (their own
// bundles) through src/extension/model.ts, on first use, and import only their types.
// A feature lives in src/extension/<feature>/ and exports register(context); add it to
// `features` below and its contributions (commands, views...) to package.json. The same
// entry is built for the desktop (dist/extension.js) and the web (dist/web.js): features
// that run programs for real come from the platform (./platform/host).
import * as vscode from "vscode";
import * as checks from "./checks/checks";
import * as demos from "./demos/demos";
import * as editor from "./editor/editor";
import { host } from "./platform/host";
import type { Feature } from "./platform/platform";
import type { Services } from "./services";
import * as lessons from "./session/lessons";
import * as ahead from "./session/ahead";
import * as session from "./session/session";
import { Sessions } from "./session/sessions";
import * as start from "./start/start";
import * as view from "./view/view";

// Set by the bundle's first line (scripts/build.mjs), before the imports above evaluate,
// and by its last line, once everything in it has evaluated.
const stamps = globalThis as { __forklabBundleStart?: number; __forklabBundleEnd?: number };
const loadedAt = stamps.__forklabBundleStart ?? performance.now();

export interface ForkLabApi {
  /** Milliseconds spent in activate(): the cost Fork Lab adds to every activation. */
  activationMs: number;
  /** Milliseconds from the bundle starting to evaluate (all imports included) to activate() returning. */
  sinceLoadMs: number;
  /** Milliseconds the bundle took to evaluate (the rest of sinceLoadMs is VS Code preparing the call). */
  evaluationMs: number;
  /** What was made ready ahead of Start Stepping (session/ahead.ts): the model's worker warm,
   *  and the C files (by fsPath) whose start needs nothing more read. */
  readiness(): { worker: boolean; files: string[] };
}

/** Every feature but the view host, which the others are given (see Services). */
const features: Feature[] = [
  session.register,
  editor.register,
  demos.register,
  lessons.register,
  start.register,
  checks.register,
  ahead.register,
  ...host.features,
];

export function activate(context: vscode.ExtensionContext): ForkLabApi {
  const begin = performance.now();
  // The sessions first: the view's presentation layout sizes the code for their markers.
  const sessions = new Sessions(context);
  const services: Services = { view: view.register(context, sessions), sessions };
  context.subscriptions.push(services.sessions);
  for (const register of features) register(context, services);
  const end = performance.now();
  // NaN when the build did not stamp the bundle's end: the figure would be wrong, not small.
  const evaluationMs = (stamps.__forklabBundleEnd ?? Number.NaN) - loadedAt;
  return { activationMs: end - begin, sinceLoadMs: end - loadedAt, evaluationMs, readiness: () => sessions.readiness() };
}

export function deactivate(): void {
  // Nothing to release: every feature disposes through context.subscriptions.
}
