// A program that reads its terminal, in the real VS Code: fgets blocks in read(0) of the
// terminal, the lens and the message say to type a line in the view, the view's input (real
// key presses) sends the line as a step of its own (Back shows the program waiting again,
// Forward replays the line), the program prints it back, and Ctrl+D ends its input.
import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageKeys } from "./page";
import { GREET } from "../greet";


const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");
/** The view's terminal output strip, once `want` holds of its text. */
const consoleText = (want: string) => inView<string>(`(() => { const t = document.querySelector('.fl-console')?.textContent ?? ''; return t.includes(${JSON.stringify(want)}) ? t : null; })()`);
/** The view's step counter, once it ends with `want`. */
const counter = (want: string) => inView<string>(`(() => { const t = document.querySelector('.fl-stepinfo')?.textContent ?? ''; return t.endsWith(${JSON.stringify(want)}) ? t : null; })()`);
/** Clicks the view's toolbar button with this accessible name. */
const click = (label: string) => inView<boolean>(`(() => { const b = document.querySelector('.fl-toolbar button[aria-label=${JSON.stringify(label)}]'); if (!b) return null; b.click(); return true; })()`);
/** The view's terminal input, "shown" or "hidden", once it is `want`. */
const typein = (want: "shown" | "hidden") => inView<string>(`(() => { const f = document.querySelector('.fl-typein'); const s = f && !f.hidden ? 'shown' : 'hidden'; return f && s === ${JSON.stringify(want)} ? s : null; })()`);

describe("typing at the program's terminal", function () {
  this.timeout(180000);
  let dir: string;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-typein-"));
  });
  after(async () => {
    await closeSessionsAndEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it("steps a fgets program, types a line in the view and sees it echoed; Ctrl+D ends the input", async () => {
    const file = join(dir, "greet.c");
    writeFileSync(file, GREET);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.match(r.message ?? "", /in read\(0\) at line 9; type a line for the terminal in the view/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
    const titles = lenses.map((l) => l.command?.title ?? "");
    assert.ok(titles.some((t) => /blocked in read\(0\): type a line for the terminal in the view/.test(t)), JSON.stringify(titles));

    const n = (await current())!.index;
    await counter(`${n} / ${n}`);
    const label = await inView<string>(`(() => { const i = document.querySelector('.fl-typein-line'); return i && i.offsetParent ? i.getAttribute('aria-label') : null; })()`);
    assert.strictEqual(label, "Type a line for the terminal");
    await pageKeys(".fl-typein-line", ["s", "a", "m", "Enter"]);
    await waitFor(async () => (await current())?.snapshot.events.some((e) => e.kind === "note" && e.text === "typed \"sam\\n\" at the terminal"), "the typed line as an event of the step", 20000, 100);
    // The line is step n+1; Back shows step n with the program waiting for it again, Forward replays it.
    await counter(`${n + 1} / ${n + 1}`);
    assert.strictEqual((await current())!.index, n + 1);
    // The input keeps the keyboard after Enter (a second line needs no click), though the
    // reader took the line and runs on; leaving it (Step back's click) would take it away.
    await typein("shown");
    await click("Step back");
    await counter(`${n} / ${n + 1}`);
    await typein("shown");
    assert.ok(!(await current())!.snapshot.events.some((e) => e.kind === "note"), "the step before the typing does not say it");
    await click("Step forward (replays the recorded step)");
    await counter(`${n + 1} / ${n + 1}`);
    assert.ok((await current())!.snapshot.events.some((e) => e.kind === "note" && e.text === "typed \"sam\\n\" at the terminal"));
    const on = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.match(on.message ?? "", /in read\(0\)/, "the next fgets blocks again");
    assert.match(await consoleText("hello, sam"), /name\?.*hello, sam/);

    await pageKeys(".fl-typein-line", ["Control+d"]);
    await waitFor(async () => (await current())?.snapshot.events.some((e) => e.kind === "note" && /Ctrl-D/.test(e.text)), "Ctrl+D as an event of the step", 20000, 100);
    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    await consoleText("bye");
    assert.strictEqual((await current())?.ended, "every process has exited");
    assert.strictEqual(await inView<string>(`(() => { const f = document.querySelector('.fl-typein'); return f ? String(f.hidden) : null; })()`), "true", "nothing reads: the input goes");
  });
});
