// A lesson's Continue in the real VS Code: after the zombies question is answered in the
// view, Continue stops where the lesson's point shows (three zombies under their parent),
// not at the end of the run (the scripted Ctrl-C empties the table); the next Continue
// runs on from there.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { answerExpr, inView, verdictExpr } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");
const zombies = (s: SessionState | undefined) => s?.snapshot.processes.filter((p) => p.kind === "program" && p.state === "zombie").length;

describe("a lesson's Continue", function () {
  this.timeout(180000);
  before(() => forkLab().activate());
  after(async () => {
    await closeSessionsAndEditors();
    // The right answer set the step's completion key; the walkthrough service takes a key
    // already true when a walkthrough is first shown as seen and never checks the step, so
    // the lessons walk (lessons.test.ts) must find it as a student who has not answered.
    await vscode.commands.executeCommand("setContext", "forklab.answered.zombies.zombies", false);
  });

  it("zombies: Continue after the right answer stops with the three zombies in the table; the next one runs on", async () => {
    await vscode.commands.executeCommand("forklab.stopSession");
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession",
      { example: "zombies.c", scenario: "zombies.scenario.json", lesson: "forklab.zombies", step: "zombies" }), true);
    const prompt = await inView<string>("(() => { const t = document.querySelector('.fl-question:not([hidden]) .fl-prompt')?.textContent ?? ''; return t.includes('Three children') ? t : null; })()");
    assert.match(prompt, /Three children are about to exit/);
    assert.strictEqual(await inView<boolean>(answerExpr(0)), true);
    assert.match((await inView<{ text: string }>(verdictExpr("Right"))).text, /zombie/);

    const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.ok(r.ok, JSON.stringify(r));
    const s = await current();
    assert.strictEqual(zombies(s), 3, `the table at step ${s?.index}: ${JSON.stringify(s?.snapshot.processes.map((p) => [p.pid, p.state]))}`);
    assert.strictEqual(s?.ended, undefined, "the run has not ended");
    const drawn = await inView<number>("(() => { const n = document.querySelectorAll('.fl-figure-wrap svg .fl-box.fl-zombie').length; return n >= 3 ? n : null; })()");
    assert.strictEqual(drawn, 3, "the picture shows the three zombies");

    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    const end = await current();
    assert.strictEqual(end?.ended, "every process has exited");
    assert.strictEqual(zombies(end), 0);
  });
});
