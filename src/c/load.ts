// Turn a C file into a runnable Program: preprocess, parse every unit (the built-in system
// headers, the built-in csapp library when included, local headers, the file), compile,
// and add the two entry stubs (_start calls main then exit; _thread_start calls a thread
// function then pthread_exit).
import { Parser } from "web-tree-sitter";
import { Diagnostic } from "./diagnostic";
import { ASSERT, Macro, preprocess, ReadFile } from "./preprocess";
import { parseC, Tree } from "./parse";
import { compileProgram, SourceTree } from "./compile";
import { Op, Program } from "./program";
import { BUILTINS, BUILTIN_NAMES } from "./builtins";
import { SYSTEM_HEADERS } from "./headers";
import { SYSTEM_MACROS } from "./constants";
import { undeclaredIn } from "./includes";
import { CSAPP_MACROS, CSAPP_SOURCE } from "./lib/csapp";
import { SHELL_SOURCE, usesShell } from "./lib/shell";
import { SORT_SOURCE, usesSort } from "./lib/sort";

export interface LoadResult {
  program: Program;
  /** Syntax and compile errors and warnings, with line and column. */
  diagnostics: Diagnostic[];
}

function systemMacros(): Map<string, Macro> {
  const m = new Map<string, Macro>();
  for (const [head, body] of SYSTEM_MACROS) {
    const f = /^(\w+)\(([^)]*)\)$/.exec(head);
    if (f) m.set(f[1], { params: f[2].split(",").map((s) => s.trim()), body });
    else m.set(head, { body });
  }
  // Defined without <assert.h> too, so a call without the header is told as such with its
  // arguments as the compiler expects them; <assert.h> sets it again after NDEBUG.
  m.set("assert", ASSERT);
  return m;
}

export function compileC(parser: Parser, file: string, text: string, readFile: ReadFile, opts: { library?: boolean } = {}): LoadResult {
  const pre = preprocess(file, text, readFile, systemMacros(), CSAPP_MACROS);
  const diagnostics: Diagnostic[] = [...pre.diagnostics];
  const trees: SourceTree[] = [];
  const parsed: Tree[] = [];
  const add = (f: string, src: string, user: boolean): void => {
    const { tree, diagnostics: d } = parseC(parser, f, src);
    parsed.push(tree);
    diagnostics.push(...d);
    trees.push({ file: f, root: tree.rootNode, user });
  };
  add("<system headers>", SYSTEM_HEADERS, false);
  if (pre.csapp) add("<csapp>", CSAPP_SOURCE, false);
  if (pre.units.some((u) => usesShell(u.text))) add("<libc shell>", SHELL_SOURCE, false);
  if (pre.units.some((u) => usesSort(u.text))) add("<libc sort>", SORT_SOURCE, false);
  // A library program (a built-in command) has no steppable lines.
  for (const u of pre.units) add(u.file, u.text, !opts.library);
  const headers = pre.csapp ? [...pre.systemHeaders, "csapp.h"] : pre.systemHeaders;
  const program = compileProgram(file, trees, BUILTINS, text, undeclaredIn({ headers, gnu: pre.gnuSource }));
  for (const t of parsed) t.delete();
  diagnostics.push(...program.diagnostics);
  addStubs(program);
  return { program, diagnostics };
}

function addStubs(p: Program): void {
  const main = p.funcIndex.get("main");
  const exit = BUILTIN_NAMES.indexOf("exit");
  const pexit = BUILTIN_NAMES.indexOf("pthread_exit");
  const ins = (op: Op, a = 0, b = 0) => ({ op, a, b, c: 0, line: 0 });
  const stub = (name: string, code: ReturnType<typeof ins>[]) => {
    p.funcIndex.set(name, p.funcs.length);
    p.funcs.push({ name, file: "<stub>", user: false, line: 0, endLine: 0, code, frameSize: 0, params: [], variadic: false });
  };
  stub("_start", main === undefined
    ? [ins(Op.PUSH, 1), ins(Op.BUILTIN, exit, 1)]
    : [ins(Op.CALL, main, 2), ins(Op.BUILTIN, exit, 1)]);
  stub("_thread_start", [ins(Op.CALLI, 0, 1), ins(Op.BUILTIN, pexit, 1)]);
}
