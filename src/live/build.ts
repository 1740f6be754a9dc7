// Compiling an example for a real run: find the compiler, add csapp.c when the example
// includes csapp.h, and say plainly what went wrong. The compiler's own messages go to
// the caller untouched (VS Code's $gcc problem matcher reads them from the terminal).
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The compiler's absolute path, or undefined when it is not installed. */
export function findCompiler(compiler: string, path = process.env.PATH ?? ""): string | undefined {
  const runnable = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (compiler.includes("/")) return runnable(resolve(compiler)) ? resolve(compiler) : undefined;
  return path.split(delimiter).filter(Boolean).map((d) => join(d, compiler)).find(runnable);
}

export function noCompilerMessage(compiler: string): string {
  return `No C compiler: '${compiler}' was not found${compiler.includes("/") ? "" : " on PATH"}. Install one ` +
    "(Debian/Ubuntu: sudo apt install build-essential; Fedora: sudo dnf install gcc; macOS: xcode-select --install) " +
    "or set the setting forklab.compiler to its full path.";
}

/** Where the binary for an example goes: a build/ folder beside the source. */
export function binaryPath(source: string): string {
  return join(dirname(source), "build", basename(source).replace(/\.c$/, ""));
}

/** The C files to compile: the example, plus csapp.c beside it when it includes csapp.h. */
export function sourcesFor(source: string): string[] {
  const files = [source];
  const csapp = join(dirname(source), "csapp.c");
  if (/#\s*include\s*"csapp\.h"/.test(readFileSync(source, "latin1")) && existsSync(csapp) && csapp !== source) files.push(csapp);
  return files;
}

/** A path as cc must see it: a name that starts with "-" as ./name, so a file named
 *  -fdump-tree-all.c is a file and never an option (cc has no "--" to end its options). */
export function ccOperand(path: string): string {
  return path.startsWith("-") ? `./${path}` : path;
}

/** The compiler's arguments: debug info, warnings, no optimisation (the run should match the model). */
export function compileArgs(sources: string[], out: string): string[] {
  return ["-g", "-O0", "-Wall", "-o", ccOperand(out), ...sources.map(ccOperand), "-lpthread", "-lm"];
}

/** True when out exists and is newer than every source and header beside them. */
export function upToDate(sources: string[], out: string): boolean {
  if (!existsSync(out)) return false;
  const built = statSync(out).mtimeMs;
  const inputs = [...sources, ...sources.map((s) => join(dirname(s), "csapp.h")).filter(existsSync)];
  return inputs.every((s) => statSync(s).mtimeMs <= built);
}

export interface BuildResult {
  ok: boolean;
  binary: string;
  /** One line for the learner: what happened and what to do. */
  message: string;
}

/**
 * Compiles source into workspace/.forklab/bin. stdio "inherit" passes the compiler's
 * diagnostics through (for the terminal and its problem matcher); "pipe" collects them.
 */
export async function buildExample(opts: {
  source: string; workspace: string; compiler?: string; stdio?: "inherit" | "pipe"; out?: string;
}): Promise<BuildResult & { diagnostics: string }> {
  const compiler = opts.compiler || "cc";
  const source = isAbsolute(opts.source) ? opts.source : resolve(opts.workspace, opts.source);
  const binary = opts.out ?? binaryPath(source);
  if (!existsSync(source)) return { ok: false, binary, message: `no such file: ${source}`, diagnostics: "" };
  const cc = findCompiler(compiler);
  if (!cc) return { ok: false, binary, message: noCompilerMessage(compiler), diagnostics: "" };
  mkdirSync(dirname(binary), { recursive: true });
  // Paths relative to the workspace folder: VS Code's $gcc matcher resolves them from there.
  const rel = (p: string): string => (relative(opts.workspace, p).startsWith("..") ? p : relative(opts.workspace, p));
  const args = compileArgs(sourcesFor(source).map(rel), binary);
  return new Promise((done) => {
    const child = spawn(cc, args, { cwd: opts.workspace, stdio: ["ignore", opts.stdio ?? "pipe", opts.stdio ?? "pipe"] });
    let diagnostics = "";
    child.stdout?.on("data", (d: Buffer) => { diagnostics += d.toString(); });
    child.stderr?.on("data", (d: Buffer) => { diagnostics += d.toString(); });
    child.on("error", (e) => done({ ok: false, binary, message: `${compiler}: ${e.message}`, diagnostics }));
    child.on("close", (code) => {
      if (code === 0) done({ ok: true, binary, message: `built ${binary}`, diagnostics });
      else done({ ok: false, binary, message: `${basename(source)} did not compile (${compiler} exited with ${code}): the errors are in the Problems panel`, diagnostics });
    });
  });
}
