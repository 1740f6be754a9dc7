// Compile a C file the way the fidelity harness needs it: debug info that binutils'
// addr2line reads correctly (DWARF 4: gcc 12's default DWARF 5 is misread), no
// optimisation so every call sits on its own line, and our csapp.c when the file uses it.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Compiled {
  /** The executable, inside `dir`. */
  exe: string;
  /** Absolute path of the program's own .c file: syscalls are attributed to its lines. */
  source: string;
  /** Absolute paths of every .c compiled in (the program and csapp.c). */
  sources: string[];
  dir: string;
  /** Remove the temporary directory. */
  dispose(): void;
}

export const CFLAGS = ["-g", "-gdwarf-4", "-O0", "-Wall"];

/** The csapp.c that goes with a file including "csapp.h": next to it, else in examples/. */
export function findCsapp(source: string, examplesDir?: string): string | undefined {
  const candidates = [join(dirname(source), "csapp.c")];
  if (examplesDir) candidates.push(join(examplesDir, "csapp.c"));
  return candidates.find((p) => existsSync(p));
}

export function usesCsapp(text: string): boolean {
  return /^\s*#\s*include\s+"csapp\.h"/m.test(text);
}

export async function compile(file: string, opts: { examplesDir?: string } = {}): Promise<Compiled> {
  const source = resolve(file);
  const text = readFileSync(source, "utf8");
  const sources = [source];
  const include: string[] = [];
  if (usesCsapp(text)) {
    const csapp = findCsapp(source, opts.examplesDir);
    if (!csapp) throw new Error(`${basename(source)} includes "csapp.h" but no csapp.c was found next to it`);
    sources.push(csapp);
    include.push("-I", dirname(csapp));
  }
  const dir = mkdtempSync(join(tmpdir(), "forklab-fid-"));
  const exe = join(dir, basename(source).replace(/\.c$/, ""));
  try {
    // From the program's folder by its own name, as a learner runs gcc: __FILE__ (assert's
    // message) is "prog.c", as the model has it.
    const named = sources.map((f) => (dirname(f) === dirname(source) ? basename(f) : f));
    await run("gcc", [...CFLAGS, ...include, "-o", exe, ...named, "-lpthread", "-lm"], { timeout: 60000, cwd: dirname(source) });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    throw new Error(`gcc failed for ${basename(source)}:\n${e.stderr ?? e.message}`);
  }
  return { exe, source, sources, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
