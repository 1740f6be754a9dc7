// Fork Lab is present, starts lazily, and activates cheaply. Runs first (files are sorted)
// so that nothing else has activated the extension yet.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { forkLab, manifest } from "./extension";
import { report } from "./log";

/**
 * Wait (bounded) until the workbench answers a main-thread round trip promptly three times
 * in a row. The suite starts while VS Code is still starting up; measuring activation in
 * that storm would time VS Code's start-up, not Fork Lab.
 */
async function settle(): Promise<number> {
  const deadline = Date.now() + 20000;
  let quiet = 0;
  let i = 0;
  while (quiet < 3 && Date.now() < deadline) {
    const t = performance.now();
    await vscode.commands.executeCommand("setContext", "forklab.settleProbe", i++);
    quiet = performance.now() - t < 10 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return i;
}

describe("activation", () => {
  it("is installed in this VS Code and not activated at start-up (activation is lazy)", () => {
    const ext = forkLab();
    const events = manifest().activationEvents ?? [];
    assert.ok(!events.includes("*") && !events.includes("onStartupFinished"), `eager activation event in ${JSON.stringify(events)}`);
    assert.strictEqual(ext.isActive, false, "something activated Fork Lab before any C file, command or walkthrough was used");
  });

  it("activates on request and reports its own activation cost", async () => {
    const ext = forkLab();
    const probes = await settle();
    // Time from the activation request to activate() returning (module load included).
    const t0 = performance.now();
    const api = await ext.activate();
    const requestMs = performance.now() - t0;
    assert.strictEqual(ext.isActive, true);
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs = ${api.activationMs}`);
    assert.ok(api.activationMs <= api.sinceLoadMs && api.sinceLoadMs <= requestMs + 1,
      `activate() ${api.activationMs} ms, since load ${api.sinceLoadMs} ms, request ${requestMs} ms are out of order`);
    assert.ok(Number.isFinite(api.evaluationMs) && api.evaluationMs >= 0 && api.evaluationMs + api.activationMs <= api.sinceLoadMs + 0.01,
      `bundle evaluation ${api.evaluationMs} ms does not fit in since load ${api.sinceLoadMs} ms`);
    report(`forklab-activation: activate() ${api.activationMs.toFixed(2)} ms; bundle evaluation ${api.evaluationMs.toFixed(1)} ms; `
      + `bundle evaluation start to return ${api.sinceLoadMs.toFixed(1)} ms; `
      + `ext.activate() request to return ${requestMs.toFixed(1)} ms (target < 30 ms; measured after ${probes} settle probes)`);
  });
});
