// The editor keeps the code readable while a session moves (a reviewer at 1366x768): the
// running line is revealed only when it is off screen, from column 0, so the "pid N" label
// after a long line never scrolls a narrow editor sideways (before, scrubbing cut off the
// start of every line), and a run that ends with no process left scrolls nowhere (before,
// the end of a run showed only the file's empty last line).
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { pageEval, pageScreenshot, pageViewport } from "./page";
import { Scratch, scratchFolder } from "./scratch";

// A pipe between parent and child, with long lines (the label comes after them).
const PROGRAM = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
    int fd[2];
    char buf[32];
    pipe(fd);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        write(fd[1], "hello parent", 12); /* the child writes into the pipe, then closes its end */
        close(fd[1]);
        return 0;
    }
    close(fd[1]);
    int n = read(fd[0], buf, sizeof(buf) - 1); /* the parent reads what the child wrote into the pipe */
    buf[n] = '\\0';
    printf("parent read %d bytes: %s\\n", n, buf);
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return 0;
}
`;

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

describe("the editor's scrolling during a session", function () {
  this.timeout(180000);
  let dir: Scratch;
  let uri: vscode.Uri;

  before(async () => {
    await forkLab().activate();
    dir = await scratchFolder("forklab-scroll-");
    uri = vscode.Uri.joinPath(dir.uri, "twopipe.c");
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(PROGRAM));
    await pageViewport(1366, 768);
  });
  after(async () => {
    await closeSessionsAndEditors();
    await pageViewport(1400, 900);
    await dir.remove();
  });

  /** How far the file's editor is scrolled sideways, in pixels (Monaco moves its lines left). */
  const sideways = async () => {
    const [left] = await pageEval<string | null>(`document.querySelector('.monaco-editor[data-uri$="twopipe.c"] .lines-content')?.style.left ?? null`);
    assert.ok(left !== null, "the file's editor is on screen");
    return 0 - parseFloat(left || "0");
  };

  it("steps and scrubs a narrow editor without scrolling it sideways, and the end of the run scrolls nowhere", async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("workbench.action.terminal.focus");
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", uri), true);
    // The code in a narrow column beside the picture: the long lines do not fit.
    await vscode.commands.executeCommand("vscode.setEditorLayout", { orientation: 0, groups: [{ size: 0.25 }, { size: 0.75 }] });
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const ed = await waitFor(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()), "the file's editor");
    const moves: string[] = [];
    // Step by step through both long lines (each process stops on its own).
    for (let i = 0; i < 14; i++) {
      assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
      await new Promise((r) => setTimeout(r, 250));
      const px = await sideways();
      const lines = (await current())!.snapshot.processes.filter((p) => p.line).map((p) => `pid ${p.pid} line ${p.line}`).join(", ");
      if (px) moves.push(`step ${i + 1} (${lines}): ${px}px`);
    }
    // Scrubbing from the view (its slider) moves the editor the same way.
    for (const at of [4, 9, 12, 6]) {
      await pageEval(`(() => { const i = document.querySelector('.fl-slider input'); if (!i) return null; i.value = '${at}'; i.dispatchEvent(new Event('input')); return true; })()`, "all");
      await waitFor(async () => (await current())!.index === at || undefined, `the session at step ${at}`, 20000, 100);
      await new Promise((r) => setTimeout(r, 400));
      const px = await sideways();
      if (px) moves.push(`scrubbed to ${at}: ${px}px`);
    }
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/scroll-narrow.png`);
    assert.deepStrictEqual(moves, [], "the editor never scrolled sideways");

    // From the top of the file, a run to the end (no process left with a line) scrolls nowhere.
    await vscode.commands.executeCommand("forklab.restartSession");
    ed.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => ed.visibleRanges[0]?.start.line === 0 || undefined, "the editor at the top", 10000, 100);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.runToEnd")).ok);
    await new Promise((r) => setTimeout(r, 800));
    const s = (await current())!;
    assert.ok(s.snapshot.processes.every((p) => p.kind !== "program" || p.state === "zombie"), "every process of the program has exited");
    assert.strictEqual(ed.visibleRanges[0].start.line, 0, `the editor stayed at the top: ${JSON.stringify(ed.visibleRanges)}`);
    assert.strictEqual(await sideways(), 0);
  });
});
