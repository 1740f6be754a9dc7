// Loading a C file for the model on node (node fs only, no vscode): the tree-sitter parser
// from its two .wasm files (loaded once per process), and the program through program.ts
// with the disk as its files (headers, exec targets and data files from the file's folder).
// The CLI, the node worker, the fidelity harness and the benchmarks load through here.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Parser } from "web-tree-sitter";
import { loadParser, WasmFiles } from "../c/parse";
import { formatDiagnostic } from "../c/diagnostic";
import type { Snapshot } from "../contract/snapshot";
import { Session } from "../session/session";
import type { Scenario } from "../contract/scenario";
import { LoadedProgram, programFrom } from "./program";

export type { LoadedProgram } from "./program";

export interface LoadOptions {
  /** The folder holding web-tree-sitter.wasm and tree-sitter-c.wasm (the extension's
   *  dist/); else next to the bundle, in dist/, or in node_modules when run from source. */
  wasmDir?: string;
  /** The file's text when it differs from the disk (an editor buffer with unsaved edits). */
  text?: string;
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

/** A regular file's bytes from the disk, or undefined. */
const readBytes = (p: string): Uint8Array | undefined => (existsSync(p) && statSync(p).isFile() ? new Uint8Array(readFileSync(p)) : undefined);

/** Compile `file` (or `opts.text` in its place) with what a Session needs to run it. */
export async function loadProgram(file: string, opts: LoadOptions = {}): Promise<LoadedProgram> {
  const parser = await hostParser(opts.wasmDir);
  // program.ts speaks POSIX paths; node on Windows reads them with "/" as well.
  const posix = process.platform === "win32" ? file.replace(/\\/g, "/") : file;
  return programFrom(parser, posix, opts.text ?? readFileSync(file, "utf8"), readBytes);
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
