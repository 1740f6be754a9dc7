// Every command Fork Lab contributes in package.json is registered once it is active,
// so no menu entry or walkthrough link points at nothing.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { forkLab, manifest } from "./extension";

describe("commands", () => {
  before(async () => { await forkLab().activate(); });

  it("contributes at least one command, all in the Fork Lab category", () => {
    const commands = manifest().contributes?.commands ?? [];
    assert.ok(commands.length > 0, "package.json contributes no commands");
    for (const c of commands) assert.strictEqual(c.category, "Fork Lab", `${c.command} is outside the Fork Lab category`);
  });

  it("registers every contributed command", async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest().contributes?.commands ?? []).map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(", ")}`);
  });
});
