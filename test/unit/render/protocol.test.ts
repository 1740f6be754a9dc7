// The view's message protocol: both directions are validated, and anything malformed,
// from another version, or outside what the view offers is refused with a reason.
import assert from "node:assert/strict";
import { hostMessageProblem, isHostMessage, isViewMessage, viewMessageProblem } from "../../../src/contract/protocol";
import { decodeStep } from "../../../src/contract/wire";
import { fixture, showMessage } from "./page";

describe("webview protocol", () => {
  it("accepts a history message built from a snapshot and its predecessor", () => {
    assert.equal(hostMessageProblem(showMessage(fixture("shm.prev"), fixture("shm"))), undefined);
    assert.ok(isHostMessage({ v: 1, type: "notice", text: "session ended" }));
  });

  it("takes a notice with how long it lasts, and no other lasting", () => {
    for (const lasts of ["step", "question", "session"]) assert.ok(isHostMessage({ v: 1, type: "notice", text: "Predict first", lasts }));
    assert.match(String(hostMessageProblem({ v: 1, type: "notice", text: "Predict first", lasts: "forever" })), /notice\.lasts/);
  });

  it("says a program was not started (with its problem's line), and hears the learner ask for the problem", () => {
    assert.ok(isHostMessage({ v: 1, type: "refused", title: "bad.c", text: "bad.c was not started: it does not compile.", line: 4 }));
    assert.match(String(hostMessageProblem({ v: 1, type: "refused", title: "bad.c", text: "", line: 4 })), /refused/);
    assert.match(String(hostMessageProblem({ v: 1, type: "refused", title: "bad.c", text: "why", line: 0 })), /refused\.line/);
    assert.ok(isViewMessage({ v: 1, type: "showProblem" }));
  });

  it("says the session shown is over (with why), and hears the learner ask to start it again", () => {
    assert.ok(isHostMessage({ v: 1, type: "ended", text: "fork-returns.c: the session ended when the window reloaded." }));
    assert.match(String(hostMessageProblem({ v: 1, type: "ended", text: "" })), /ended\.text/);
    assert.match(String(hostMessageProblem({ v: 1, type: "ended" })), /ended\.text/);
    assert.ok(isViewMessage({ v: 1, type: "restart" }));
  });

  it("hears the view's size in whole pixels, and nothing else as one", () => {
    assert.ok(isViewMessage({ v: 1, type: "size", width: 660, height: 385 }));
    assert.match(String(viewMessageProblem({ v: 1, type: "size", width: -1, height: 385 })), /size/);
    assert.match(String(viewMessageProblem({ v: 1, type: "size", width: 660 })), /size/);
  });

  it("refuses host messages of another version, unknown type, or inconsistent counts", () => {
    const ok = showMessage(fixture("pipe")) as Record<string, unknown>;
    assert.match(String(hostMessageProblem({ ...ok, v: 2 })), /protocol version 2/);
    assert.match(String(hostMessageProblem({ ...ok, type: "eval" })), /unknown message type/);
    assert.match(String(hostMessageProblem({ ...ok, length: 2 })), /history\.length/);
    assert.match(String(hostMessageProblem({ ...ok, current: 1 })), /history\.current/);
    assert.match(String(hostMessageProblem({ ...ok, before: [{ pid: 1, fd: 1 }] })), /history\.before\[0\]\.text/);
  });

  it("checks each step as it is decoded: a broken row, an unknown kind, another snapshot version", () => {
    const s = fixture("pipe") as unknown as { objects: Array<Record<string, unknown>> };
    s.objects[1].kind = "fifo";
    assert.match(String(decodeStep(s, undefined)), /step\.objects\[1\]\.kind: unknown object kind "fifo"/);
    const t = fixture("pipe") as unknown as { version: number };
    t.version = 99;
    assert.match(String(decodeStep(t, undefined)), /version: 99 is not the supported version/);
    const u = fixture("pipe") as unknown as { events: unknown[] };
    u.events = [{ kind: "syscall", pid: 1 }];
    assert.match(String(decodeStep(u, undefined)), /step\.events\[0\]\.call/);
  });

  it("accepts every action the view sends", () => {
    for (const m of [
      { v: 1, type: "ready" }, { v: 1, type: "step" }, { v: 1, type: "back" }, { v: 1, type: "goto", step: 3 },
      { v: 1, type: "connect" }, { v: 1, type: "send", client: 200, line: "hello" },
      { v: 1, type: "close", client: 200 }, { v: 1, type: "close", client: "all" },
      { v: 1, type: "signal", pid: 100, signal: "SIGINT" }, { v: 1, type: "export", format: "markdown", data: "| a |" },
      { v: 1, type: "ttyInput", text: "hello", end: "newline" }, { v: 1, type: "ttyInput", text: "", end: "eof" },
    ]) assert.ok(isViewMessage(m), JSON.stringify(m));
  });

  it("refuses view messages the host must not act on", () => {
    assert.match(String(viewMessageProblem({ v: 1, type: "goto", step: -1 })), /goto\.step/);
    assert.match(String(viewMessageProblem({ v: 1, type: "goto", step: 1.5 })), /goto\.step/);
    assert.match(String(viewMessageProblem({ v: 1, type: "signal", pid: 0, signal: "SIGKILL" })), /signal\.pid/);
    assert.match(String(viewMessageProblem({ v: 1, type: "signal", pid: 100, signal: "SIGSEGV; rm -rf" })), /not a signal the view offers/);
    assert.match(String(viewMessageProblem({ v: 1, type: "send", client: 200, line: "x".repeat(5000) })), /send\.line/);
    assert.match(String(viewMessageProblem({ v: 1, type: "close", client: "some" })), /close\.client/);
    assert.match(String(viewMessageProblem({ v: 1, type: "ttyInput", text: "two\nlines", end: "newline" })), /ttyInput\.text/);
    assert.match(String(viewMessageProblem({ v: 1, type: "ttyInput", text: "x".repeat(5000), end: "newline" })), /ttyInput\.text/);
    assert.match(String(viewMessageProblem({ v: 1, type: "ttyInput", text: "x", end: "^C" })), /ttyInput\.end/);
    assert.match(String(viewMessageProblem({ v: 1, type: "export", format: "pdf", data: "" })), /export\.format/);
    assert.match(String(viewMessageProblem({ type: "step" })), /protocol version/);
    assert.match(String(viewMessageProblem(null)), /not an object/);
  });

  it("accepts a lesson question and its verdict, and the learner's answer", () => {
    const q = { v: 1, type: "question", lesson: "forklab.fork", step: "forkTwice", prompt: "What will Fork() return in the child?", choices: ["0", "the child's pid"] };
    assert.equal(hostMessageProblem(q), undefined);
    assert.equal(hostMessageProblem({ v: 1, type: "verdict", lesson: "forklab.fork", step: "forkTwice", choice: 1, correct: false, text: "why", table: "process" }), undefined);
    assert.equal(hostMessageProblem({ v: 1, type: "verdict", lesson: "forklab.fork", step: "forkTwice", choice: 0, correct: true, text: "fork returns 0 in the child" }), undefined);
    assert.ok(isViewMessage({ v: 1, type: "answer", lesson: "forklab.fork", step: "forkTwice", choice: 0 }));
  });

  it("refuses malformed questions, verdicts and answers", () => {
    const q = { v: 1, type: "question", lesson: "forklab.fork", step: "forkTwice", prompt: "p", choices: ["a", "b"] };
    assert.match(String(hostMessageProblem({ ...q, choices: ["only one"] })), /question\.choices/);
    assert.match(String(hostMessageProblem({ ...q, choices: ["a", 2] })), /question\.choices/);
    assert.match(String(hostMessageProblem({ ...q, prompt: "" })), /question\.prompt/);
    assert.match(String(hostMessageProblem({ ...q, lesson: "<script>" })), /question\.lesson/);
    assert.match(String(hostMessageProblem({ ...q, v: 2 })), /protocol version 2/);
    const v = { v: 1, type: "verdict", lesson: "forklab.fork", step: "forkTwice", choice: 1, correct: false, text: "why" };
    assert.match(String(hostMessageProblem({ ...v, table: "registers" })), /verdict\.table/);
    assert.match(String(hostMessageProblem({ ...v, correct: "yes" })), /verdict\.correct/);
    assert.match(String(hostMessageProblem({ ...v, choice: -1 })), /verdict\.choice/);
    assert.match(String(viewMessageProblem({ v: 1, type: "answer", lesson: "forklab.fork", step: "forkTwice", choice: 1.5 })), /answer\.choice/);
    assert.match(String(viewMessageProblem({ v: 1, type: "answer", lesson: "forklab.fork", step: "", choice: 0 })), /answer\.step/);
    assert.match(String(viewMessageProblem({ v: 1, type: "answer", lesson: "forklab.fork", step: "forkTwice", choice: 99 })), /answer\.choice/);
  });
});
