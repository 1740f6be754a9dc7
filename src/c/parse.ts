// tree-sitter C, loaded on first use and only once. The host supplies the two .wasm files
// as bytes (dist/ next to the bundle in the extension and CLI, node_modules in tests), so
// this layer touches no file system.
import type { Parser, Node, Tree } from "web-tree-sitter";

// require() (not import) so bundlers pick the package's CommonJS build: its ES module build
// needs import.meta.url, which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wts = require("web-tree-sitter") as typeof import("web-tree-sitter");
import { Diagnostic } from "./diagnostic";

export type { Node, Tree };

export interface WasmFiles {
  /** web-tree-sitter.wasm */
  runtime: () => Promise<Uint8Array>;
  /** tree-sitter-c.wasm */
  grammar: () => Promise<Uint8Array>;
}

let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

/** The parser once loadParser has finished (exec of a built-in command compiles with it). */
export function readyParser(): Parser | undefined {
  return ready;
}

export function loadParser(wasm: WasmFiles): Promise<Parser> {
  loading ??= (async () => {
    const wasmBinary = await wasm.runtime();
    await wts.Parser.init({ wasmBinary } as object);
    const lang = await wts.Language.load(await wasm.grammar());
    const p = new wts.Parser();
    p.setLanguage(lang);
    ready = p;
    return p;
  })();
  return loading;
}

/** Syntax diagnostics kept per unit: past these the walks stop (gcc's -fmax-errors; the
 *  first errors are the ones worth reading, later ones often follow from them). */
export const MAX_SYNTAX_ERRORS = 20;

/** Parse one unit; ERROR and MISSING nodes become diagnostics with line and column. */
export function parseC(parser: Parser, file: string, text: string): { tree: Tree; diagnostics: Diagnostic[] } {
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const diagnostics: Diagnostic[] = [];
  unterminatedStrings(tree.rootNode, file, diagnostics);
  if (tree.rootNode.hasError) collectErrors(tree.rootNode, file, diagnostics);
  return { tree, diagnostics };
}

/**
 * A string literal cannot hold a newline (C11 6.4.5; continuation lines are joined before
 * parsing). tree-sitter takes the line break for whitespace between two pieces of the
 * string and reports nothing, so the newline silently vanished: the built-in ls's
 * printf("total %ld<newline>") printed no newline. gcc stops with this error. (A character
 * literal broken so is already an ERROR node.)
 * A cursor walk in source order that ends once `out` holds MAX_SYNTAX_ERRORS, and goes
 * into a node only when it spans lines (a literal inside a one-line node is on one line).
 */
export function unterminatedStrings(root: Node, file: string, out: Diagnostic[]): void {
  const cursor = root.walk();
  try {
    while (out.length < MAX_SYNTAX_ERRORS) {
      const spansLines = cursor.startPosition.row !== cursor.endPosition.row;
      const literal = cursor.nodeType === "string_literal";
      if (spansLines && literal) {
        const kept = out.push({
          file, line: cursor.startPosition.row + 1, column: cursor.startPosition.column + 1, severity: "error",
          message: `missing terminating " character: a literal cannot continue on the next line (write \\n for a newline, or close it and start another)`,
        });
        if (kept >= MAX_SYNTAX_ERRORS) return;
      }
      if (spansLines && !literal && cursor.gotoFirstChild()) continue;
      // Next in source order: a sibling, else the nearest ancestor's; the walk ends back at root.
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return;
    }
  } finally {
    cursor.delete();
  }
}

/** ERROR and MISSING nodes, in source order, until `out` holds MAX_SYNTAX_ERRORS. */
function collectErrors(n: Node, file: string, out: Diagnostic[]): void {
  if (out.length >= MAX_SYNTAX_ERRORS) return;
  const at = { file, line: n.startPosition.row + 1, column: n.startPosition.column + 1, severity: "error" as const };
  if (n.isMissing) {
    out.push({ ...at, message: `syntax error: missing '${n.type}'` });
    return;
  }
  if (n.type === "ERROR") {
    const text = n.text.split("\n")[0].slice(0, 40);
    out.push({ ...at, message: `syntax error near '${text}'` });
    return;
  }
  if (!n.hasError) return;
  for (let i = 0; i < n.childCount && out.length < MAX_SYNTAX_ERRORS; i++) {
    const c = n.child(i);
    if (c) collectErrors(c, file, out);
  }
}
