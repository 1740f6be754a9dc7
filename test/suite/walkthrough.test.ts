// The "Start here" walkthrough is contributed, opens, and shows its steps.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { WALKTHROUGH_ID } from "../../src/extension/start/start";
import { EXTENSION_ID, forkLab, manifest } from "./extension";
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
  });

  it("renders the first step's lesson text (a webview) from walkthroughs/start-here.md", async () => {
    const file = vscode.Uri.joinPath(forkLab().extensionUri, "walkthroughs", "start-here.md");
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    const heading = markdown.split("\n").find((l) => l.startsWith("# "))?.slice(2).trim();
    assert.ok(heading, "start-here.md has a level-1 heading");
    const bodies = await waitForTexts("body", (ts) => ts.some((t) => t.includes(heading)), 20000, "all");
    assert.ok(bodies.some((t) => t.includes(heading)), `no frame shows ${JSON.stringify(heading)}`);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
