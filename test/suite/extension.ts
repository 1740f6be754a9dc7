// What the integration tests share: the extension under test and its manifest.
import * as vscode from "vscode";
import type { ForkLabApi } from "../../src/extension/extension";

export const EXTENSION_ID = "forklab.forklab";

/** Where this suite runs: the web worker extension host has no node (no `process`). */
export const HOST: "desktop" | "web" = typeof process === "undefined" ? "web" : "desktop";

export function forkLab(): vscode.Extension<ForkLabApi> {
  const ext = vscode.extensions.getExtension<ForkLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this VS Code`);
  return ext;
}

export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: Array<{ command: string; title: string; category?: string }>;
    walkthroughs?: Array<{ id: string; title: string; steps: Array<{ id: string; title: string }> }>;
  };
}

export function manifest(): Manifest {
  return forkLab().packageJSON as Manifest;
}
