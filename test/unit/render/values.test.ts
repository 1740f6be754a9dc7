// A variable's value on a process's card: a value wider than the card goes on below its
// first line, broken between struct members or array elements (outermost first), never
// inside a string; before, the card cut it at its edge and a struct's later members were
// not to be seen anywhere in the picture.
import assert from "node:assert/strict";
import { renderSvg, textView } from "../../../src/render";
import { wrapValue } from "../../../src/render/text";
import type { Snapshot } from "../../../src/contract/snapshot";
import { fixture } from "./page";

describe("render: variable values on a card", () => {
  it("wrapValue breaks after commas, outermost first, never inside a literal", () => {
    const s = "{.name = \"Ada\", .marks = {90, 85, 77}, .pos = {.x = 3, .y = -4}}";
    assert.deepEqual(wrapValue(s, 30, 28), ["{.name = \"Ada\",", ".marks = {90, 85, 77},", ".pos = {.x = 3, .y = -4}}"]);
    // Two members fit the first line: both go there; .y stays with its .x.
    assert.deepEqual(wrapValue(s, 40, 28), ["{.name = \"Ada\", .marks = {90, 85, 77},", ".pos = {.x = 3, .y = -4}}"]);
    assert.deepEqual(wrapValue("{0, 1, 4, 9, 16, 25, 36, 49, ...}", 14, 14), ["{0, 1, 4, 9,", "16, 25, 36,", "49, ...}"]);
    // The comma inside the string is no place to break; the string runs long for the caller to clip.
    assert.deepEqual(wrapValue("\"a, b, c, d\"", 5, 5), ["\"a, b, c, d\""]);
    assert.deepEqual(wrapValue("{44 ',', 10 '\\n'}", 10, 10), ["{44 ',',", "10 '\\n'}"]);
    assert.deepEqual(wrapValue("42", 1, 1), ["42"]);
    // A pointer's note goes on its own line, in words when it is still too long.
    assert.deepEqual(wrapValue("0x1000000 \u2192 heap block freed at line 24 (dangling)", 20, 24),
      ["0x1000000", "\u2192 heap block freed at", "line 24 (dangling)"]);
    assert.deepEqual(wrapValue("0x400003 \"a long string, with commas\"", 12, 40), ["0x400003", "\"a long string, with commas\""]);
  });

  it("shows every member of a struct that does not fit the card's line", () => {
    const base = fixture("pipe");
    const value = "{.name = \"Ada\", .marks = {90, 85, 77}, .pos = {.x = 3, .y = -4}}";
    const s: Snapshot = { ...base, processes: base.processes.map((p) => (p.kind === "program"
      ? { ...p, frames: [{ function: "main", line: 9, locals: [{ name: "student", type: "struct student", value }] }] } : p)) };
    const svg = renderSvg(s, undefined, { scheme: "light" });
    const shown = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1].replace(/&quot;/g, "\"").replace(/\u00a0/g, " ").trim()).join(" ");
    for (const part of [".marks = {90, 85, 77},", ".pos = {.x = 3, .y = -4}}"]) assert.ok(shown.includes(part), `${part} in ${shown}`);
    assert.ok(!/student[^<]*\u2026/.test(svg), "not cut");
  });

  it("the text view (the picture's text alternative) lists each process's variables, the changed ones said", () => {
    const base = fixture("pipe");
    const [a, b] = base.processes.filter((p) => p.kind === "program");
    const vars = (x: string) => ({ frames: [{ function: "main", line: 12, locals: [{ name: "x", type: "int", value: x }] }],
      globals: [{ name: "counter", type: "int", value: "10" }] });
    const before: Snapshot = { ...base, processes: base.processes.map((p) => (p === a || p === b ? { ...p, ...vars("1") } : p)) };
    const after: Snapshot = { ...before, step: before.step + 1, events: [],
      processes: before.processes.map((p) => (p.pid === b.pid ? { ...p, ...vars("42") } : p)) };
    const table = textView(after, before).tables.find((t) => t.caption.startsWith("Variables"));
    assert.ok(table, "a Variables table");
    assert.deepEqual(table.headers, ["pid", "where", "name", "type", "value", "this step"]);
    assert.deepEqual(table.rows, [
      [String(a.pid), "main() line 12", "x", "int", "1", ""], [String(a.pid), "global", "counter", "int", "10", ""],
      [String(b.pid), "main() line 12", "x", "int", "42", "changed"], [String(b.pid), "global", "counter", "int", "10", ""]]);
  });

  it("a zombie's card and text row show no signal state: it has exited, no handler of its will run", () => {
    const base = fixture("pipe");
    const child = base.processes.filter((p) => p.kind === "program")[1];
    const signals = { ...child.signals, handlers: { SIGUSR1: "handler" }, blocked: ["SIGUSR1"], pending: ["SIGTERM"] };
    const zombie: Snapshot = { ...base, processes: base.processes.map((p) => (p.pid === child.pid
      ? { ...p, state: "zombie", exitStatus: 3 << 8, fds: [], frames: undefined, globals: undefined, line: undefined, signals } : p)) };
    const svg = renderSvg(zombie, undefined, { scheme: "light" });
    // The card: from its unit to the next unit (the next process or the first open file).
    const from = svg.indexOf(`data-key="p:${child.pid}"`);
    const card = svg.slice(from, svg.indexOf("data-key=", from + 10));
    assert.match(card, /exited 3/);
    assert.doesNotMatch(card, /handlers|SIGUSR1|SIGTERM/);
    const row = textView(zombie).tables[0].rows.find((r) => r[0] === String(child.pid));
    assert.equal(row?.[7], "", "no signals column for a zombie");
    // A live process keeps showing them.
    const live: Snapshot = { ...base, processes: base.processes.map((p) => (p.pid === child.pid ? { ...p, signals } : p)) };
    assert.match(textView(live).tables[0].rows.find((r) => r[0] === String(child.pid))?.[7] ?? "", /handlers SIGUSR1->handler/);
  });
});
