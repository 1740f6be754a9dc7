// "Run demo..." inside a real VS Code: each demo opens its example, starts a session in the
// demo's world and stops at its interesting moment, asserted on the Snapshot the session
// shows (and the view renders).
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { DemoResult } from "../../src/extension/demos/demos";
import type { SessionState } from "../../src/extension/session/commands";
import { DEMOS } from "../../src/coach/demos";
import { forkLab } from "./extension";
import { waitForTexts } from "./page";
import { waitFor } from "../wait";

describe("demos: every demo reaches its moment", function () {
  this.timeout(120000);

  before(async () => { await forkLab().activate(); });
  after(async () => { await vscode.commands.executeCommand("forklab.stopSession"); });

  for (const d of DEMOS) {
    it(`${d.id}: ${d.title}`, async () => {
      const r = await vscode.commands.executeCommand<DemoResult>("forklab.runDemo", { demo: d.id });
      assert.ok(r.ok, r.message);
      assert.ok(r.moment, `stopped at step ${r.step} without the moment`);
      const s = (await vscode.commands.executeCommand<SessionState>("forklab.session.current", { history: true }))!;
      assert.ok(s.file.endsWith(d.example), s.file);
      assert.strictEqual(s.index, r.step);
      assert.ok(s.index > 0, "the demo stepped");
      // The predicate, checked again here on the Snapshot (and history) the session hands out.
      assert.strictEqual(d.moment(s.snapshot, s.history!), true);
      assert.strictEqual(d.moment(s.history![0], s.history!.slice(0, 1)), false, "the moment already held at the start");
      // The workbench tells the extension host which editor is in front a moment later
      // (in the web worker host the round trip is longer): wait for it, bounded.
      const front = () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(d.example);
      await waitFor(front, "the demo's example in front", 5000, 50).catch(() => undefined);
      assert.ok(front(), `the demo's example is in front (in front: ${vscode.window.activeTextEditor?.document.uri.toString() ?? "no text editor"}; visible: ${vscode.window.visibleTextEditors.map((e) => e.document.uri.path).join(", ")})`);
    });
  }

  it("the view renders the demo's moment (its step number)", async () => {
    const r = await vscode.commands.executeCommand<DemoResult>("forklab.runDemo", { demo: "zombies" });
    const texts = await waitForTexts(".fl-stepinfo", (ts) => ts.some((t) => t.includes(`zombies.c · step ${r.step} /`)), 20000, "all");
    assert.ok(texts.some((t) => t.includes(`step ${r.step} /`)), JSON.stringify(texts));
  });
});
