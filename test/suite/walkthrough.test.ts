// The "Start here" walkthrough is contributed, opens, and shows its steps.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { WALKTHROUGH_ID } from "../../src/extension/extension";
import { EXTENSION_ID, manifest } from "./extension";
import { waitForTexts } from "./page";

describe("walkthrough", () => {
  it("is contributed as Start here with steps", () => {
    const w = manifest().contributes?.walkthroughs?.find((x) => `${EXTENSION_ID}#${x.id}` === WALKTHROUGH_ID);
    assert.ok(w, `no walkthrough ${WALKTHROUGH_ID}`);
    assert.strictEqual(w.title, "Start here");
    assert.ok(w.steps.length >= 1);
  });

  it("opens with workbench.action.openWalkthrough and shows its title and first step", async () => {
    const w = manifest().contributes!.walkthroughs![0];
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false);
    const shows = (t: string) => t.includes(w.title) && t.includes(w.steps[0].title);
    const titles = await waitForTexts(".gettingStartedContainer", (ts) => ts.some(shows), 15000);
    assert.ok(titles.some(shows),
      `walkthrough page shows ${JSON.stringify(titles.map((t) => t.slice(0, 200)))}`);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
