// From tree-sitter's C syntax tree to flat instruction lists (src/c/program.ts). Each
// statement starts with a LINE marker so the VM can step by source line. Everything the
// compiler does not handle becomes a diagnostic with line and column, plus an UNSUPPORTED
// instruction so that the program still loads and stops with the message if it gets there.
//
// The parts, one concept each: context.ts (shared state), data.ts (static data and
// initialisers), declarations.ts (types and declarations), typing.ts (the type pass),
// expressions.ts, statements.ts. Two passes: every top-level declaration first, so that
// a function may call one defined further down, then the function bodies.
import { DATA_BASE } from "../memory";
import type { Builtin } from "../ctl";
import type { Program } from "../program";
import type { SourceTree } from "./context";
import { Statements } from "./statements";
import { dataZones } from "../arraycheck";
import type { Undeclared } from "../includes";

export type { SourceTree } from "./context";

/** Compile the trees against a table of built-in functions: a call to one becomes a
 *  BUILTIN instruction with its index, and the program carries the table for the machine.
 *  `undeclared` says which system names the program's includes leave undeclared. */
export function compileProgram(file: string, trees: SourceTree[], builtins: readonly Builtin[], source: string,
  undeclared?: (name: string) => Undeclared | undefined): Program {
  return new Compiler(file, builtins.map((b) => b.name), source, undeclared).run(trees, builtins);
}

class Compiler extends Statements {
  run(trees: SourceTree[], builtins: readonly Builtin[]): Program {
    for (const t of trees) {
      this.tree = t;
      for (const n of t.root.namedChildren) if (n) this.guard(() => this.topLevel(n));
    }
    for (const b of this.bodies) {
      this.tree = b.tree;
      this.guard(() => this.functionBody(b.node, b.name));
    }
    const io = (name: string): number => this.globals.get(name)?.addr ?? 0;
    const dataEnd = Math.ceil(this.data / 4096) * 4096 + 4096;
    this.image.map(DATA_BASE, dataEnd, "globals");
    return {
      file: this.file, funcs: this.funcList, funcIndex: new Map(this.funcList.map((f, i) => [f.name, i])), image: this.image,
      stdin: this.image.read64(io("stdin"), false), stdout: this.image.read64(io("stdout"), false), stderr: this.image.read64(io("stderr"), false),
      dataEnd, diagnostics: this.diagnostics, unsupported: this.unsupported, source: this.source, builtins,
      globals: this.userGlobals,
      ...(this.tlsVars.length ? { tls: { size: this.tlsSize, vars: this.tlsVars } } : {}),
      ...(this.dataArrays.length ? { arrays: this.dataArrays, zones: dataZones(this.dataArrays) } : {}),
    };
  }
}
