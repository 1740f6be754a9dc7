// The parser's own diagnostics (src/c/parse.ts): string literals broken across lines are
// found wherever they sit, at most MAX_SYNTAX_ERRORS of them, and the walk that finds them
// ends at the last one it keeps instead of going on through the rest of the file.
import { strict as assert } from "node:assert";
import { loadParser, MAX_SYNTAX_ERRORS, parseC, unterminatedStrings, type Node } from "../../../src/c/parse";
import type { Diagnostic } from "../../../src/c/diagnostic";
import { wasm } from "./helpers";

/** A unit with `bad` functions, each printing a literal broken across two lines, then `after` good lines. */
function brokenStrings(bad: number, after = 50): string {
  const fns = Array.from({ length: bad }, (_, i) => `void f${i}(void) {\n  printf("line ${i}\n");\n}\n`);
  const tail = Array.from({ length: after }, (_, i) => `int g${i} = ${i};\n`);
  return `#include <stdio.h>\n${fns.join("")}${tail.join("")}`;
}

/** The root, seen through a recorder of the start row of every node the walk reaches
 *  (by a cursor from walk(), or handed back by descendantsOfType). */
function recorded(root: Node, rows: number[]): Node {
  const seenCursor = (c: ReturnType<Node["walk"]>) => {
    rows.push(c.startPosition.row);
    const moved = (go: () => boolean) => () => { const ok = go(); if (ok) rows.push(c.startPosition.row); return ok; };
    return new Proxy(c, {
      get(t, k) {
        if (k === "gotoFirstChild" || k === "gotoNextSibling" || k === "gotoDescendant" || k === "gotoFirstChildForIndex") {
          return moved((t[k as "gotoFirstChild"] as () => boolean).bind(t));
        }
        const v = Reflect.get(t, k, t) as unknown;
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
  };
  return new Proxy(root, {
    get(t, k) {
      if (k === "walk") return () => seenCursor(t.walk());
      if (k === "descendantsOfType") {
        return (...a: Parameters<Node["descendantsOfType"]>) => {
          const found = t.descendantsOfType(...a);
          for (const n of found) if (n) rows.push(n.startPosition.row);
          return found;
        };
      }
      const v = Reflect.get(t, k, t) as unknown;
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}

describe("parse: diagnostics for string literals broken across lines", () => {
  it("a unit with many gives exactly the cap, the first ones in source order", async () => {
    const parser = await loadParser(wasm);
    const { diagnostics } = parseC(parser, "many.c", brokenStrings(3 * MAX_SYNTAX_ERRORS));
    assert.equal(diagnostics.length, MAX_SYNTAX_ERRORS);
    // f_i's printf is on line 3 + 4i (line 1 is the #include).
    assert.deepEqual(diagnostics.map((d) => [d.line, d.column]), Array.from({ length: MAX_SYNTAX_ERRORS }, (_, i) => [3 + 4 * i, 10]));
    assert.ok(diagnostics.every((d) => d.message.startsWith('missing terminating " character')));
  });

  it("the walk goes no further than the literal that fills the cap", async () => {
    const parser = await loadParser(wasm);
    const tree = parser.parse(brokenStrings(3 * MAX_SYNTAX_ERRORS))!;
    const rows: number[] = [];
    const out: Diagnostic[] = [];
    unterminatedStrings(recorded(tree.rootNode, rows), "many.c", out);
    assert.equal(out.length, MAX_SYNTAX_ERRORS);
    const lastKept = out[out.length - 1].line - 1; // rows count from 0
    assert.ok(rows.length > 0, "the recorder saw the walk");
    assert.ok(Math.max(...rows) <= lastKept, `the walk reached row ${Math.max(...rows)}, past the last literal kept (row ${lastKept})`);
  });

  it("under the cap the walk goes to the end, and finds a broken literal however deep it sits", async () => {
    const parser = await loadParser(wasm);
    const text = brokenStrings(2, 5) + 'struct s { const char *a[2]; } t[] = { { { "ok", "deep\nend" } } };\n' +
      'int main(void) {\n  if (1) { while (0) { puts("a" "b\n"); } }\n  return 0;\n}\n';
    const tree = parser.parse(text)!;
    const rows: number[] = [];
    const out: Diagnostic[] = [];
    unterminatedStrings(recorded(tree.rootNode, rows), "deep.c", out);
    const lines = text.split("\n");
    const row = (s: string) => lines.findIndex((l) => l.includes(s));
    assert.deepEqual(out.map((d) => d.line - 1), [2, 6, row('"deep'), row('"b')]);
    assert.ok(Math.max(...rows) >= row('"b'), "the recorder saw the walk reach the last literal");
  });
});
