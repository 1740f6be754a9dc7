// Pictures of the real VS Code for docs/screenshots (issue 13): the workbench with the
// view beside the editor and the terminal panel open at 1366x768 in the light, dark and
// high-contrast themes; the presentation layout at 1920x1080; fork-returns.c just after
// fork; the timeline scrubbed back with its future; the live view of the real echo server
// with two clients connected (bound to 127.0.0.1, its whole process group stopped after).
// Runs only when FORKLAB_SCREENSHOT_DIR names where to write them (docs/view.md gives the
// command: FORKLAB_SCREENSHOT_DIR=$PWD/docs/screenshots FORKLAB_SUITE_GREP="screenshots of
// the real VS Code" npm run test:integration), so a normal run takes none.
import * as assert from "node:assert";
import { join } from "node:path";
import * as vscode from "vscode";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { pageEval, pageScreenshot, pageViewport } from "./page";
import type { LiveSnapshot } from "../../src/live/livesnapshot";
import { findServer } from "../../src/live/discover";
import { freePort } from "../../src/host/ports";
import { groupMembers } from "../../src/live/stop";

const dir = process.env.FORKLAB_SCREENSHOT_DIR;
const current = () => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current");

/** The view's step line once it ends with `tail`. */
async function viewAt(tail: string): Promise<void> {
  await waitFor(async () => (await pageEval<string | null>("document.querySelector('.fl-stepinfo')?.textContent ?? null", "all")).some((t) => typeof t === "string" && t.endsWith(tail)),
    `the view at "${tail}"`, 30000, 200);
}

/** Moves the view's slider to `step`, as the learner drags it (the input event asks the host). */
async function scrub(step: number): Promise<void> {
  await pageEval(`(() => { const r = document.querySelector('.fl-toolbar input[type=range]'); if (!r) return null; r.value = '${step}'; r.dispatchEvent(new Event('input')); return true; })()`, "all");
  await waitFor(async () => (await current())!.index === step, `step ${step}`, 30000, 100);
}

/** Lets the workbench and the view finish drawing (fonts, layout, the webview's redraw). */
const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

async function theme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration("workbench").update("colorTheme", name, vscode.ConfigurationTarget.Global);
  await settle(2000);
}

async function shot(name: string): Promise<void> {
  await settle();
  await pageScreenshot(join(dir!, name));
}

/** The echo server's session run to its end (Continue: the scenario's clients come and go),
 *  shown in the view beside the editor with the terminal panel open, at 1366x768 in the
 *  dark theme: each picture of it starts from here, whatever ran before. */
async function echoServerRun(): Promise<SessionState> {
  await pageViewport(1366, 768);
  await theme("Default Dark Modern");
  await vscode.commands.executeCommand("forklab.stopSession");
  assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
  const r = await vscode.commands.executeCommand<Outcome>("forklab.continue");
  assert.ok(r.ok, JSON.stringify(r));
  const s = (await vscode.commands.executeCommand<SessionState>("forklab.session.current", { timeline: true }))!;
  await vscode.commands.executeCommand(vscode.window.terminals.length ? "workbench.action.terminal.focus" : "workbench.action.terminal.new");
  await vscode.commands.executeCommand("forklab.openView");
  await viewAt(`${s.index} / ${s.index}`);
  return s;
}

/** fork-returns.c one step after fork, the child stepped so that its pid 0 shows, the panel
 *  closed so that both processes' blocks are in view, in the dark theme. */
async function forkReturnsAfterFork(): Promise<void> {
  await theme("Default Dark Modern");
  await closeSessionsAndEditors();
  assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
  assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.runToLine", 12)).ok);
  const s = (await current())!;
  const child = s.snapshot.processes.find((p) => p.ppid === s.mainPid && p.kind === "program")!;
  assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", child.pid)).ok);
  await vscode.commands.executeCommand("forklab.openView");
  await viewAt(`${s.index + 1} / ${s.index + 1}`);
  await vscode.commands.executeCommand("workbench.action.closePanel");
}

if (dir) describe("screenshots of the real VS Code", function () {
  this.timeout(300000);

  before(async () => {
    await forkLab().activate();
    await vscode.commands.executeCommand("workbench.action.closeSidebar");
  });
  after(async () => {
    await vscode.commands.executeCommand("forklab.stopSession");
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
    await pageViewport(1400, 900);
  });

  it("the echo server with two clients in light, dark and high contrast at 1366x768, the terminal panel open", async () => {
    const s = await echoServerRun();
    // The busiest moment: the most live processes (the server, its children, the clients).
    const live = (i: number) => s.timeline![i].processes.filter((p) => p.state !== "zombie").length;
    let busiest = 0;
    for (let i = 1; i < s.timeline!.length; i++) if (live(i) > live(busiest)) busiest = i;
    await scrub(busiest);
    await viewAt(`${busiest} / ${s.index}`);
    for (const [file, name] of [["light", "Default Light Modern"], ["dark", "Default Dark Modern"], ["hc", "Default High Contrast"]]) {
      await theme(name);
      await shot(`vscode-1366x768-${file}.png`);
    }
  });

  it("the timeline scrubbed back to the middle, the recorded future still on the slider", async () => {
    const last = (await echoServerRun()).timeline!.length - 1;
    const mid = Math.floor(last / 2);
    await scrub(mid);
    await viewAt(`${mid} / ${last}`);
    await shot("vscode-timeline-scrubbed-back.png");
  });

  it("fork-returns.c just after fork: both processes' variables", async () => {
    await pageViewport(1366, 768);
    await forkReturnsAfterFork();
    await shot("vscode-fork-returns-variables.png");
  });

  it("lecture mode at 1920x1080: the presentation layout, the code and the picture only", async () => {
    await pageViewport(1920, 1080);
    await forkReturnsAfterFork();
    await vscode.commands.executeCommand("forklab.view.presentation");
    await shot("vscode-lecture-1920x1080.png");
    const px = await pageEval<number | null>("(() => { const t = document.querySelector('.fl-figure-wrap svg text'); return t ? parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1) : null; })()", "all");
    const size = px.find((x) => typeof x === "number");
    assert.ok(size !== undefined && size >= 16, `the picture's text is ${size} px`);
    const over = (await pageEval<number | null>("(() => { const w = document.querySelector('.fl-figure-wrap'); return w && w.querySelector('svg') ? w.scrollWidth - w.clientWidth : null; })()", "all")).find((x) => typeof x === "number");
    assert.strictEqual(over, 0, "no horizontal scroll in the presentation layout");
    await vscode.commands.executeCommand("forklab.view.presentation");
  });

  it("the live view of the real echo server with two clients connected, at 1366x768 with the terminal panel open", async () => {
    await pageViewport(1366, 768);
    await theme("Default Dark Modern");
    await closeSessionsAndEditors();
    const forklab = vscode.workspace.getConfiguration("forklab");
    await forklab.update("server.port", await freePort(), vscode.ConfigurationTarget.Global);
    let pgid: number | undefined;
    try {
      assert.strictEqual(await vscode.commands.executeCommand("forklab.server.run"), true);
      pgid = findServer(vscode.workspace.getConfiguration("forklab").get<number>("server.port")!, "127.0.0.1");
      assert.ok(pgid, "the server listens on 127.0.0.1");
      assert.strictEqual(await vscode.commands.executeCommand("forklab.live.open"), true);
      // Two clients that hold their connections open while the picture is taken.
      const clients = vscode.commands.executeCommand<number | undefined>("forklab.clients.run",
        { clients: 2, lines: ["hello from client"], holdMs: 12000, close: "together" });
      await waitFor(async () => {
        const s = await vscode.commands.executeCommand<LiveSnapshot | undefined>("forklab.live.snapshot");
        return s && s.processes.filter((p) => p.blockedOn === "read(4)").length === 2;
      }, "two children reading their connections", 30000, 100);
      await vscode.commands.executeCommand("workbench.action.terminal.focus");
      await shot("vscode-live-two-clients.png");
      assert.strictEqual(await clients, 0, "every client got every echo");
    } finally {
      await vscode.commands.executeCommand("forklab.live.stop");
      await vscode.commands.executeCommand("forklab.server.stop");
      if (pgid !== undefined && groupMembers(pgid).length) process.kill(-pgid, "SIGKILL");
      await forklab.update("server.port", undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepStrictEqual(groupMembers(pgid!), [], "nothing of the server's group is left");
  });
});
