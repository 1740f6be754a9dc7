// The presentation layout's share of the editor area for the code (src/extension/view/code.ts).
// At 1920x1080 the code had 30% and was cut at about 45 characters where the minimap began;
// now it gets what its longest line needs, as long as the picture keeps its 16 px text. And
// with Fork Lab's own markers at the line ends ("◀ pid 3"), which the editor does not wrap:
// in the lecture screenshot fork-returns.c's line 12 had its "◀ pid 3" cut at the edge.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Proc } from "../../../src/contract/snapshot";
import { PROCESSES_PER_LINE } from "../../../src/coach/lenses";
import { MARKER_MARGIN_EM, markedLines, moreMarker, pidMarker } from "../../../src/extension/editor/marker";
import { CODE_LEAST, PICTURE_LEAST, codeShare, codeWidth, markedColumns, markerColumns } from "../../../src/extension/view/code";

/** The editor area at 1920x1080 and at 1366x768: the window less the activity bar. */
const FULL_HD = 1920 - 48;
const LAPTOP = 1366 - 48;

describe("the presentation layout's code column", () => {
  it("without markers, measures the longest line in columns, a tab to its next stop", () => {
    const longestLine = (text: string, tabSize: number) => markedColumns(text, tabSize, new Map());
    assert.equal(longestLine("int x;\n\tif (x) {\r\n\t\treturn 1; /* one */\n}", 4), 8 + "return 1; /* one */".length);
    assert.equal(longestLine("ab\tc", 8), 9);
    assert.equal(longestLine("", 4), 0);
  });

  it("the picture's least width is the two columns at 16 px: 971 px", () => {
    assert.equal(PICTURE_LEAST, 971);
  });

  it("at 1920x1080 an 80-column file is whole beside a picture at 16 px", () => {
    const share = codeShare(FULL_HD, 80, 14);
    assert.ok(share * FULL_HD >= codeWidth(80, 14), `the code ${share * FULL_HD} px for ${codeWidth(80, 14)} px`);
    assert.ok((1 - share) * FULL_HD >= PICTURE_LEAST, `the picture ${(1 - share) * FULL_HD} px`);
    assert.ok(share > CODE_LEAST);
  });

  it("at 1920x1080 a 100-column file takes what the picture leaves, and wraps", () => {
    const share = codeShare(FULL_HD, 100, 14);
    assert.ok(Math.abs((1 - share) * FULL_HD - PICTURE_LEAST) < 2, `the picture ${(1 - share) * FULL_HD} px`);
    assert.ok(share * FULL_HD < codeWidth(100, 14));
  });

  it("a short file, or a laptop's 1366x768, keeps the code at 30% and the picture at 70%", () => {
    assert.equal(codeShare(FULL_HD, 30, 14), CODE_LEAST);
    assert.equal(codeShare(LAPTOP, 80, 14), CODE_LEAST);
  });

  it("a larger editor font asks for more width", () => {
    assert.ok(codeShare(FULL_HD, 60, 20) > codeShare(FULL_HD, 60, 14));
    assert.ok(codeWidth(80, 14) > 80 * 14 * 0.55, "at least the characters themselves");
  });

  it("a marker takes its text, its 1.5em margin and a wider \u25C0; markers on one line add up", () => {
    // DejaVu Sans Mono draws a character 0.602 em wide; the \u25C0 from a fallback font up to 1 em.
    const drawn = (pid: number) => (pidMarker(pid).length - 1) * 0.602 + 1 + MARKER_MARGIN_EM;
    const one = (pid: number) => markerColumns({ pids: [pid], more: 0 });
    for (const pid of [3, 42, 12345]) assert.ok(one(pid) * 0.61 >= drawn(pid), `pid ${pid}: ${one(pid)} columns`);
    assert.equal(markerColumns({ pids: [], more: 0 }), 0);
    assert.equal(markerColumns({ pids: [2, 3], more: 0 }), 2 * one(3));
    assert.ok(one(10) > one(9), "a wider pid, a wider marker");
    // The count of the rest takes its own marker's room.
    assert.ok(markerColumns({ pids: [2], more: 97 }) > one(2) + moreMarker(97).length + MARKER_MARGIN_EM);
  });

  it("sizes for the longest line with one marker of the widest pid, and for the markers each line carries", () => {
    const text = "short;\n" + "x".repeat(70) + "\n\tmid = 1;";
    assert.equal(markedColumns(text, 4, new Map()), 70, "no session: the longest line");
    // A process on a short line: the longest line keeps room for a marker as wide as its.
    const marks = (pids: number[], more = 0) => ({ pids, more });
    assert.equal(markedColumns(text, 4, new Map([[0, marks([2])]])), Math.ceil(70 + markerColumns(marks([2]))));
    assert.equal(markedColumns(text, 4, new Map([[0, marks([2])], [2, marks([17])]])), Math.ceil(70 + markerColumns(marks([17]))));
    // The markers a line carries, with the count of the rest, all count.
    const many = marks([2, 3, 4], 9);
    assert.equal(markedColumns(text, 4, new Map([[2, many]])), Math.ceil(Math.max(70 + markerColumns(marks([4])), 4 + "mid = 1;".length + markerColumns(many))));
    assert.ok(markedColumns(text, 4, new Map([[1, marks([2, 3])]])) >= 70 + markerColumns(marks([2, 3])));
  });

  it("which line carries whose marker: live program processes only, a line past the end on the last", () => {
    const proc = (pid: number, line: number | undefined, kind: Proc["kind"] = "program", state: Proc["state"] = "ready") => ({ pid, line, kind, state }) as Proc;
    const marks = markedLines([proc(1, 3, "init", "blocked"), proc(2, 12), proc(3, 12), proc(4, 5, "program", "zombie"), proc(5, 40), proc(6, undefined), proc(7, 2, "client")], 23);
    assert.deepEqual([...marks], [[11, { pids: [2, 3], more: 0 }], [22, { pids: [5], more: 0 }]]);
  });

  it("a line with more processes than PROCESSES_PER_LINE shows a few and counts the rest in one marker (a fork bomb)", () => {
    const proc = (pid: number, line: number) => ({ pid, line, kind: "program", state: "ready" }) as Proc;
    const bomb = Array.from({ length: 3858 }, (_, i) => proc(i + 2, 5));
    const marks = markedLines([...bomb, proc(9000, 7)], 9);
    assert.deepEqual(marks.get(4), { pids: Array.from({ length: PROCESSES_PER_LINE - 1 }, (_, i) => i + 2), more: 3858 - (PROCESSES_PER_LINE - 1) });
    assert.deepEqual(marks.get(6), { pids: [9000], more: 0 });
    // Exactly as many as fit: no count.
    const fit = markedLines(bomb.slice(0, PROCESSES_PER_LINE), 9);
    assert.deepEqual(fit.get(4), { pids: bomb.slice(0, PROCESSES_PER_LINE).map((p) => p.pid), more: 0 });
  });

  it("at 1920x1080 fork-returns.c after fork, pid 2 and pid 3 on line 12, is whole with its markers beside a picture at 16 px", () => {
    const text = readFileSync(join(__dirname, "..", "..", "..", "examples", "fork-returns.c"), "utf8");
    const columns = markedColumns(text, 4, new Map([[11, { pids: [2, 3], more: 0 }]]));
    const bare = markedColumns(text, 4, new Map());
    assert.ok(columns > bare);
    const share = codeShare(FULL_HD, columns, 14);
    assert.ok(share * FULL_HD >= codeWidth(columns, 14), `the code ${share * FULL_HD} px for ${codeWidth(columns, 14)} px`);
    assert.ok((1 - share) * FULL_HD >= PICTURE_LEAST - 1, `the picture ${(1 - share) * FULL_HD} px`);
    assert.ok(share > codeShare(FULL_HD, bare, 14), "wider than for the text alone");
  });
});
