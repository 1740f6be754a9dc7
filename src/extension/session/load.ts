// Compile a C document for stepping: the parser loads once (tree-sitter wasm shipped in
// dist/), the text comes from the editor (unsaved edits included), local headers and exec
// targets from disk next to the file.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import type { Parser } from "web-tree-sitter";
import { compileC } from "../../c/load";
import { loadParser } from "../../c/parse";
import type { Diagnostic } from "../../c/diagnostic";
import type { Program } from "../../c/program";

let parser: Promise<Parser> | undefined;

function getParser(extensionUri: vscode.Uri): Promise<Parser> {
  const dist = (name: string) => vscode.Uri.joinPath(extensionUri, "dist", name).fsPath;
  parser ??= loadParser({
    runtime: async () => readFileSync(dist("web-tree-sitter.wasm")),
    grammar: async () => readFileSync(dist("tree-sitter-c.wasm")),
  });
  return parser;
}

const readText = (p: string): string | undefined => (existsSync(p) ? readFileSync(p, "utf8") : undefined);

export interface Loaded {
  program: Program;
  diagnostics: Diagnostic[];
  loadProgram: (name: string) => Program | undefined;
}

export async function compileDocument(extensionUri: vscode.Uri, file: string, text: string): Promise<Loaded> {
  const p = await getParser(extensionUri);
  const { program, diagnostics } = compileC(p, file, text, readText);
  const cache = new Map<string, Program | undefined>();
  const loadProgram = (name: string): Program | undefined => {
    if (!cache.has(name)) {
      const path = join(dirname(file), `${name}.c`);
      const src = readText(path);
      cache.set(name, src === undefined ? undefined : compileC(p, path, src, readText).program);
    }
    return cache.get(name);
  };
  return { program, diagnostics, loadProgram };
}
