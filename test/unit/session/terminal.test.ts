// A program that reads its terminal, stepped: the learner types a line (or Ctrl-D) and the
// read goes on with it; the typing is a step of its own in the history, so Back shows the
// step before it and the recorded future replays it; and what is blocked says where to type.
import { strict as assert } from "node:assert";
import type { Snapshot } from "../../../src/contract/snapshot";
import { sessionLenses } from "../../../src/coach/lenses";
import { LENS_COMMANDS } from "../../../src/extension/editor/lens-commands";
import { terminalReaders } from "../../../src/contract/terminal";
import { whyNotStep } from "../../../src/contract/unblock";
import { Stepper } from "../../../src/session/stepper";
import type { Scenario } from "../../../src/contract/scenario";
import { compile } from "../c/helpers";
import { buildFigure } from "../../../src/render/figure";
import { GREET } from "../../greet";


async function greeter(scenario: Scenario = { stdout: "tty" }): Promise<Stepper> {
  const { program } = await compile(GREET, "greet.c");
  return new Stepper({ program, name: "greet", scenario, maxSteps: 5000 });
}

/** Everything the terminal got from the program up to the current step. */
const written = (st: Stepper) => st.history.flatMap((s) => s.output.filter((c) => !c.typed).map((c) => c.text)).join("");
/** Everything the terminal shows: the program's output and the echo of what was typed. */
const screen = (st: Stepper) => st.history.flatMap((s) => s.output.map((c) => (c.typed ? `[${c.text}]` : c.text))).join("");
const notes = (s: Snapshot) => s.events.flatMap((e) => (e.kind === "note" ? [e.text] : []));

describe("typing at the program's terminal", function () {
  this.timeout(60000);

  it("fgets blocks in read(0) of the terminal, and the messages and the lens say to type a line in the view", async () => {
    const st = await greeter();
    const r = st.continue();
    assert.match(r.message ?? "", /every process is blocked: \d+ in read\(0\) at line 9; type a line for the terminal in the view/);
    assert.deepEqual(terminalReaders(st.current).map((p) => p.pid), [st.mainPid]);
    const blocked = st.step(st.mainPid);
    assert.equal(blocked.ok, false);
    assert.match(blocked.message!, /blocked in read\(0\): type a line for the terminal in the view \(Enter sends it; Ctrl-D is end of file\)/);
    // The view's process form and the Step Process list say it in the same words.
    const reader = st.current.processes.find((p) => p.pid === st.mainPid)!;
    assert.equal(whyNotStep(reader, st.current), blocked.message);
    const lens = sessionLenses({ snapshot: st.current, mainPid: st.mainPid, text: GREET }, LENS_COMMANDS).find((l) => l.line === 9 && l.title.includes("blocked"));
    assert.match(lens?.title ?? "", /blocked in read\(0\): type a line for the terminal in the view/);
    assert.doesNotMatch(lens!.title, /client/);
  });

  it("a typed line is read whole (canonical mode), the next read blocks again, and Ctrl-D makes fgets return NULL", async () => {
    const st = await greeter();
    st.continue();
    const at = st.index;
    assert.ok(st.ttyInput("hello", "newline").ok);
    assert.equal(st.index, at + 1, "the typing is a step");
    assert.deepEqual(notes(st.current), ["typed \"hello\\n\" at the terminal"], "the typing is an event of its step");
    assert.deepEqual(terminalReaders(st.current), [], "the reader is awake");
    const r = st.continue();
    assert.equal(written(st), "name? hello, hello\n");
    assert.match(r.message ?? "", /in read\(0\)/, "the second fgets blocks again");
    assert.equal(st.session.trace.filter((e) => e.call === "read" && e.ret === 6).length, 1, "read returned the line and its newline");

    assert.ok(st.ttyInput("", "eof").ok);
    st.continue();
    assert.equal(written(st), "name? hello, hello\nbye\n");
    // As on a terminal: the typed line shows where it was typed, from no process.
    assert.equal(screen(st), "name? [hello\n]hello, hello\nbye\n");
    assert.ok(st.history.every((sn) => sn.output.every((c) => !c.typed || (c.pid === 0 && c.fd === 0))), "an echo has pid and fd 0");
    assert.ok(st.session.trace.some((e) => e.call === "read" && e.ret === 0), "read returned 0 at end of file");
    assert.equal(st.ended, "every process has exited");
  });

  it("the typing step's caption says what happened: the line typed, and whose read can go on (not 'wakes up')", async () => {
    // A reviewer typed a line and the step's caption said only "pid 2 wakes up".
    const st = await greeter();
    st.continue();
    assert.ok(st.ttyInput("hello", "newline").ok);
    const caption = buildFigure(st.current, st.timeline[st.index - 1]).caption;
    assert.equal(caption, `Step ${st.index}: typed "hello\\n" at the terminal; pid ${st.mainPid}'s read(0) can go on`);
    st.continue();
    // Every step's caption says what a woken process waited in; none says "wakes up".
    const captions = st.timeline.map((s, i) => buildFigure(s, st.timeline[i - 1]).caption);
    assert.deepEqual(captions.filter((c) => /wakes up|pid 0/.test(c)), []);
    assert.ok(st.timeline.flatMap((s) => s.events).filter((e) => e.kind === "wake").every((e) => e.kind === "wake" && e.on === "read(0)"));
  });

  it("a typed line is a step of its own: Back shows the step before it, Forward replays it; the same line again follows the future, a different one replaces it", async () => {
    const st = await greeter();
    st.continue();
    const before = st.index;
    const shown = st.current;
    assert.ok(st.ttyInput("one", "newline").ok);
    assert.equal(st.index, before + 1, "the typing is step n+1");
    assert.equal(st.timeline.length, before + 2);
    assert.strictEqual(st.timeline[before], shown, "the step before it is untouched");
    assert.deepEqual(notes(shown), [], "the step before it does not say it was typed");
    assert.deepEqual(notes(st.current), ["typed \"one\\n\" at the terminal"]);
    const typed = st.current;
    st.continue();
    const last = st.index;
    const recorded = st.timeline.map((s) => JSON.stringify(s));
    assert.equal(written(st), "name? hello, one\n");
    // Back to the typing, then one more: the step before it, the program waiting again.
    while (st.index > before + 1) assert.ok(st.back().ok);
    assert.strictEqual(st.current, typed);
    assert.ok(st.back().ok);
    assert.equal(st.index, before);
    assert.strictEqual(st.current, shown);
    assert.equal(terminalReaders(st.current).length, 1, "the program waits for the line again");
    assert.equal(st.timeline.length, last + 1, "the typing and what followed stay, recorded");
    // Forward replays the typing alone, as a step, with nothing replaced.
    const f = st.step();
    assert.equal(f.replaced, undefined);
    assert.equal(st.index, before + 1);
    assert.strictEqual(st.current, typed);
    // Along the recorded future: the same steps follow.
    assert.ok(st.goto(last).ok);
    assert.deepEqual(st.timeline.map((s) => JSON.stringify(s)), recorded);
    assert.equal(written(st), "name? hello, one\n");
    // The same line typed again where it was typed follows the recorded future.
    assert.ok(st.goto(before).ok);
    const same = st.ttyInput("one", "newline");
    assert.ok(same.ok && same.replaced === undefined, JSON.stringify(same));
    assert.strictEqual(st.current, typed);
    assert.equal(st.timeline.length, last + 1);
    // A different line at the same place is a new branch, said from the step it was typed at.
    assert.ok(st.goto(before).ok);
    const r = st.ttyInput("two", "newline");
    assert.ok(r.ok && r.replaced === last - before, JSON.stringify(r));
    assert.match(r.message ?? "", new RegExp(`at step ${before} replaced the ${last - before} recorded steps`));
    assert.equal(st.index, before + 1);
    assert.equal(st.timeline.length, before + 2);
    st.continue();
    assert.equal(written(st), "name? hello, two\n");
  });

  it("a line in UTF-8 reaches the program as its bytes; with stdin not a terminal nothing can be typed", async () => {
    const st = await greeter();
    st.continue();
    st.ttyInput("h\u00e9", "newline");
    st.continue();
    assert.equal(written(st), "name? hello, h\u00c3\u00a9\n", "two bytes for \u00e9, one character each in the model's output");
    const piped = await greeter({ stdout: "pipe", stdin: "" });
    piped.continue();
    const r = piped.ttyInput("x", "newline");
    assert.equal(r.ok, false);
    assert.match(r.message!, /no process has the terminal open/);
  });
});
