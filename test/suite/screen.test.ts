// The learner's screen in the real VS Code (issue 13): the timeline keeps the future, the
// view follows the active editor and acts only on the session it shows, a question belongs
// to its session and is asked before stepping past it, Fit width fits, client controls
// only where they apply, and each process's own variables after fork.
import * as assert from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { Snapshot } from "../../src/contract/snapshot";
import type { SessionState } from "../../src/extension/session/commands";
import type { Outcome } from "../../src/session/stepper";
import { waitFor } from "../wait";
import { closeSessionsAndEditors, forkLab } from "./extension";
import { answerExpr, pageEval, verdictExpr, waitForTexts } from "./page";

const current = (opts?: { history?: boolean; timeline?: boolean }) => vscode.commands.executeCommand<SessionState | undefined>("forklab.session.current", opts);

/** Runs `expr` in every frame until one (the view's) returns something other than null. */
async function inView<T>(expr: string, what: string, waitMs = 20000): Promise<T> {
  return waitFor(async () => {
    const perFrame = await pageEval<T | null>(`(() => { try { return ${expr}; } catch { return null; } })()`, "all");
    return perFrame.find((x) => x !== null && x !== undefined) ?? undefined;
  }, what, waitMs, 150);
}

/** The view's "step N / M" line once `want` holds of it. */
const stepInfo = (want: (t: string) => boolean, what: string) =>
  inView<string>(`(() => { const t = document.querySelector('.fl-stepinfo')?.textContent ?? ''; return (${want.toString()})(t) ? t : null; })()`, what);

/** Clicks the view's toolbar button with this accessible name. */
const click = (label: string) => inView<boolean>(`(() => { const b = document.querySelector('.fl-toolbar button[aria-label=${JSON.stringify(label)}]'); if (!b) return null; b.click(); return true; })()`, `the ${label} button`);

describe("the learner's screen", function () {
  this.timeout(180000);
  let dir: string;

  before(async () => {
    await forkLab().activate();
    dir = mkdtempSync(join(tmpdir(), "forklab-screen-"));
  });
  afterEach(async () => {
    await closeSessionsAndEditors();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("Back keeps the future, the view's Last returns to it, and a different step replaces it (said in the view)", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    for (let i = 0; i < 6; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    const recorded = (await current({ timeline: true }))!.timeline!.map((s) => JSON.stringify(s));
    assert.strictEqual(recorded.length, 7);
    for (let i = 0; i < 4; i++) assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepBack")).ok);
    let s = (await current({ timeline: true }))!;
    assert.strictEqual(s.index, 2);
    assert.deepStrictEqual(s.timeline!.map((x) => JSON.stringify(x)), recorded, "Back discarded nothing");
    await stepInfo((t) => t.endsWith("2 / 6"), "the view at step 2 of 6");

    await click("Last recorded step");
    await waitFor(async () => (await current())!.index === 6, "Last to reach step 6", 20000, 100);
    s = (await current({ timeline: true }))!;
    assert.deepStrictEqual(s.timeline!.map((x) => JSON.stringify(x)), recorded, "Last replayed the recorded steps");
    await click("First step");
    await waitFor(async () => (await current())!.index === 0, "First to reach step 0", 20000, 100);
    await stepInfo((t) => t.endsWith("0 / 6"), "the view at step 0 of 6");

    // Step the recorded line: the future stays. Then a line of another process replaces it.
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    assert.strictEqual((await current({ timeline: true }))!.timeline!.length, 7);
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand<Outcome>("forklab.step");
    s = (await current({ timeline: true }))!;
    const procs = s.snapshot.processes.filter((p) => p.kind === "program" && p.state !== "zombie");
    assert.strictEqual(procs.length, 2, "after fork: parent and child");
    const next = JSON.parse(recorded[s.index + 1]) as Snapshot;
    const recordedPid = next.processes.find((p) => p.state === "running")?.pid;
    const other = procs.find((p) => p.pid !== recordedPid)!;
    const r = await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", other.pid);
    assert.ok(r.ok && r.replaced, JSON.stringify(r));
    assert.strictEqual((await current({ timeline: true }))!.timeline!.length, s.index + 2, "the old future is gone");
    await inView<string>("(() => { const t = document.querySelector('.fl-notice')?.textContent ?? ''; return /replaced the \\d+ recorded step/.test(t) ? t : null; })()", "the view to say the future was replaced");
  });

  it("a signal sent from the view is a step of its own: Back shows the step before it, Forward replays it", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.runToLine", 33)).ok);
    const before = (await current())!;
    const n = before.index;
    // The view's step counter once it ends with `want` (the last one seen when it does not).
    const counter = async (want: string) => {
      let seen = "";
      await waitFor(async () => {
        seen = await inView<string>("document.querySelector('.fl-stepinfo')?.textContent ?? null", "the step counter");
        return seen.endsWith(want) || undefined;
      }, `the view at ${want}`, 20000, 150).catch(() => undefined);
      assert.ok(seen.endsWith(want), `the view's counter says '${seen}', not '${want}'`);
    };
    await counter(`${n} / ${n}`);
    // The learner's way: the process form, SIGTSTP, Send signal.
    await click("Step or signal a chosen process");
    await inView<boolean>(`(() => { const p = document.querySelector('.fl-tray select[aria-label="Process"]'); const g = document.querySelector('.fl-tray select[aria-label="Signal"]');
      if (!p || !g || !p.querySelector('option[value="${before.mainPid}"]')) return null; p.value = "${before.mainPid}"; g.value = "SIGTSTP";
      const b = [...document.querySelectorAll('.fl-tray button')].find((x) => x.textContent === 'Send signal'); b.click(); return true; })()`, "the Send signal button");
    await counter(`${n + 1} / ${n + 1}`);
    const caption = await inView<string>("document.querySelector('.fl-figure-wrap svg title')?.textContent ?? null", "the caption");
    assert.match(caption, new RegExp(`^Step ${n + 1}: pid ${before.mainPid}: SIGTSTP stopped`));
    // The form says why the stopped process cannot be stepped, beside its button (nothing posted).
    const why = "(() => { const w = document.querySelector('.fl-tray .fl-why'); const b = [...document.querySelectorAll('.fl-tray button')].find((x) => x.textContent === 'Step this process'); return w && b ? [w.textContent ?? '', b.getAttribute('aria-disabled') ?? ''] : null; })()";
    await waitFor(async () => /stopped/.test((await inView<string[]>(why, "the form's reason"))[0]) || undefined, "the form to say the process is stopped", 20000, 150);
    await click("Step back");
    await counter(`${n} / ${n + 1}`);
    const back = (await current())!;
    assert.deepStrictEqual(back.snapshot, before.snapshot, "the step before the signal, as it was");
    // Nothing on screen still speaks of the stop: the form's reason goes, the button is live.
    await waitFor(async () => { const [w, d] = await inView<string[]>(why, "the form's reason"); return (w === "" && d === "") || undefined; }, "the form to offer the step again", 20000, 150);
    assert.strictEqual(await inView<string>("(() => { const n = document.querySelector('.fl-notice'); return n ? n.textContent ?? '' : null; })()", "the notice").then((t) => t.includes("stopped")), false, "no notice says stopped");
    await click("Step forward (replays the recorded step)");
    await counter(`${n + 1} / ${n + 1}`);
    const again = (await current())!;
    assert.strictEqual(again.snapshot.processes.find((p) => p.pid === before.mainPid)!.state, "stopped");
  });

  it("the status bar counts up while Run to end runs", async () => {
    const spin = join(dir, "spin.c");
    // Each step of the inner line is 10,000 additions: a few hundred steps a second, not the
    // tens of thousands of `i++;` alone. A run that makes a million Snapshots in the minute a
    // loaded machine takes to paint the status bar twice buries the editor and the view under
    // them (the status bar then showed "running…" over a minute after Stop); this test is
    // about the status bar, not that.
    writeFileSync(spin, "int main(void)\n{\n    int i = 0;\n    while (1) {\n        for (int j = 0; j < 10000; j++) i++;\n    }\n    return 0;\n}\n");
    const doc = await vscode.workspace.openTextDocument(spin);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    // Long enough to be seen running on any machine; Stop ends it.
    const config = vscode.workspace.getConfiguration("forklab");
    await config.update("maxSteps", 2_000_000, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), true);
      const run = vscode.commands.executeCommand<Outcome>("forklab.runToEnd");
      const steps: number[] = [];
      await waitForTexts(".statusbar-item", (ts) => {
        for (const t of ts) { const m = /Fork Lab: running… step (\d+)/.exec(t); if (m && +m[1] !== steps.at(-1)) steps.push(+m[1]); }
        return steps.length >= 2;
      }, 60000);
      // The worker is alive however loaded the machine: it takes the Stop and is waited for.
      // A restart (the worker thought stuck) would replay every step the run made first.
      assert.strictEqual(await vscode.commands.executeCommand<string>("forklab.stopRun"), "stopped");
      const outcome = await run;
      assert.ok(outcome.stopped && /^stopped after [\d,]+ steps/.test(outcome.message ?? ""), JSON.stringify(outcome));
      assert.ok(steps.length >= 2 && steps[1] > steps[0], `the running step counted up: ${JSON.stringify(steps)}`);
      // Bounded, and long: on a loaded machine the workbench draws the status bar seconds late.
      const after = await waitForTexts(".statusbar-item", (ts) => ts.some((t) => /Fork Lab: step \d+ ·/.test(t)), 60000);
      assert.ok(!after.some((t) => t.includes("running")), JSON.stringify(after));
    } finally {
      await config.update("maxSteps", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("after fork each process shows its own variables: pid is 0 in the child, and each has its own x", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.runToLine", 12);
    assert.ok(r.ok, JSON.stringify(r));
    const mainPid = (await current())!.mainPid;
    const child = (await current())!.snapshot.processes.find((p) => p.ppid === mainPid && p.kind === "program")!;
    assert.ok(child, "fork made a child");
    // The child's first line returns from fork into its own pid.
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", child.pid)).ok);
    const local = (snap: Snapshot, pid: number, name: string) => snap.processes.find((p) => p.pid === pid)!.frames!.at(-1)!.locals.find((v) => v.name === name)?.value;
    let snap = (await current())!.snapshot;
    assert.strictEqual(local(snap, child.pid, "pid"), "0");
    assert.strictEqual(local(snap, mainPid, "pid"), String(child.pid));
    assert.deepStrictEqual([local(snap, child.pid, "x"), local(snap, mainPid, "x")], ["1", "1"]);
    // The child's x = x + 1 changes its own copy only.
    for (let i = 0; i < 5 && local(snap, child.pid, "x") === "1"; i++) {
      await vscode.commands.executeCommand<Outcome>("forklab.stepProcess", child.pid);
      snap = (await current())!.snapshot;
    }
    assert.deepStrictEqual([local(snap, child.pid, "x"), local(snap, mainPid, "x")], ["2", "1"]);
    // Hovering x in the editor shows its value in every live process.
    const uri = vscode.Uri.file((await current())!.file);
    assert.match(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath)?.lineAt(12).text ?? "", /^\s+x = x \+ 1;/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, new vscode.Position(12, 8));
    // The Markdown as written, its escapes undone (appendText escapes spaces and brackets).
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n")
      .replace(/&nbsp;/g, " ").replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1");
    assert.match(text, new RegExp(`pid ${child.pid} \\(child\\), in main\\(\\): int x = 2`), text);
    assert.match(text, new RegExp(`pid ${mainPid} \\(parent\\), in main\\(\\): int x = 1`), text);
    // The view draws both: the child's pid = 0 and the parent's pid = the child's.
    const drawn = await inView<string[]>(`(() => { const t = Array.from(document.querySelectorAll('.fl-var')).map((e) => e.parentElement.textContent.replace(/\\s+/g, ' ').trim()); return t.length >= 4 ? t : null; })()`, "variables in the picture");
    assert.ok(drawn.some((t) => /pid = 0\b/.test(t)), JSON.stringify(drawn));
    assert.ok(drawn.some((t) => t.includes(`pid = ${child.pid}`)), JSON.stringify(drawn));
    assert.ok(drawn.some((t) => /x = 2\b/.test(t)) && drawn.some((t) => /x = 1\b/.test(t)), JSON.stringify(drawn));
  });

  it("a program with compile errors does not start: the view says why and shows the problem", async () => {
    const bad = join(dir, "bad.c");
    writeFileSync(bad, "#include <stdio.h>\nint main(void)\n{\n    int x = y + 1;\n    return x;\n}\n");
    const doc = await vscode.workspace.openTextDocument(bad);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", doc.uri), false);
    assert.strictEqual(await current(), undefined, "no session started");
    const said = await inView<string>("(() => { const t = document.querySelector('.fl-notice')?.textContent ?? ''; return t.includes('was not started') ? t : null; })()", "the view to say why");
    assert.match(said, /bad\.c was not started: it does not compile\. line 4: 'y' is not declared/);
    assert.ok(vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.start.line === 3 && d.message.includes("'y' is not declared")), "the Problem is listed");
    // Away from the file, then the view's link brings the editor back to the problem's line.
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    await inView<boolean>("(() => { const b = document.querySelector('.fl-notice button'); if (!b) return null; b.click(); return true; })()", "the Show the problem link");
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === bad && vscode.window.activeTextEditor.selection.active.line === 3, "the editor at line 4", 20000, 100);
  });

  it("stdio is a terminal unless the scenario says pipe or file", async () => {
    const stdoutKind = async () => {
      const s = (await current())!;
      const main = s.snapshot.processes.find((p) => p.pid === s.mainPid)!;
      const file = s.snapshot.files.find((f) => f.id === main.fds[1]);
      return s.snapshot.objects.find((o) => o.id === file?.object)?.kind;
    };
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    assert.strictEqual(await stdoutKind(), "tty");
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "buffering.c", scenario: "buffering.pipe.scenario.json" }), true);
    assert.strictEqual(await stdoutKind(), "pipe");
  });

  it("client controls are absent for a program without sockets and present for the echo server", async () => {
    const hidden = (label: string) => `(() => { const b = document.querySelector('.fl-toolbar button[aria-label=${JSON.stringify(label)}]'); return b ? String(b.hidden) : null; })()`;
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    await stepInfo((t) => t.includes("0 /"), "the view to show fork-returns.c");
    assert.strictEqual(await inView<string>(hidden("Connect a client"), "the connect button"), "true");
    await vscode.commands.executeCommand("forklab.stopSession");
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    await waitFor(async () => await inView<string>(hidden("Connect a client"), "the connect button") === "false", "the connect button to show for a program with a socket", 20000, 200);
  });

  it("Fit width leaves no horizontal scroll", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "echoserverp.c" }), true);
    await vscode.commands.executeCommand<Outcome>("forklab.continue");
    const fit = await inView<{ scroll: number; client: number; pressed: string }>(`(() => { const w = document.querySelector('.fl-figure-wrap'); const b = document.querySelector('.fl-toolbar button[aria-label="Fit the picture to the width"]');
      if (!w || !b || !w.querySelector('svg')) return null; return { scroll: w.scrollWidth, client: w.clientWidth, pressed: b.getAttribute('aria-pressed') }; })()`, "the picture");
    assert.strictEqual(fit.pressed, "true", "Fit width is on by default");
    assert.ok(fit.scroll <= fit.client + 1, `the picture is ${fit.scroll} px wide in ${fit.client} px`);
  });

  /** fork-returns.c stepped once, then `name` (which does not compile) refused in the view. */
  async function refusedAfterLive(name: string): Promise<{ live: vscode.TextDocument }> {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    const live = await vscode.workspace.openTextDocument((await current())!.file);
    const bad = join(dir, name);
    writeFileSync(bad, "int main(void)\n{\n    return y;\n}\n");
    const badDoc = await vscode.workspace.openTextDocument(bad);
    await vscode.window.showTextDocument(badDoc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", badDoc.uri), false);
    await inView<string>(`(() => { const t = document.querySelector('.fl-notice')?.textContent ?? ''; return t.includes(${JSON.stringify(`${name} was not started`)}) ? t : null; })()`, `the view to say ${name} was not started`);
    return { live };
  }

  it("the view follows the active editor, and its buttons act on the session it shows", async () => {
    const a = join(dir, "alpha.c");
    const b = join(dir, "beta.c");
    writeFileSync(a, "#include <stdio.h>\nint main(void)\n{\n    int a = 1;\n    a = a + 1;\n    a = a + 1;\n    return 0;\n}\n");
    writeFileSync(b, "#include <stdio.h>\nint main(void)\n{\n    int b = 1;\n    b = b + 1;\n    return 0;\n}\n");
    const docA = await vscode.workspace.openTextDocument(a);
    await vscode.window.showTextDocument(docA, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", docA.uri), true);
    await vscode.commands.executeCommand<Outcome>("forklab.step");
    await vscode.commands.executeCommand<Outcome>("forklab.step");
    const docB = await vscode.workspace.openTextDocument(b);
    await vscode.window.showTextDocument(docB, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", docB.uri), true);
    await stepInfo((t) => t.includes("beta.c"), "the view to show beta.c");
    await vscode.window.showTextDocument(docA, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("alpha.c") && t.endsWith("2 / 2"), "the view to follow the editor to alpha.c");
    // The view's Step back acts on alpha.c (the session it shows), not on beta.c.
    await click("Step back");
    await stepInfo((t) => t.includes("alpha.c") && t.endsWith("1 / 2"), "alpha.c one step back");
    await vscode.window.showTextDocument(docB, vscode.ViewColumn.One);
    assert.strictEqual((await current())!.index, 0, "beta.c did not move");
  });

  it("after a file that does not compile, the view follows to a live session's editor and its buttons act there", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok);
    const live = await vscode.workspace.openTextDocument((await current())!.file);
    const bad = join(dir, "bad-then-live.c");
    writeFileSync(bad, "int main(void)\n{\n    return y;\n}\n");
    const badDoc = await vscode.workspace.openTextDocument(bad);
    await vscode.window.showTextDocument(badDoc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", badDoc.uri), false);
    const refused = "(() => { const t = document.querySelector('.fl-notice')?.textContent ?? ''; return t.includes('bad-then-live.c was not started') ? t : null; })()";
    await inView<string>(refused, "the view to say bad-then-live.c was not started");
    // Nothing of fork-returns.c stays in the view, and the status bar speaks of the file on screen.
    const left = await inView<{ marks: number; events: number; output: string }>("(() => { const c = document.querySelector('.fl-console'); " +
      "return c ? { marks: document.querySelectorAll('.fl-mark').length, events: document.querySelectorAll('.fl-ev').length, output: c.textContent } : null; })()", "the view's marks and output");
    assert.deepStrictEqual(left, { marks: 0, events: 0, output: "bad-then-live.c was not started: no output" });
    const status = await waitForTexts(".statusbar-item", (ts) => ts.some((t) => t.includes("bad-then-live.c not started")));
    assert.ok(status.some((t) => t.includes("Fork Lab: bad-then-live.c not started · does not compile")), JSON.stringify(status));
    assert.ok(!status.some((t) => /Fork Lab: step/.test(t)), `no other file's step: ${JSON.stringify(status)}`);
    // To the tab of the file with a session: the view shows it, and its Step forward steps it.
    await vscode.window.showTextDocument(live, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("fork-returns.c") && t.endsWith("1 / 1"), "the view to follow the editor to fork-returns.c");
    const back = await waitForTexts(".statusbar-item", (ts) => ts.some((t) => t.includes("Fork Lab: step 1 ·")));
    assert.ok(back.some((t) => t.includes("Fork Lab: step 1 ·")), JSON.stringify(back));
    await click("Step forward");
    await waitFor(async () => (await current())!.index === 2, "the view's Step forward to step fork-returns.c", 20000, 100);
    await stepInfo((t) => t.includes("fork-returns.c") && t.endsWith("2 / 2"), "the view at step 2");
    // Back to the file that did not compile: the view says why again, and back once more.
    await vscode.window.showTextDocument(badDoc, vscode.ViewColumn.One);
    await inView<string>(refused, "the view to say again why bad-then-live.c was not started");
    await vscode.window.showTextDocument(live, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("fork-returns.c") && t.endsWith("2 / 2"), "the view back on fork-returns.c");
  });

  it("a C file is one by cLanguage everywhere: a .c file whose language is not set yet brings back the live session, and the status bar says nothing of another file", async () => {
    await refusedAfterLive("bad-then-plain.c");
    // Another C file, as plain text (no C extension, or a language not chosen yet).
    const other = join(dir, "plain-c.c");
    writeFileSync(other, "int main(void)\n{\n    return 0;\n}\n");
    const plain = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(other), "plaintext");
    assert.strictEqual(plain.languageId, "plaintext");
    await vscode.window.showTextDocument(plain, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("fork-returns.c"), "the view to put back fork-returns.c's session in place of the refusal");
    const status = await waitForTexts(".statusbar-item", (ts) => !ts.some((t) => t.includes("Fork Lab: step")));
    assert.ok(!status.some((t) => t.includes("Fork Lab: step")), `nothing of another file in the status bar: ${JSON.stringify(status)}`);
  });

  it("a step key or command on a file with no session steps no other file: it says so and offers to start this one", async () => {
    const { live } = await refusedAfterLive("broken.c");
    const index = async () => {
      await vscode.window.showTextDocument(live, vscode.ViewColumn.One);
      return (await current())!.index;
    };
    // On broken.c: no session on screen, and every stepping command says so.
    assert.strictEqual(await current(), undefined, "broken.c has no session");
    for (const id of ["forklab.step", "forklab.stepBack", "forklab.continue", "forklab.stepProcess"]) {
      const r = await vscode.commands.executeCommand<Outcome>(id);
      assert.strictEqual(r.ok, false, id);
      assert.match(r.message ?? "", /^broken\.c has no session \(it was not started: it does not compile\)/, id);
    }
    // The learner is told, with a way to start this file (read in the notification list:
    // toasts may not show in a page without focus).
    await vscode.commands.executeCommand("notifications.showList");
    const told = await waitForTexts(".notifications-center .notification-list-item", (ts) => ts.some((t) => t.includes("broken.c has no session")), 20000);
    assert.ok(told.some((t) => t.includes("broken.c has no session") && t.includes("Step broken.c in Fork Lab")), JSON.stringify(told));
    await vscode.commands.executeCommand("notifications.clearAll");
    // With the view focused (no text editor active) while it shows broken.c's refusal: the same.
    await vscode.commands.executeCommand("workbench.action.focusNextGroup");
    await waitFor(() => vscode.window.activeTextEditor === undefined, "the view to have focus", 20000, 100);
    const fromView = await vscode.commands.executeCommand<Outcome>("forklab.step");
    assert.match(fromView.message ?? "", /^broken\.c has no session/);
    assert.strictEqual(await index(), 1, "fork-returns.c did not move");
    // A valid file never started: the offer starts it.
    const fresh = join(dir, "fresh.c");
    writeFileSync(fresh, "int main(void)\n{\n    int a = 1;\n    return a;\n}\n");
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fresh), vscode.ViewColumn.One);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.step");
    assert.match(r.message ?? "", /^fresh\.c has no session; nothing was done/);
    await vscode.commands.executeCommand("notifications.showList");
    await waitFor(async () => (await pageEval<boolean>(`(() => { const b = Array.from(document.querySelectorAll('.notifications-center .monaco-button'))
      .find((x) => x.textContent === 'Step fresh.c in Fork Lab'); if (!b) return false; b.click(); return true; })()`))[0], "the offer's button", 20000, 200);
    await vscode.commands.executeCommand("notifications.hideList");
    await waitFor(async () => (await current())?.file.endsWith("fresh.c"), "fresh.c to start", 20000, 100);
    await vscode.commands.executeCommand("forklab.stopSession");
    assert.strictEqual(await index(), 1, "fork-returns.c still did not move");
  });

  it("a history shown without a session (as the live view shows its events) moves by itself and leaves model sessions alone", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "fork-returns.c" }), true);
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand<Outcome>("forklab.step");
    const before = (await current({ timeline: true }))!;
    const shown = before.timeline!.slice(0, 3).map((x) => ({ ...x }));
    await vscode.commands.executeCommand("forklab.view.show", { history: shown, title: "live: echoserverp" });
    await stepInfo((t) => t.includes("live: echoserverp") && t.endsWith("2 / 2"), "the live history in the view");
    await click("First step");
    await stepInfo((t) => t.includes("live: echoserverp") && t.endsWith("0 / 2"), "the live history at its first step");
    const after = (await current({ timeline: true }))!;
    assert.strictEqual(after.index, before.index, "the model session did not move");
    assert.strictEqual(after.timeline!.length, before.timeline!.length, "nor lose steps");
  });
});

describe("the learner's screen: questions", function () {
  this.timeout(180000);
  const LESSON = "forklab.fork";
  afterEach(async () => {
    await closeSessionsAndEditors();
  });

  const questionShown = () => pageEval<boolean | null>("(() => { const q = document.querySelector('.fl-question'); return q ? !q.hidden && !!q.querySelector('form') : null; })()", "all")
    .then((xs) => xs.some((x) => x === true));

  it("stepping past a question's line asks for the prediction first; Skip lets stepping go on", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    const at = (await current())!.index;
    const r = await vscode.commands.executeCommand<Outcome>("forklab.step");
    assert.strictEqual(r.ok, false);
    assert.match(r.message ?? "", /answer the question first/);
    assert.strictEqual((await current())!.index, at, "nothing stepped");
    await inView<boolean>("(() => { const b = document.querySelector('.fl-question button.fl-skip'); if (!b) return null; b.click(); return true; })()", "the Skip button");
    await waitFor(async () => !(await questionShown()), "the question to go", 20000, 200);
    const notice = "(document.querySelector('.fl-notice')?.textContent ?? '')";
    await inView<string>(`(() => { const t = ${notice}; return t.startsWith('Question skipped') ? t : null; })()`, "the view to say so");
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok, "stepping goes on after Skip");
    await inView<boolean>(`(document.querySelector('.fl-notice') && ${notice} === '') || null`, "the notice to go with the step");
  });

  it("the view's 'Predict first' notice goes once the question is answered", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    assert.strictEqual((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok, false);
    const notice = "(document.querySelector('.fl-notice')?.textContent ?? '')";
    await inView<string>(`(() => { const t = ${notice}; return t.startsWith('Predict first') ? t : null; })()`, "the view to say predict first");
    assert.strictEqual(await inView<boolean>(answerExpr(0), "the answer"), true);
    await inView<string>(verdictExpr("Right"), "the verdict");
    await inView<boolean>(`(document.querySelector('.fl-notice') && ${notice} === '') || null`, "the notice to go with the answer");
  });

  it("a question stays with its session while another file is shown, and still holds every way of stepping it", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    // The view took the focus to ask: the question's file, by its session.
    const asked = await vscode.workspace.openTextDocument((await current())!.file);
    const at = (await current())!.index;
    // Another file's session: the question leaves the screen, and that session steps freely.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "dup2-redirect.c" }), true);
    await stepInfo((t) => t.includes("dup2-redirect.c"), "the view to show dup2-redirect.c");
    await waitFor(async () => !(await questionShown()), "the question to leave the screen with its session", 20000, 200);
    assert.ok((await vscode.commands.executeCommand<Outcome>("forklab.step")).ok, "the other session is not held");
    // Back to the question's file: the question again, unanswered, and stepping still held.
    await vscode.window.showTextDocument(asked, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("fork-returns.c"), "the view back on fork-returns.c");
    await waitFor(questionShown, "the question back in the view", 20000, 200);
    const main = (await current())!.mainPid;
    const ways: Array<[string, ...unknown[]]> = [["forklab.step"], ["forklab.continue"], ["forklab.runToEnd"], ["forklab.runToLine", 1000], ["forklab.stepProcess", main]];
    for (const [command, ...args] of ways) {
      const r = await vscode.commands.executeCommand<Outcome>(command, ...args);
      assert.strictEqual(r.ok, false, `${command} stepped past the question`);
      assert.match(r.message ?? "", /answer the question first/);
    }
    await click("Step forward");
    await inView<string>("(() => { const t = document.querySelector('.fl-notice')?.textContent ?? ''; return t.includes('Predict first') ? t : null; })()", "the view to ask for the prediction first");
    assert.strictEqual((await current())!.index, at, "nothing stepped");
    assert.ok(await questionShown(), "the question is still on screen");
  });

  it("the answer selected but not submitted survives switching editors and the view being hidden", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    const asked = await vscode.workspace.openTextDocument((await current())!.file);
    const selected = "(() => { const r = Array.from(document.querySelectorAll('.fl-question input[type=radio]')); return r.length ? r.findIndex((e) => e.checked) : null; })()";
    await inView<boolean>("(() => { const r = document.querySelector('.fl-question input[value=\"2\"]'); if (!r) return null; r.click(); return true; })()", "a choice to select");
    assert.strictEqual(await inView<number>(selected, "the choices"), 2);
    // Another file's session takes the view; back to the question's file.
    assert.strictEqual(await vscode.commands.executeCommand("forklab.startSession", { example: "dup2-redirect.c" }), true);
    await waitFor(async () => !(await questionShown()), "the question to leave the screen with its session", 20000, 200);
    await vscode.window.showTextDocument(asked, vscode.ViewColumn.One);
    await stepInfo((t) => t.includes("fork-returns.c"), "the view back on fork-returns.c");
    await waitFor(questionShown, "the question back in the view", 20000, 200);
    assert.strictEqual(await inView<number>(selected, "the choices"), 2, "the selection came back with the question");
    // An editor over the view in its group hides it (VS Code then drops the view's page).
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("forklab.view"));
    assert.ok(tab, "the view has a tab");
    await vscode.window.showTextDocument(asked, { viewColumn: tab.group.viewColumn, preview: false });
    await waitFor(async () => !(await questionShown()), "the view to be hidden", 20000, 200);
    await vscode.commands.executeCommand("forklab.openView");
    await waitFor(questionShown, "the question in the view shown again", 20000, 200);
    assert.strictEqual(await inView<number>(selected, "the choices"), 2, "the selection came back with the view");
  });

  it("with the view closed, stepping past a question opens it again with the question", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    const at = (await current())!.index;
    const viewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("forklab.view"));
    await vscode.window.tabGroups.close(viewTabs());
    await waitFor(async () => viewTabs().length === 0 && !(await questionShown()), "the view to close", 20000, 200);
    const r = await vscode.commands.executeCommand<Outcome>("forklab.step");
    assert.strictEqual(r.ok, false, "the step went past the question");
    await waitFor(questionShown, "the view open again with the question", 20000, 200);
    assert.strictEqual((await current())!.index, at, "nothing stepped");
  });

    it("a question leaves with its session", async () => {
    await vscode.commands.executeCommand("forklab.answerQuestion", { lesson: LESSON, step: "forkTwice" });
    await waitFor(questionShown, "the question in the view", 20000, 200);
    await vscode.commands.executeCommand("forklab.stopSession");
    await waitFor(async () => !(await questionShown()), "the question to leave with its session", 20000, 200);
  });
});
