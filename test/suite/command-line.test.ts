// A learner's own server, stepped as they run it in a shell: `./myserver 15213`. Started
// plainly it gets no arguments, prints its usage and exits; the learner is told so and
// offered to start it with arguments, which are kept for the file (Restart and Start
// Stepping use them again).
import * as assert from "node:assert";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { pageEval, pageKeys, pageScreenshot, pageViewport, waitForTexts } from "./page";

const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

describe("a program's command-line arguments", function () {
  this.timeout(180000);
  let dir: string;
  let uri: vscode.Uri;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-argv-"));
    const examples = join(forkLab().extensionPath, "examples");
    copyFileSync(join(examples, "echoserverp.c"), join(dir, "myserver.c"));
    for (const f of ["csapp.h", "csapp.c"]) copyFileSync(join(examples, f), join(dir, f));
    uri = vscode.Uri.file(join(dir, "myserver.c"));
    // A laptop's screen, the terminal panel open (where a server usually runs).
    await pageViewport(1366, 768);
    await vscode.commands.executeCommand("workbench.action.terminal.focus");
  });
  after(async () => {
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("notifications.clearAll");
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await pageViewport(1400, 900);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a server started without its port prints its usage; the learner is offered arguments, and those given stay with the file", async () => {
    await vscode.commands.executeCommand("notifications.clearAll");
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", uri), true);
    await vscode.commands.executeCommand<Outcome>("forklab.runToEnd");
    const ended = (await current())!;
    assert.ok(ended.snapshot.processes.every((p) => p.kind !== "program" || p.state === "zombie"), "without a port it exits at once");
    await vscode.commands.executeCommand("notifications.showList");
    const told = await waitForTexts(".notifications-center .notification-list-item", (ts) => ts.some((t) => t.includes("printed its usage")), 20000);
    const offer = told.find((t) => t.includes("printed its usage")) ?? "";
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/argv-usage.png`);
    assert.match(offer, /myserver\.c printed its usage and exited: it wants command-line arguments \(usage: \.\/myserver <port>\)/, JSON.stringify(told));
    assert.match(offer, /Start with Arguments/, "with a button that starts it with arguments");
    await vscode.commands.executeCommand("notifications.clearAll");

    // Given a port, as in a shell: the server gets argv[1] and waits for a client.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSessionWithArgs", uri, "15213"), true);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
    assert.match(r.message ?? "", /accept/, JSON.stringify(r));
    let s = (await current())!;
    const main = s.snapshot.processes.find((p) => p.pid === s.mainPid)!;
    assert.strictEqual(main.state, "blocked", "it listens and waits in accept");
    assert.ok(s.snapshot.objects.some((o) => o.kind === "socket" && o.state === "listening" && (o.local ?? "").endsWith(":15213")), "listening on the port given");

    // Restart and a later Start Stepping use the same command line.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.restartSession"), true);
    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    s = (await current())!;
    assert.strictEqual(s.snapshot.processes.find((p) => p.pid === s.mainPid)!.state, "blocked", "Restart kept the port");
    await vscode.commands.executeCommand("forklab.stopSession");
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", uri), true);
    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    s = (await current())!;
    assert.strictEqual(s.snapshot.processes.find((p) => p.pid === s.mainPid)!.state, "blocked", "Start Stepping kept the port");

    // Asked again, the box holds the line given before (Escape starts nothing).
    const asked = vscode.commands.executeCommand<boolean>("forklab.startSessionWithArgs", uri);
    let shown: Array<string | null> = [];
    for (let i = 0; i < 100 && !shown.some((v) => v !== null); i++) {
      shown = await pageEval<string | null>("Array.from(document.querySelectorAll('.quick-input-widget input')).find((i) => i.offsetParent !== null)?.value ?? null");
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepStrictEqual(shown.filter((v) => v !== null), ["15213"], "the input box offers the line given last");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/argv-ask.png`);
    await pageKeys(".quick-input-widget input", ["Escape"]);
    assert.strictEqual(await asked, false);

    // An empty line goes back to no arguments.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSessionWithArgs", uri, ""), true);
    await vscode.commands.executeCommand<Outcome>("forklab.runToEnd");
    s = (await current())!;
    assert.ok(s.snapshot.processes.every((p) => p.kind !== "program" || p.state === "zombie"), "no port again: usage and exit");
  });
});
