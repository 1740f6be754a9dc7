// The terminal's lines are made by newlines, not by writes: a write that does not end its
// line is continued by the next, whoever makes it (a prompt and the answer typed after it, a
// parent's "a" and a child's "b\n"). Each way of reading lines agrees: all of them, the
// last few walking back, the count, and the count a history keeps step by step.
import { strict as assert } from "node:assert";
import type { OutputChunk, Snapshot } from "../../../src/contract/snapshot";
import { TerminalLog, lineCount, outputLines, terminalTail } from "../../../src/render/terminal";

const out = (pid: number, text: string, typed = false): OutputChunk => (typed ? { pid: 0, fd: 0, text, typed: true } : { pid, fd: 1, text });
const term = (chunks: OutputChunk[]) => ({ chunks, end: chunks.length });

describe("the terminal's lines", () => {
  it("joins a write that did not end its line with what follows, keeping each writer's run", () => {
    const chunks = [out(2, "name? "), out(0, "bob\n", true), out(2, "hello, bob\n"), out(2, "a"), out(3, "b\nc"), out(2, "\n\n")];
    const lines = outputLines(chunks);
    assert.deepEqual(lines.map((l) => l.text), ["name? bob", "hello, bob", "ab", "c", ""]);
    assert.deepEqual(lines[0].runs, [{ pid: 2, fd: 1, text: "name? " }, { pid: 0, fd: 0, text: "bob", typed: true }]);
    assert.deepEqual(lines[2].runs.map((r) => r.pid), [2, 3], "the parent's a and the child's b on one line");
    assert.deepEqual([lines[3].pid, lines[4].pid], [3, 2], "a line is marked with its first writer; an empty one with the writer of its newline");
    assert.equal(lineCount(term(chunks)), 5);
    const tail = terminalTail(term(chunks), 3, 2);
    assert.deepEqual(tail.lines.map((l) => l.text), ["ab", "c", ""]);
    assert.equal(tail.fresh, 3, "the last two writes wrote to the last three lines");
  });

  it("agrees with itself on every split of random output, step by step as a history keeps it", () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let round = 0; round < 200; round++) {
      const history: Snapshot[] = [];
      for (let step = 0; step < 6; step++) {
        const output = Array.from({ length: rand(3) }, () => out(2 + rand(3), Array.from({ length: 1 + rand(5) }, () => "ab\n"[rand(3)]).join(""), rand(4) === 0));
        history.push({ version: 1, step, clock: 0, processes: [], files: [], objects: [], events: [], output, foregroundPgid: 0 });
      }
      const log = new TerminalLog();
      for (const s of history) log.append(s);
      for (let n = 0; n < history.length; n++) {
        const at = log.at(n);
        const all = outputLines(at.chunks.slice(0, at.end));
        const text = at.chunks.slice(0, at.end).map((c) => c.text).join("");
        assert.deepEqual(all.map((l) => l.text), text === "" ? [] : text.replace(/\n$/, "").split("\n"), "lines are the text split at newlines");
        assert.equal(lineCount(at), all.length, "the kept count");
        assert.equal(lineCount({ chunks: at.chunks, end: at.end }), all.length, "the count from scratch");
        for (const max of [1, 3, 100]) {
          assert.deepEqual(terminalTail(at, max, 0).lines, all.slice(Math.max(0, all.length - max)), `the last ${max}`);
        }
      }
    }
  });
});
