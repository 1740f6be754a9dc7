// Compiling a C file for the model from files a host supplies: the one place that knows
// where a program's headers, exec targets and data files come from (its own folder), with
// no file system of its own, so the node loader (load.ts, node:fs) and the Web Worker's
// (worker-web.ts, files the editor read through vscode.workspace.fs) share it. Paths are
// POSIX paths ("/dir/file.c"): what node gives on Linux and macOS and what a vscode.Uri's
// fsPath gives on the web.
import type { Parser } from "web-tree-sitter";
import { compileC } from "../c/load";
import type { Diagnostic } from "../c/diagnostic";
import type { Program } from "../c/program";
import { baseOf, dirOf, inside } from "./posix-path";

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

/** A regular file's bytes by path; undefined when there is none. */
export type ReadBytes = (path: string) => Uint8Array | undefined;

const utf8 = new TextDecoder();

/** Compile `file` (its text given) with what a Session needs to run it; everything else it
 *  reads (headers, exec targets, data files) comes through `read`, from the file's folder. */
export function programFrom(parser: Parser, file: string, text: string, read: ReadBytes): LoadedProgram {
  const dir = dirOf(file);
  const readText = (p: string): string | undefined => {
    const bytes = read(p);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  };
  const { program, diagnostics } = compileC(parser, file, text, readText);
  const cache = new Map<string, Program | undefined>();
  const loadTarget = (name: string): Program | undefined => {
    if (!cache.has(name)) {
      const path = inside(dir, `${name}.c`);
      const source = path === undefined ? undefined : readText(path);
      cache.set(name, source === undefined || path === undefined ? undefined : compileC(parser, path, source, readText).program);
    }
    return cache.get(name);
  };
  // Only the program's own folder: no absolute paths, nothing above it.
  const readFile = (p: string): Uint8Array | undefined => {
    const path = inside(dir, p);
    return path === undefined ? undefined : read(path);
  };
  return { name: baseOf(file).replace(/\.c$/, ""), program, diagnostics, loadProgram: loadTarget, readFile };
}
