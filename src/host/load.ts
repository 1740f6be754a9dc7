// Loading a C file for the model on the host (node fs only, no vscode): the tree-sitter
// parser from its two .wasm files (loaded once per process), local headers from the
// file's folder, exec targets (other .c programs in that folder) compiled at their first
// exec and kept, and the files the program opens by a relative name, read from its folder
// into the model's file system. The CLI, the extension and the benchmarks load through here.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import type { Parser } from "web-tree-sitter";
import { compileC } from "../c/load";
import { loadParser, WasmFiles } from "../c/parse";
import { Diagnostic, formatDiagnostic } from "../c/diagnostic";
import type { Program } from "../c/program";
import type { Snapshot } from "../contract/snapshot";
import { Session } from "../session/session";
import type { Scenario } from "../contract/scenario";

export interface LoadOptions {
  /** The folder holding web-tree-sitter.wasm and tree-sitter-c.wasm (the extension's
   *  dist/); else next to the bundle, in dist/, or in node_modules when run from source. */
  wasmDir?: string;
  /** The file's text when it differs from the disk (an editor buffer with unsaved edits). */
  text?: string;
}

export interface LoadedProgram {
  /** argv[0] and the Session's name: the file name without ".c". */
  name: string;
  program: Program;
  /** Syntax and compile errors and warnings, with line and column. */
  diagnostics: Diagnostic[];
  /** exec by name: NAME.c next to the file, compiled at the first exec and kept. */
  loadProgram: (name: string) => Program | undefined;
  /** A file the program opens by a relative name, from its folder (read once per open path). */
  readFile: (path: string) => Uint8Array | undefined;
}

/** The two .wasm files the parser needs. */
export function wasmFiles(wasmDir?: string): WasmFiles {
  const find = (name: string, pkg: string): string => {
    const near = [join(__dirname, name), join(__dirname, "..", "..", "dist", name), join(__dirname, "..", "..", "node_modules", pkg, name)];
    for (const p of wasmDir ? [join(wasmDir, name), ...near] : near) if (existsSync(p)) return p;
    throw new Error(`cannot find ${name}`);
  };
  return {
    runtime: async () => readFileSync(find("web-tree-sitter.wasm", "web-tree-sitter")),
    grammar: async () => readFileSync(find("tree-sitter-c.wasm", "tree-sitter-c")),
  };
}

/** The C parser; the first call loads it, later ones get the same one. */
export function hostParser(wasmDir?: string): Promise<Parser> {
  return loadParser(wasmFiles(wasmDir));
}

const readText = (p: string): string | undefined => (existsSync(p) && statSync(p).isFile() ? readFileSync(p, "utf8") : undefined);

/** Compile `file` (or `opts.text` in its place) with what a Session needs to run it. */
export async function loadProgram(file: string, opts: LoadOptions = {}): Promise<LoadedProgram> {
  const parser = await hostParser(opts.wasmDir);
  const dir = dirname(file);
  const { program, diagnostics } = compileC(parser, file, opts.text ?? readFileSync(file, "utf8"), readText);
  const cache = new Map<string, Program | undefined>();
  const loadTarget = (name: string): Program | undefined => {
    if (!cache.has(name)) {
      const path = join(dir, `${name}.c`);
      const text = readText(path);
      cache.set(name, text === undefined ? undefined : compileC(parser, path, text, readText).program);
    }
    return cache.get(name);
  };
  const readFile = (p: string): Uint8Array | undefined => {
    // Only the program's own folder: no absolute paths, nothing above it.
    if (isAbsolute(p) || normalize(p).startsWith("..")) return undefined;
    const path = join(dir, p);
    return existsSync(path) && statSync(path).isFile() ? new Uint8Array(readFileSync(path)) : undefined;
  };
  return { name: basename(file).replace(/\.c$/, ""), program, diagnostics, loadProgram: loadTarget, readFile };
}

/** A Session on `file` under `scenario`, or (no main) the reasons there is none. */
export async function loadSession(file: string, scenario: Scenario, opts: LoadOptions & { maxSteps?: number } = {}): Promise<{ session?: Session; errors: string[]; warnings: string[] }> {
  const loaded = await loadProgram(file, opts);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  const warnings = loaded.diagnostics.filter((d) => d.severity === "warning").map(formatDiagnostic);
  // No session without main, or after a fatal error (a missing header): as cc, nothing runs.
  if (errors.length && (!loaded.program.funcIndex.has("main") || loaded.diagnostics.some((d) => d.fatal))) return { errors, warnings };
  const session = new Session({ program: loaded.program, name: loaded.name, scenario, maxSteps: opts.maxSteps, loadProgram: loaded.loadProgram, readFile: loaded.readFile });
  return { session, errors, warnings };
}

/** `file` run in the model until every process blocks (a server in accept, its children in
 *  read) or ends: the model's side of a comparison with the real server. */
export async function modelAtRest(file: string, scenario: Scenario): Promise<{ snapshot: Snapshot; mainPid: number }> {
  const { session, errors } = await loadSession(file, scenario, { maxSteps: 100_000 });
  if (!session) throw new Error(errors.join("\n"));
  session.run();
  return { snapshot: session.snapshot(), mainPid: session.mainPid };
}
