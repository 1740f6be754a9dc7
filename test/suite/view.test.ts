// The descriptor-table view inside VS Code: the command opens the panel, the host sends
// a snapshot history, and the webview frame shows the tables with the last step's changes.
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { Snapshot } from "../../src/contract/snapshot";
import { forkLab } from "./extension";
import { pageEval } from "./page";

async function fixture(name: string): Promise<Snapshot> {
  const file = vscode.Uri.joinPath(forkLab().extensionUri, "test", "unit", "render", "fixtures", `${name}.json`);
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Snapshot;
}

/** Polls every frame (webviews included) until `expr` yields a non-empty array. */
async function readFrames(expr: string, waitMs = 20000): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const perFrame = await pageEval<string[] | null>(`(() => { try { return ${expr}; } catch { return null; } })()`, "all");
    const found = perFrame.find((x) => Array.isArray(x) && x.length > 0);
    if (found || Date.now() >= deadline) return found ?? [];
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("descriptor-table view", () => {
  it("opens from forklab.view.show and draws the open file table of the snapshot it was sent", async () => {
    const prev = await fixture("echo-two-clients.prev");
    const cur = await fixture("echo-two-clients");
    await vscode.commands.executeCommand("forklab.view.show", { history: [prev, cur], title: "echoserverp.c" });
    // Only the part of the picture on screen is in the DOM: scroll through it, collecting the rows.
    const rows = await readFrames(`(async () => {
      const w = document.querySelector('.fl-figure-wrap');
      if (!w || !w.querySelector('svg')) return null;
      const seen = new Set();
      for (let y = 0; ; y += Math.max(50, w.clientHeight / 2)) {
        w.scrollTop = y;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        for (const e of document.querySelectorAll('g.fl-file')) seen.add(e.textContent);
        if (y >= w.scrollHeight) break;
      }
      w.scrollTop = 0;
      return [...seen];
    })()`);
    // Six open files; the server's close(4) dropped #4's refcount from 2 to 1.
    assert.strictEqual(rows.length, 6, `rows: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => r.includes("#4") && r.includes("2\u21921")), JSON.stringify(rows));
    const slots = await readFrames("Array.from(document.querySelectorAll('[data-fd=\"100:4\"]')).map((e) => e.getAttribute('data-change'))");
    assert.deepStrictEqual(slots, ["closed"]);
    const step = await readFrames("Array.from(document.querySelectorAll('.fl-stepinfo')).map((e) => e.textContent)");
    assert.ok(step[0]?.includes("echoserverp.c") && step[0].includes("step 14"), JSON.stringify(step));
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });

  it("shows on the terminal every line written up to the step, from a history sent step by step", async () => {
    // A Snapshot holds only its own step's output: the view concatenates the history's.
    const cur = await fixture("echo-two-clients");
    const at = (step: number, text: string): Snapshot => ({ ...cur, step, events: [], output: text ? [{ pid: 100, fd: 1, text }] : [] });
    const history = [at(0, "first line\n"), at(1, "")];
    await vscode.commands.executeCommand("forklab.view.show", { history: [...history], title: "t.c" });
    history.push(at(2, "second line\n"), at(3, ""));
    await vscode.commands.executeCommand("forklab.view.show", { history: [...history], title: "t.c" });
    const lines = await readFrames("(() => { const l = Array.from(document.querySelectorAll('[data-kind=\"tty\"] .fl-out')).map((e) => e.textContent); return l.length === 2 ? l : []; })()");
    assert.deepStrictEqual(lines.map((l) => l.replace(/^100/, "")), ["first line", "second line"]);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
