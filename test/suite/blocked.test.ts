// A process that cannot run a line, in the real VS Code: wherever stepping a chosen process
// is offered (the code lenses, Step Process's list, the view's process form) a blocked
// process says why instead of offering a step that the model then refuses.
import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { inView, pageKeys, pageTexts } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

// The parent waits for its child at line 12 while the child has lines to run.
const PROGRAM = `#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int a = 1;
        a = a + 1;
        return 0;
    }
    waitpid(pid, NULL, 0);
    return 0;
}
`;

/** Runs Step Process from the palette (no pid), waits for its list, presses `keys` in it;
 *  returns the rows the list showed and the command's outcome. */
async function pickToStep(keys: string[]): Promise<{ rows: string[]; outcome: Outcome }> {
  const running = vscode.commands.executeCommand<Outcome>("forklab.stepProcess");
  const rows = await pageTexts(".quick-input-widget .monaco-list-row", { waitMs: 20000, minCount: 2 });
  await pageKeys(".quick-input-widget input", keys);
  return { rows, outcome: await running };
}

describe("a process that cannot be stepped", function () {
  this.timeout(180000);
  let dir: string;
  let uri: vscode.Uri;
  let parent: number;
  let child: number;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-blocked-"));
    const file = join(dir, "waits.c");
    writeFileSync(file, PROGRAM);
    const doc = await vscode.workspace.openTextDocument(file);
    uri = doc.uri;
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", uri), true);
    parent = (await current())!.mainPid;
    // The parent alone until it waits.
    for (let i = 0; i < 8 && (await current())!.snapshot.processes.find((p) => p.pid === parent)!.state !== "blocked"; i++) {
      await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", parent);
    }
    const s = (await current())!;
    assert.match(s.snapshot.processes.find((p) => p.pid === parent)!.blockedOn ?? "", /^waitpid/);
    child = s.snapshot.processes.find((p) => p.ppid === parent && p.kind === "program")!.pid;
  });
  after(async () => {
    await closeSessionsAndEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the lens over the parent says why it waits and offers no step; the child's steps it", async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
    const lenses = (found ?? []).filter((l) => l.command?.title).map((l) => ({ title: l.command!.title, command: l.command!.command, args: l.command!.arguments }));
    const mine = lenses.find((l) => l.title.startsWith(`pid ${parent} (parent) blocked in waitpid`));
    assert.ok(mine, JSON.stringify(lenses));
    assert.match(mine.title, /it waits for a child to exit/);
    assert.strictEqual(mine.command, "", "an informing lens runs nothing");
    assert.ok(!lenses.some((l) => l.command === "forklab.stepProcess" && l.args?.[0] === parent), JSON.stringify(lenses));
    assert.ok(lenses.some((l) => l.command === "forklab.stepProcess" && l.args?.[0] === child), JSON.stringify(lenses));
  });

  it("Step Process's list puts the child first and the parent after, saying why; picking the parent steps nothing", async () => {
    const before = (await current())!.index;
    const { rows, outcome } = await pickToStep(["ArrowDown", "Enter"]);
    const text = rows.join("\n");
    assert.ok(rows[0].includes(`pid ${child}`), text);
    assert.match(text, /cannot step now/i);
    assert.match(text, new RegExp(`Cannot step now: pid ${parent} is blocked in waitpid\\(.*\\): it waits for a child to exit`), text);
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.message ?? "", new RegExp(`^pid ${parent} is blocked in waitpid`));
    assert.strictEqual((await current())!.index, before, "nothing stepped");
    // The first row steps the child.
    const picked = await pickToStep(["Enter"]);
    assert.ok(picked.outcome.ok, picked.outcome.message);
    assert.strictEqual((await current())!.index, before + 1);
  });

  it("the view's process form: Step this process is aria-disabled for the parent, with why; enabled for the child", async () => {
    await vscode.commands.executeCommand("forklab.openView");
    const form = (pid: number) => `(() => {
      const open = document.querySelector('.fl-toolbar button[aria-label="Step or signal a chosen process"]');
      const list = document.querySelector('select[aria-label="Process"]');
      if (!open || !list || !document.querySelector('.fl-stepinfo')?.textContent?.includes('waits.c')) return null;
      if (open.getAttribute('aria-pressed') !== 'true') open.click();
      if (!list.querySelector('option[value="${pid}"]')) return null;
      list.value = '${pid}'; list.dispatchEvent(new Event('change'));
      const b = Array.from(document.querySelectorAll('.fl-form button')).find((x) => x.textContent === 'Step this process');
      const why = document.getElementById(b.getAttribute('aria-describedby'))?.textContent ?? '';
      return { disabled: b.getAttribute('aria-disabled'), why, focusable: b.tabIndex === 0 };
    })()`;
    const p = await inView<{ disabled: string | null; why: string; focusable: boolean }>(form(parent));
    assert.ok(p, "the view's process form");
    assert.strictEqual(p.disabled, "true");
    assert.strictEqual(p.focusable, true, "the keyboard still reaches it");
    assert.match(p.why, new RegExp(`^Cannot step: pid ${parent} is blocked in waitpid\\(.*\\): it waits for a child to exit\\.$`));
    const c = await inView<{ disabled: string | null; why: string }>(form(child));
    assert.deepStrictEqual([c.disabled, c.why], [null, ""]);
  });
});
