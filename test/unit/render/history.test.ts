// The view's history under node: the terminal at a step is all output up to it (a
// Snapshot holds only its own step's output), steps travel as deltas that keep unchanged
// rows shared, the host sends only what the view lacks, and the saved state is bounded.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "../../../src/cli/render";
import type { OutputChunk, Snapshot } from "../../../src/contract/snapshot";
import { bigSnapshot, closeListenfd } from "../../../src/bench/render-fixture";
import { diffSnapshots } from "../../../src/render/changes";
import { TerminalLog, lineCount, terminalAt, terminalLines, terminalTail } from "../../../src/render/terminal";
import { ViewHistory } from "../../../src/webview/history";
import { savedState } from "../../../src/webview/state";
import { historyMessage } from "../../../src/contract/sync";
import { decodeStep, encodeStep } from "../../../src/contract/wire";
import { fixture } from "./page";

const chunk = (pid: number, text: string): OutputChunk => ({ pid, fd: 1, text });
const step = (base: Snapshot, n: number, output: OutputChunk[]): Snapshot => ({ ...base, step: n, events: [], output });

describe("terminal: the output of every step up to the shown one", () => {
  const base = fixture("pipe");
  const history = [step(base, 0, [chunk(1, "one\n")]), step(base, 1, []), step(base, 2, [chunk(2, "two\nthree\n"), chunk(3, "four")]), step(base, 3, [])];

  it("concatenates the steps' own chunks, counting lines as a terminal shows them", () => {
    const log = new TerminalLog();
    history.forEach((s) => log.append(s));
    assert.deepEqual(terminalLines(log.at(0)).map((l) => l.text), ["one"]);
    assert.deepEqual(terminalLines(log.at(1)).map((l) => l.text), ["one"]);
    assert.deepEqual(terminalLines(log.at(3)).map((l) => `${l.pid}:${l.text}`), ["1:one", "2:two", "2:three", "3:four"]);
    assert.equal(lineCount(log.at(3)), 4);
    assert.deepEqual(terminalLines(terminalAt(history, 2)), terminalLines(log.at(2)));
  });

  it("forgets the output of steps a changed history replaced, and keeps what came before a dropped start", () => {
    const log = new TerminalLog([chunk(9, "earlier\n")]);
    history.forEach((s) => log.append(s));
    log.truncate(2);
    log.append(step(base, 2, [chunk(5, "other\n")]));
    assert.deepEqual(terminalLines(log.at(2)).map((l) => l.text), ["earlier", "one", "other"]);
    assert.deepEqual(log.before(2).map((c) => c.text), ["earlier\n", "one\n"]);
  });

  it("gives the last lines and which of them the step wrote, without reading the whole terminal", () => {
    const log = new TerminalLog();
    for (let i = 0; i < 1000; i++) log.append(step(base, i, [chunk(100, `line ${i}\n`)]));
    log.append(step(base, 1000, [chunk(7, "a\nb\n")]));
    const tail = terminalTail(log.at(1000), 3, 1);
    assert.deepEqual(tail.lines.map((l) => l.text), ["line 999", "a", "b"]);
    assert.equal(tail.fresh, 2);
    assert.equal(lineCount(log.at(1000)), 1002);
  });

  it("counts a step's own chunks as its new output (not the difference with the step before)", () => {
    assert.equal(diffSnapshots(history[1], history[2]).newOutput, 2);
    assert.equal(diffSnapshots(history[2], history[3]).newOutput, 0);
  });
});

describe("wire: steps as deltas", () => {
  const big = bigSnapshot();
  const next = closeListenfd(big, 5);

  it("sends unchanged rows as indices and puts the previous step's very rows back", () => {
    const w = encodeStep(next, big);
    const full = w.processes.filter((r) => typeof r !== "number");
    assert.deepEqual(full.map((p) => (p as { pid: number }).pid), [106], "only the process that closed listenfd");
    assert.equal(w.files.filter((r) => typeof r !== "number").length, 1);
    assert.equal(w.objects.filter((r) => typeof r !== "number").length, 0);
    const sent = JSON.parse(JSON.stringify(w)) as unknown;
    const mine = JSON.parse(JSON.stringify(big)) as Snapshot;
    const got = decodeStep(sent, mine);
    assert.ok(typeof got !== "string", String(got));
    assert.equal(got.processes[0], mine.processes[0], "shared, not copied");
    assert.deepEqual(got, JSON.parse(JSON.stringify(next)));
  });

  it("refuses a reference to a row the previous step does not have", () => {
    const w = encodeStep(next, big);
    assert.match(String(decodeStep(w, undefined)), /processes\[0\]: refers to row 0 of a previous step that has none/);
    assert.match(String(decodeStep({ ...w, files: [9999] }, big)), /files\[0\]: refers to row 9999/);
  });
});

describe("sync: the host sends what the view lacks", () => {
  const h0 = bigSnapshot();
  const h1 = closeListenfd(h0, 0);
  const h2 = closeListenfd(h1, 1);

  it("sends the whole history to a new view, one new step after a step, nothing but the index after a goto", () => {
    const first = historyMessage([], [h0, h1], 1);
    assert.equal(first.from, 0);
    assert.equal(first.steps.length, 2);
    const more = historyMessage([h0, h1], [h0, h1, h2], 2);
    assert.equal(more.from, 2);
    assert.equal(more.steps.length, 1);
    const size = JSON.stringify(more).length;
    assert.ok(size * 10 < JSON.stringify(h2).length, `a one-syscall step is small: ${size} chars`);
    const back = historyMessage([h0, h1, h2], [h0, h1, h2], 0);
    assert.deepEqual([back.from, back.steps.length, back.current], [3, 0, 0]);
  });

  it("recognises steps rebuilt by replay (new objects, same content) and resends only what differs", () => {
    const replayed = [JSON.parse(JSON.stringify(h0)) as Snapshot, JSON.parse(JSON.stringify(h1)) as Snapshot, closeListenfd(h1, 7)];
    const m = historyMessage([h0, h1, h2], replayed, 2);
    assert.equal(m.from, 2);
  });

  it("follows a caller that keeps a window of its history", () => {
    const m = historyMessage([h0, h1], [h1, h2], 1);
    assert.deepEqual([m.shift, m.from, m.steps.length], [1, 1, 1]);
    const view = new ViewHistory();
    view.apply(historyMessage([], [h0, h1], 1));
    const r = view.apply(JSON.parse(JSON.stringify(m)) as typeof m);
    assert.ok("changedFrom" in r);
    assert.deepEqual(view.steps.map((s) => s.step), [h1.step, h2.step]);
    assert.equal(view.dropped, 1);
  });

  it("leaves the view's history as it was when a step is malformed", () => {
    const view = new ViewHistory();
    view.apply(historyMessage([], [h0], 0));
    const bad = historyMessage([h0], [h0, h1, h2], 2);
    (bad.steps[1] as { files: unknown[] }).files = ["x"];
    assert.ok("problem" in view.apply(bad));
    assert.equal(view.length, 1);
    assert.ok("problem" in view.apply(historyMessage([h0, h1, h2], [h0, h1, h2, closeListenfd(h2, 3)], 3)), "steps it never got");
  });
});

describe("saved state: the whole history, bounded", () => {
  const base = fixture("echo-two-clients");
  const steps: Snapshot[] = [];
  for (let i = 0; i < 40; i++) steps.push(step(base, i, [chunk(100, `line ${i}\n`)]));

  it("is a history message from step 0 that the view reads back to the same history and terminal", () => {
    const view = new ViewHistory();
    view.apply(historyMessage([], steps.slice(0, 10), 5, "echo.c"));
    view.apply(historyMessage(steps.slice(0, 10), steps, 7));
    const state = savedState(view);
    assert.ok(state);
    const again = new ViewHistory();
    assert.ok("changedFrom" in again.apply(JSON.parse(JSON.stringify(state)) as typeof state));
    assert.deepEqual(again.steps, view.steps);
    assert.equal(again.current, 7);
    assert.equal(again.title, "echo.c");
  });

  it("keeps the last steps when the history is too long, with the dropped steps' output and how many went", () => {
    const view = new ViewHistory();
    view.apply(historyMessage([], steps, 39));
    const state = savedState(view, { steps: 10, chars: 1e9, chunks: 100 });
    assert.ok(state);
    assert.equal(state.steps.length, 10);
    assert.equal(state.dropped, 30);
    assert.equal(state.current, 9);
    const again = new ViewHistory();
    again.apply(JSON.parse(JSON.stringify(state)) as typeof state);
    assert.equal(again.snapshot().step, 39);
    assert.equal(terminalLines(again.terminalAt()).length, 40, "the terminal still has every line");
    const small = savedState(view, { steps: 1000, chars: 5000, chunks: 100 });
    assert.ok(small && small.steps.length < 40 && small.dropped === 40 - small.steps.length, `${small?.steps.length} steps`);
  });
});

describe("forklab render FILE.c --step N", () => {
  let dir = "";
  before(() => { dir = mkdtempSync(join(tmpdir(), "forklab-render-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const terminalRows = async (stepN?: number): Promise<string[]> => {
    const out = join(dir, `t${stepN ?? "end"}.md`);
    const args = ["examples/echoserverp.c", "--scenario", "examples/echoserverp.scenario.json", "--md", "--out", out];
    if (stepN !== undefined) args.push("--step", String(stepN));
    assert.equal(await render(args), 0);
    const md = readFileSync(out, "utf8");
    return md.split("### Terminal output")[1].split("\n").filter((l) => /^\| \d/.test(l));
  };

  it("shows the terminal up to step N: every line written by then, none written later", async function () {
    this.timeout(60000);
    // The echo server prints a line per line a client sent: three by the end of the scenario,
    // which ends with a step that writes nothing (SIGINT).
    const all = await terminalRows();
    assert.equal(all.length, 3, all.join("\n"));
    // The first step that wrote, by bisection over --step.
    let lo = 0;
    let hi = 300;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await terminalRows(mid)).length) hi = mid;
      else lo = mid + 1;
    }
    assert.deepEqual(await terminalRows(lo - 1), []);
    const first = await terminalRows(lo);
    assert.deepEqual(first, all.slice(0, first.length));
    // Later steps keep those lines whether or not they write themselves.
    const later = await terminalRows(lo + 1);
    assert.deepEqual(later.slice(0, first.length), first);
  });
});
