// Turning the presentation layout off puts the window back as it was (a reviewer found the
// side bar and the terminal panel still closed, the code squeezed to 30% and the view's side
// list turned on): the side bar and the panel open again only if they were open, the editor
// groups take their old widths, and the view's side list is as it was. And the code is read
// whole while it is on: at 1920x1080 the code's 30% cut it at about 45 characters, where the
// editor's minimap began; and so are Fork Lab's own markers at the line ends (the lecture
// screenshot had fork-returns.c's "◀ pid 3" cut at the code's edge on line 12).
import * as assert from "node:assert";
import * as vscode from "vscode";
import type { Snapshot } from "../../src/contract/snapshot";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { pageEval, pageScreenshot, pageViewport } from "./page";

async function fixture(name: string): Promise<Snapshot> {
  const file = vscode.Uri.joinPath(forkLab().extensionUri, "test", "unit", "render", "fixtures", `${name}.json`);
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Snapshot;
}

/** Whether a workbench part (side bar, panel) takes room on screen. */
const shown = async (id: string) => (await pageEval<boolean>(`(() => { const e = document.getElementById(${JSON.stringify(id)}); return !!e && e.offsetWidth > 0 && e.offsetHeight > 0; })()`))[0];
/** What the window shows: the two parts, the first editor group's share of the width, the view's side list. */
async function layout(): Promise<{ sideBar: boolean; panel: boolean; codeShare: number; sideList: boolean | undefined }> {
  const l = await vscode.commands.executeCommand<{ groups: Array<{ size: number }> }>("vscode.getEditorLayout");
  const sizes = l.groups.map((g) => g.size);
  const lists = await pageEval<boolean | null>("document.querySelector('.fl-side') ? getComputedStyle(document.querySelector('.fl-side')).display !== 'none' : null", "all");
  return { sideBar: await shown("workbench.parts.sidebar"), panel: await shown("workbench.parts.panel"),
    codeShare: Math.round((100 * sizes[0]) / sizes.reduce((a, b) => a + b, 0)), sideList: lists.find((x) => x !== null) ?? undefined };
}
const presenting = () => pageEval<boolean | null>("document.querySelector('.fl-toolbar') ? document.body.classList.contains('fl-present') : null", "all")
  .then((xs) => xs.find((x) => x !== null) ?? undefined);

describe("the presentation layout turned off", function () {
  this.timeout(180000);
  before(async () => {
    await forkLab().activate();
    await pageViewport(1366, 768);
  });
  // A test that failed half way leaves the layout on: the next starts without it.
  afterEach(async () => {
    await vscode.commands.executeCommand("forklab.view.presentation", false);
  });
  after(async () => {
    await vscode.workspace.getConfiguration("forklab.view").update("zoom", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("workbench.view.explorer");
    await pageViewport(1400, 900);
  });

  async function viewBesideCode(): Promise<void> {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(forkLab().extensionUri, "examples", "fork-returns.c"));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand("forklab.view.show", { history: [await fixture("echo-two-clients.prev"), await fixture("echo-two-clients")], title: "echoserverp.c" });
    await waitFor(async () => (await presenting()) === false || undefined, "the view, not presenting", 20000, 100);
  }

  async function toggle(on: boolean): Promise<void> {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), on);
    await waitFor(async () => (await presenting()) === on || undefined, `the presentation layout ${on ? "on" : "off"}`, 20000, 100);
  }

  it("puts back the side bar, the panel, the editor widths and the view's side list when they were open", async () => {
    await viewBesideCode();
    await vscode.commands.executeCommand("workbench.view.explorer");
    await vscode.commands.executeCommand("workbench.action.terminal.focus");
    await new Promise((r) => setTimeout(r, 1000));
    const was = await layout();
    assert.ok(was.sideBar && was.panel, `open to begin with: ${JSON.stringify(was)}`);
    await toggle(true);
    const during = await waitFor(async () => { const l = await layout(); return !l.sideBar && !l.panel ? l : undefined; }, "the side bar and the panel to close", 20000, 100);
    assert.strictEqual(during.codeShare, 30, "the picture takes the wider share");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-on.png`);
    await toggle(false);
    const back = await waitFor(async () => { const l = await layout(); return l.sideBar && l.panel ? l : undefined; }, "the side bar and the panel back", 20000, 100);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepStrictEqual(await layout(), was, `before ${JSON.stringify(was)}, after ${JSON.stringify(back)}`);
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-off.png`);
  });

  it("leaves the side bar and the panel closed when they were closed", async () => {
    await viewBesideCode();
    await vscode.commands.executeCommand("workbench.action.closeSidebar");
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await new Promise((r) => setTimeout(r, 1000));
    const was = await layout();
    assert.ok(!was.sideBar && !was.panel, `closed to begin with: ${JSON.stringify(was)}`);
    await toggle(true);
    await toggle(false);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(await layout(), was);
  });
});

/** The code editor on screen (the workbench's, not the view's): its minimap's width, the
 *  text runs of its rendered lines that end past what the text area shows (under the
 *  minimap, past the vertical scroll bar, or off the editor's edge), and Fork Lab's markers
 *  at the line ends (an empty span whose ::after says "◀ pid N"), each with its line's top
 *  and how far it ends past that edge. */
const CODE = `(() => {
  const eds = Array.from(document.querySelectorAll(".part.editor .monaco-editor")).filter((e) => e.offsetWidth > 0 && e.querySelector(".view-lines"));
  return eds.map((ed) => {
    const guard = ed.querySelector(".overflow-guard").getBoundingClientRect();
    const mini = ed.querySelector(".minimap");
    const miniWidth = mini ? mini.getBoundingClientRect().width : 0;
    const bar = ed.querySelector(".editor-scrollable > .scrollbar.vertical");
    const edge = (miniWidth > 0 ? mini.getBoundingClientRect().left : guard.right) - (bar ? bar.getBoundingClientRect().width : 0);
    const runs = Array.from(ed.querySelectorAll(".view-lines .view-line > span"));
    const cut = runs.filter((r) => r.getBoundingClientRect().right > edge + 1).map((r) => r.textContent.trim().slice(-30));
    const marks = Array.from(ed.querySelectorAll(".view-lines .view-line span")).filter((m) => getComputedStyle(m, "::after").content.includes("pid"))
      .map((m) => { const r = m.getBoundingClientRect(); return { text: getComputedStyle(m, "::after").content, top: Math.round(r.top), width: Math.round(r.width), over: Math.round(r.right - edge) }; });
    return { width: Math.round(guard.width), miniWidth: Math.round(miniWidth), lines: runs.length, cut, marks };
  });
})()`;

interface Code { width: number; miniWidth: number; lines: number; cut: string[]; marks: Array<{ text: string; top: number; width: number; over: number }> }

describe("the presentation layout shows the code whole", function () {
  this.timeout(180000);
  const editor = () => vscode.workspace.getConfiguration("editor");
  /** The learner's own settings, which the layout changes and gives back. */
  const theirs = () => ({ minimap: editor().inspect("minimap.enabled")?.globalValue, wrap: editor().inspect("wordWrap")?.globalValue });
  before(async () => {
    await forkLab().activate();
    await closeSessionsAndEditors();
    // A learner who chose bounded wrapping: it is theirs again after the layout.
    await editor().update("wordWrap", "bounded", vscode.ConfigurationTarget.Global);
  });
  // A test that failed half way leaves the layout on: the next starts without it.
  afterEach(async () => {
    await vscode.commands.executeCommand("forklab.view.presentation", false);
  });
  after(async () => {
    await editor().update("wordWrap", undefined, vscode.ConfigurationTarget.Global);
    await closeSessionsAndEditors();
    await vscode.commands.executeCommand("workbench.view.explorer");
    await pageViewport(1400, 900);
  });

  for (const [width, height] of [[1920, 1080], [1366, 768]] as const) {
    it(`at ${width}x${height}: wait-stopped.c's 96-column lines are whole beside the picture, and off gives the settings back`, async () => {
      await pageViewport(width, height);
      // wait-stopped.c: the course's lines up to 96 columns.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(forkLab().extensionUri, "examples", "wait-stopped.c"));
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      await vscode.commands.executeCommand("forklab.view.show", { history: [await fixture("echo-two-clients.prev"), await fixture("echo-two-clients")], title: "echoserverp.c" });
      await waitFor(async () => (await presenting()) === false || undefined, "the view, not presenting", 20000, 100);
      const was = theirs();
      assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), true);
      await waitFor(async () => (await presenting()) || undefined, "the presentation layout", 20000, 100);
      // Laid out once the parts have closed and the groups have their widths.
      const code = await waitFor(async () => {
        const eds = (await pageEval<Code[]>(CODE))[0];
        return eds.length === 1 && eds[0].lines > 20 && !eds[0].cut.length && eds[0].miniWidth === 0 ? eds[0] : undefined;
      }, "the code whole, no minimap", 20000, 250).catch(async (e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(await pageEval<Code[]>(CODE))}`); });
      if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-code-${width}x${height}.png`);
      // The picture keeps its large text: at 1920x1080 16 px or more (133%), at 1366x768 the 90% it never goes under.
      const zoom = Number(/(\d+)%/.exec((await pageEval<string | null>("document.querySelector('.fl-zoominfo')?.textContent ?? null", "all")).find((t) => t) ?? "")?.[1]);
      assert.ok(zoom >= (width >= 1920 ? 133 : 90), `the picture at ${zoom}% beside code ${code.width} px wide`);
      assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), false);
      await waitFor(async () => (await presenting()) === false || undefined, "the presentation layout off", 20000, 100);
      assert.deepStrictEqual(theirs(), was, "the learner's minimap and word wrap as they were");
      await closeSessionsAndEditors();
    });
  }

  it("at 1920x1080: fork-returns.c started and stepped with the layout on, pid 2 and pid 3 on line 12, the markers end inside the text area", async () => {
    await pageViewport(1920, 1080);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(forkLab().extensionUri, "examples", "fork-returns.c"));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand("forklab.view.show");
    await waitFor(async () => (await presenting()) === false || undefined, "the view, not presenting", 20000, 100);
    // On with no session: the code's column is sized for the text alone, and widens for the
    // markers once the session starts.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), true);
    await waitFor(async () => (await presenting()) || undefined, "the presentation layout", 20000, 100);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
    // The markers move as the learner steps: the parent to line 12 after fork, then the child.
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.runToLine", 12)).ok);
    const s = (await vscode.commands.executeCommand<SessionState>("forklab.session.current"))!;
    const child = s.snapshot.processes.find((p) => p.ppid === s.mainPid && p.kind === "program")!;
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", child.pid)).ok);
    const code = await waitFor(async () => {
      const eds = (await pageEval<Code[]>(CODE))[0];
      const mine = (pid: number) => eds[0]?.marks.find((m) => m.text.includes(`pid ${pid}`));
      const [parent, its] = [mine(s.mainPid), mine(child.pid)];
      return eds.length === 1 && eds[0].miniWidth === 0 && parent && its && parent.top === its.top && parent.width > 0 && eds[0].marks.every((m) => m.over <= 1) ? eds[0] : undefined;
    }, "both markers on one line, whole inside the text area", 20000, 250).catch(async (e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(await pageEval<Code[]>(CODE))}`); });
    assert.deepStrictEqual(code.cut, [], "the text whole as well");
    if (process.env.FORKLAB_SCREENSHOT_DIR) await pageScreenshot(`${process.env.FORKLAB_SCREENSHOT_DIR}/present-markers-1920x1080.png`);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.view.presentation"), false);
    await closeSessionsAndEditors();
  });
});
