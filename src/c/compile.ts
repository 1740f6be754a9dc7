// From tree-sitter's C syntax tree to flat instruction lists (src/c/program.ts). Each
// statement starts with a LINE marker so the VM can step by source line. Everything the
// compiler does not handle becomes a diagnostic with line and column, plus an UNSUPPORTED
// instruction so that the program still loads and stops with the message if it gets there.
import type { Node } from "./parse";
import { Diagnostic } from "./diagnostic";
import { Memory, TEXT_BASE, BUILTIN_BASE, RODATA_BASE, DATA_BASE, latin1 } from "./memory";
import { Bin, Func, Ins, Op, Param, Program } from "./program";
import {
  CType, K, StructDef, VOID, CHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG, DOUBLE, FLOAT, VOIDP, ptr,
  sizeOf, alignOf, kindOf, isInt, isFloat, isArith, isPtr, isScalar, promote, arithResult, typeName, layout, findField,
} from "./types";
import { intConstant, POINTER_CONSTANTS } from "./constants";

export interface SourceTree {
  file: string;
  root: Node;
  /** User code (steppable lines) or the built-in library. */
  user: boolean;
}

interface Local { off: number; type: CType; }
interface Global { addr: number; type: CType; }
interface FuncInfo { type: Extract<CType, { k: "func" }>; index?: number; builtin?: number; defined: boolean; }

class CompileError extends Error {
  constructor(readonly node: Node, msg: string) { super(msg); }
}

const BIN_OPS: Record<string, Bin> = {
  "+": Bin.ADD, "-": Bin.SUB, "*": Bin.MUL, "/": Bin.DIV, "%": Bin.MOD, "<<": Bin.SHL, ">>": Bin.SHR,
  "&": Bin.AND, "|": Bin.OR, "^": Bin.XOR, "<": Bin.LT, "<=": Bin.LE, ">": Bin.GT, ">=": Bin.GE, "==": Bin.EQ, "!=": Bin.NE,
};

const PRIMITIVES: Record<string, CType> = {
  void: VOID, char: CHAR, short: SHORT, int: INT, long: LONG, float: FLOAT, double: DOUBLE, bool: UCHAR, _Bool: UCHAR,
  size_t: ULONG, ssize_t: LONG, ptrdiff_t: LONG, intptr_t: LONG, uintptr_t: ULONG,
  int8_t: { k: "int", size: 1, signed: true }, uint8_t: UCHAR, int16_t: SHORT, uint16_t: USHORT,
  int32_t: INT, uint32_t: UINT, int64_t: LONG, uint64_t: ULONG, char16_t: USHORT, char32_t: UINT,
};

export function compileProgram(file: string, trees: SourceTree[], builtinNames: string[], source: string): Program {
  return new Compiler(file, builtinNames, source).run(trees);
}

class Compiler {
  readonly image = new Memory();
  private rodata = RODATA_BASE;
  private data = DATA_BASE;
  private typedefs = new Map<string, CType>();
  private structs = new Map<string, StructDef>();
  private enums = new Map<string, number>();
  private globals = new Map<string, Global>();
  private funcs = new Map<string, FuncInfo>();
  private strings = new Map<string, number>();
  private builtinIndex: Map<string, number>;
  private funcList: Func[] = [];
  private bodies: Array<{ node: Node; name: string; tree: SourceTree }> = [];
  diagnostics: Diagnostic[] = [];
  unsupported: Diagnostic[] = [];

  // The function being compiled.
  private code: Ins[] = [];
  private scopes: Array<Map<string, Local | Global>> = [];
  private frame = 0;
  private line = 0;
  private tree!: SourceTree;
  private fnType!: Extract<CType, { k: "func" }>;
  private breaks: number[][] = [];
  private continues: number[][] = [];
  private labels = new Map<string, number>();
  private gotos: Array<{ at: number; label: string; node: Node }> = [];
  private anon = 0;

  constructor(private file: string, builtinNames: string[], private source: string) {
    this.builtinIndex = new Map(builtinNames.map((n, i) => [n, i]));
    this.image.map(RODATA_BASE, DATA_BASE, "rodata (string literals)");
  }

  run(trees: SourceTree[]): Program {
    for (const t of trees) {
      this.tree = t;
      for (const n of t.root.namedChildren) if (n) this.guard(n, () => this.topLevel(n));
    }
    for (const b of this.bodies) {
      this.tree = b.tree;
      this.guard(b.node, () => this.functionBody(b.node, b.name));
    }
    const io = (name: string): number => this.globals.get(name)?.addr ?? 0;
    const dataEnd = Math.ceil(this.data / 4096) * 4096 + 4096;
    this.image.map(DATA_BASE, dataEnd, "globals");
    return {
      file: this.file, funcs: this.funcList, funcIndex: new Map(this.funcList.map((f, i) => [f.name, i])), image: this.image,
      stdin: this.image.read64(io("stdin"), false), stdout: this.image.read64(io("stdout"), false), stderr: this.image.read64(io("stderr"), false),
      dataEnd, diagnostics: this.diagnostics, unsupported: this.unsupported, source: this.source,
    };
  }

  private diag(node: Node, message: string, severity: "error" | "warning" = "error"): Diagnostic {
    const d = { file: this.tree.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, severity, message };
    this.diagnostics.push(d);
    return d;
  }

  private guard(node: Node, f: () => void): void {
    try { f(); } catch (e) {
      if (e instanceof CompileError) this.failHere(e.node, e.message);
      else throw e;
    }
    void node;
  }

  /** Record a diagnostic; code reaching this point stops with it. */
  private failHere(node: Node, message: string): void {
    const d = this.diag(node, message);
    this.unsupported.push(d);
    if (this.code) this.emit(Op.UNSUPPORTED, this.unsupported.length - 1);
  }

  private err(node: Node, msg: string): never {
    throw new CompileError(node, msg);
  }

  // ---------------------------------------------------------------- static memory

  private allocData(size: number, align: number): number {
    this.data = Math.ceil(this.data / Math.max(align, 1)) * Math.max(align, 1);
    const a = this.data;
    this.data += Math.max(size, 1);
    // Map the pages as they fill, so the image can be written before the final size is known.
    this.image.map(a, a + Math.max(size, 1), "globals");
    return a;
  }

  private intern(s: string): number {
    let a = this.strings.get(s);
    if (a === undefined) {
      a = this.rodata;
      this.image.writeBytes(a, latin1(s + "\0"));
      this.rodata += s.length + 1;
      this.strings.set(s, a);
    }
    return a;
  }

  // ---------------------------------------------------------------- types

  private baseType(spec: Node | null, owner: Node): CType {
    if (!spec) return INT;
    switch (spec.type) {
      case "primitive_type": {
        const t = PRIMITIVES[spec.text];
        if (!t) this.err(spec, `type '${spec.text}' is not supported`);
        return t;
      }
      case "sized_type_specifier": {
        const words = spec.children.filter((c): c is Node => !!c).map((c) => c.text);
        const inner = spec.childForFieldName("type")?.text;
        const unsigned = words.includes("unsigned");
        if (inner === "double") return DOUBLE;
        if (inner === "char") return unsigned ? UCHAR : { k: "int", size: 1, signed: true };
        const size = words.includes("short") ? 2 : words.includes("long") ? 8 : 4;
        return { k: "int", size, signed: !unsigned } as CType;
      }
      case "type_identifier": {
        const t = this.typedefs.get(spec.text);
        if (!t) this.err(spec, `unknown type name '${spec.text}'`);
        return t;
      }
      case "struct_specifier":
      case "union_specifier":
        return this.structType(spec);
      case "enum_specifier":
        this.enumType(spec);
        return INT;
      case "macro_type_specifier":
        this.err(spec, `macro type '${spec.text}' is not supported`);
    }
    void owner;
    return this.err(spec, `type '${spec.type}' is not supported`);
  }

  private structType(spec: Node): CType {
    const union = spec.type === "union_specifier";
    const nameNode = spec.childForFieldName("name");
    const body = spec.childForFieldName("body");
    const tag = nameNode?.text ?? `<anonymous ${++this.anon}>`;
    const key = (union ? "union " : "struct ") + tag;
    let def = nameNode ? this.structs.get(key) : undefined;
    if (!def || (body && def.complete && this.scopes.length)) {
      def = { tag, union, fields: [], size: 0, align: 1, complete: false };
      if (nameNode) this.structs.set(key, def);
    }
    if (body) {
      const fields: Array<{ name: string; type: CType }> = [];
      for (const fd of body.namedChildren) {
        if (!fd || fd.type !== "field_declaration") continue;
        const base = this.baseType(fd.childForFieldName("type"), fd);
        const decls = fd.childrenForFieldName("declarator");
        if (fd.namedChildren.some((c) => c?.type === "bitfield_clause")) this.err(fd, "bit-fields are not supported");
        if (decls.length === 0) fields.push({ name: "", type: base });
        for (const d of decls) {
          if (!d) continue;
          const { name, type } = this.declarator(base, d);
          fields.push({ name, type });
        }
      }
      layout(def, fields);
    }
    return { k: "struct", def };
  }

  private enumType(spec: Node): void {
    const body = spec.childForFieldName("body");
    if (!body) return;
    let next = 0;
    for (const e of body.namedChildren) {
      if (!e || e.type !== "enumerator") continue;
      const v = e.childForFieldName("value");
      if (v) next = this.constValue(v);
      this.enums.set(e.childForFieldName("name")!.text, next);
      next++;
    }
  }

  /** Apply a declarator to a base type: returns the declared name and full type. */
  private declarator(base: CType, d: Node | null): { name: string; type: CType; node: Node | null } {
    if (!d) return { name: "", type: base, node: null };
    switch (d.type) {
      case "identifier":
      case "field_identifier":
      case "type_identifier":
      case "primitive_type":
        return { name: d.text, type: base, node: d };
      case "pointer_declarator":
      case "abstract_pointer_declarator":
        return this.declarator(ptr(base), d.childForFieldName("declarator"));
      case "array_declarator":
      case "abstract_array_declarator": {
        const size = d.childForFieldName("size");
        const len = size ? this.constValue(size) : null;
        return this.declarator({ k: "array", of: base, len }, d.childForFieldName("declarator"));
      }
      case "function_declarator":
      case "abstract_function_declarator": {
        const fn = this.funcType(base, d.childForFieldName("parameters"));
        return this.declarator(fn, d.childForFieldName("declarator"));
      }
      case "parenthesized_declarator":
      case "abstract_parenthesized_declarator":
        return this.declarator(base, d.namedChildren.find((c) => c && c.type !== "type_qualifier") ?? null);
      case "init_declarator":
        return this.declarator(base, d.childForFieldName("declarator"));
      case "attributed_declarator":
        return this.declarator(base, d.namedChildren[0]);
    }
    return this.err(d, `declarator '${d.type}' is not supported`);
  }

  private funcType(ret: CType, params: Node | null): Extract<CType, { k: "func" }> {
    const out: CType[] = [];
    let variadic = false;
    const list = params?.namedChildren ?? [];
    for (const p of list) {
      if (!p) continue;
      if (p.type === "variadic_parameter") { variadic = true; continue; }
      if (p.type !== "parameter_declaration") continue;
      const t = this.paramType(p).type;
      if (t.k === "void" && !p.childForFieldName("declarator")) continue;
      out.push(t);
    }
    if (params?.text.includes("...")) variadic = true;
    return { k: "func", ret, params: out, variadic, noProto: list.length === 0 && params?.text.replace(/\s/g, "") === "()" };
  }

  private paramType(p: Node): { name: string; type: CType } {
    const base = this.baseType(p.childForFieldName("type"), p);
    const { name, type } = this.declarator(base, p.childForFieldName("declarator"));
    // Parameters of array or function type are pointers.
    if (type.k === "array") return { name, type: ptr(type.of) };
    if (type.k === "func") return { name, type: ptr(type) };
    return { name, type };
  }

  private typeDescriptor(td: Node): CType {
    const base = this.baseType(td.childForFieldName("type"), td);
    return this.declarator(base, td.childForFieldName("declarator")).type;
  }

  // ---------------------------------------------------------------- top level

  private topLevel(n: Node): void {
    this.line = n.startPosition.row + 1;
    switch (n.type) {
      case "function_definition": {
        const base = this.baseType(n.childForFieldName("type"), n);
        const { name, type } = this.declarator(base, n.childForFieldName("declarator"));
        if (type.k !== "func") this.err(n, "function definition without a function type");
        this.declareFunc(name, type, true);
        this.bodies.push({ node: n, name, tree: this.tree });
        return;
      }
      case "declaration":
        return this.declaration(n, true);
      case "type_definition":
        return this.typedef(n);
      case "struct_specifier":
      case "union_specifier":
      case "enum_specifier":
        this.baseType(n, n);
        return;
      case "expression_statement":
        if (n.text.trim() === ";") return;
        break;
      case "comment":
      case "preproc_call":
        return;
      case "ERROR":
        return;
    }
    this.err(n, `'${n.type}' at top level is not supported`);
  }

  private typedef(n: Node): void {
    const base = this.baseType(n.childForFieldName("type"), n);
    for (const d of n.childrenForFieldName("declarator")) {
      if (!d) continue;
      const { name, type } = this.declarator(base, d);
      this.typedefs.set(name, type);
    }
  }

  private declareFunc(name: string, type: Extract<CType, { k: "func" }>, define: boolean): void {
    let info = this.funcs.get(name);
    if (!info) {
      info = { type, defined: false };
      const b = this.builtinIndex.get(name);
      if (b !== undefined) info.builtin = b;
      this.funcs.set(name, info);
    } else if (!type.noProto) info.type = type;
    if (define) {
      if (info.defined) return;
      info.defined = true;
      info.index = this.funcList.length;
      this.funcList.push({ name, file: this.tree.file, user: this.tree.user, line: this.line, endLine: this.line, code: [], frameSize: 0, params: [], variadic: type.variadic });
    }
  }

  private declaration(n: Node, global: boolean): void {
    const specText = n.children.filter((c) => c?.type === "storage_class_specifier").map((c) => c!.text);
    const isStatic = specText.includes("static");
    const isExtern = specText.includes("extern");
    const base = this.baseType(n.childForFieldName("type"), n);
    for (const d of n.childrenForFieldName("declarator")) {
      if (!d) continue;
      const decl = this.declarator(base, d);
      const name = decl.name;
      let type = decl.type;
      const init = d.type === "init_declarator" ? d.childForFieldName("value") : null;
      if (type.k === "func") { this.declareFunc(name, type, false); continue; }
      if (type.k === "array" && type.len === null && init) type = { ...type, len: this.initLength(type, init) };
      if (global || isStatic) {
        if (!global && isStatic) {
          const g = this.staticVar(type, init);
          this.scopes[this.scopes.length - 1].set(name, g);
          continue;
        }
        const old = this.globals.get(name);
        if (old) { if (init) this.staticInit(old.addr, type, init); continue; }
        if (name === "stdin" || name === "stdout" || name === "stderr") { this.stdStream(name, type); continue; }
        if (isExtern && !init && this.tree.user === false && name !== "errno") { this.globals.set(name, this.staticVar(type, null)); continue; }
        this.globals.set(name, this.staticVar(type, init));
        continue;
      }
      if (isExtern) continue;
      this.local(name, type, init, d);
    }
  }

  private stdStream(name: string, type: CType): void {
    const fd = { stdin: 0, stdout: 1, stderr: 2 }[name]!;
    const file = this.allocData(16, 8);
    this.image.writeU(file, 4, fd);
    this.image.writeU(file + 4, 4, fd + 1);
    const g = this.staticVar(type, null);
    this.image.write64(g.addr, file);
    this.globals.set(name, g);
  }

  private staticVar(type: CType, init: Node | null): Global {
    if (type.k === "array" && type.len === null) type = { ...type, len: 0 };
    const addr = this.allocData(sizeOf(type), alignOf(type));
    if (init) this.staticInit(addr, type, init);
    return { addr, type };
  }

  private initLength(type: Extract<CType, { k: "array" }>, init: Node): number {
    if (init.type === "initializer_list") {
      let n = 0, i = 0;
      for (const c of init.namedChildren) {
        if (!c || c.type === "comment") continue;
        if (c.type === "initializer_pair") {
          const des = c.childrenForFieldName("designator")[0];
          if (des?.type === "subscript_designator") i = this.constValue(des.namedChildren[0]!);
        }
        i++;
        n = Math.max(n, i);
      }
      return n;
    }
    const s = this.stringLiteral(init);
    if (s !== undefined && type.of.k === "int" && type.of.size === 1) return s.length + 1;
    return this.err(init, "cannot infer the array's length from this initializer");
  }

  /** Initialise static storage at compile time (constant expressions only). */
  private staticInit(addr: number, type: CType, init: Node): void {
    if (type.k === "array") {
      const s = this.stringLiteral(init);
      if (s !== undefined && type.of.k === "int" && type.of.size === 1) {
        this.image.writeBytes(addr, latin1(s.slice(0, type.len ?? s.length + 1)));
        return;
      }
      if (init.type !== "initializer_list") this.err(init, "array initializer must be a list in braces");
      this.eachInit(type, init, (off, t, v) => this.staticInit(addr + off, t, v));
      return;
    }
    if (type.k === "struct") {
      if (init.type !== "initializer_list") this.err(init, "struct initializer must be a list in braces");
      this.eachInit(type, init, (off, t, v) => this.staticInit(addr + off, t, v));
      return;
    }
    if (init.type === "initializer_list") {
      const first = init.namedChildren.find((c) => c && c.type !== "comment");
      if (first) this.staticInit(addr, type, first);
      return;
    }
    const v = this.constValue(init);
    const k = kindOf(type);
    if (k >= K.F32) this.image.writeF(addr, sizeOf(type), v);
    else if (sizeOf(type) === 8) this.image.write64(addr, v);
    else this.image.writeU(addr, sizeOf(type), v < 0 ? v + 2 ** (8 * sizeOf(type)) : v);
  }

  /** Walk an initializer list: calls f(offset, elementType, node) for each element. */
  private eachInit(type: CType, list: Node, f: (off: number, t: CType, v: Node) => void): void {
    let i = 0;
    for (const c of list.namedChildren) {
      if (!c || c.type === "comment") continue;
      let v = c;
      if (c.type === "initializer_pair") {
        const des = c.childrenForFieldName("designator")[0];
        v = c.childForFieldName("value")!;
        if (des?.type === "field_designator" && type.k === "struct") {
          const idx = type.def.fields.findIndex((fl) => fl.name === des.text.replace(/^\./, ""));
          if (idx < 0) this.err(des, `no field ${des.text} in ${typeName(type)}`);
          i = idx;
        } else if (des?.type === "subscript_designator") i = this.constValue(des.namedChildren[0]!);
        else this.err(c, "this designator is not supported");
      }
      if (type.k === "array") {
        if (type.len !== null && i >= type.len) { this.diag(c, "excess elements in array initializer", "warning"); return; }
        f(i * sizeOf(type.of), type.of, v);
      } else if (type.k === "struct") {
        const fl = type.def.fields[i];
        if (!fl) { this.diag(c, "excess elements in struct initializer", "warning"); return; }
        f(fl.offset, fl.type, v);
        if (type.def.union) return;
      }
      i++;
    }
  }

  private stringLiteral(n: Node): string | undefined {
    if (n.type === "string_literal") return this.stringText(n);
    if (n.type === "concatenated_string") return n.namedChildren.filter((c) => c?.type === "string_literal").map((c) => this.stringText(c!)).join("");
    if (n.type === "parenthesized_expression") return this.stringLiteral(n.namedChildren[0]!);
    return undefined;
  }

  private stringText(n: Node): string {
    let s = "";
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === "string_content") s += c.text;
      else if (c.type === "escape_sequence") s += unescape(c.text);
    }
    return s;
  }

  /** A constant expression's value (for array sizes, enums, case labels, static initialisers). */
  private constValue(n: Node): number {
    const saved = { code: this.code };
    this.code = [];
    try {
      const t = this.expr(n);
      const v = this.foldConst(this.code, n);
      return isFloat(t) ? v : v;
    } finally {
      this.code = saved.code;
    }
  }

  /** Evaluate straight-line code with no memory access, calls or jumps. */
  private foldConst(code: Ins[], n: Node): number {
    const st: number[] = [];
    for (const ins of code) {
      switch (ins.op) {
        case Op.PUSH: st.push(ins.a); break;
        case Op.BIN: { const b = st.pop()!, a = st.pop()!; st.push(binop(ins.a, ins.b, a, b)); break; }
        case Op.NEG: st.push(wrapK(-st.pop()!, ins.b)); break;
        case Op.BNOT: st.push(wrapK(~st.pop()!, ins.b)); break;
        case Op.LNOT: st.push(st.pop() ? 0 : 1); break;
        case Op.CONV: st.push(convertK(st.pop()!, ins.a, ins.b)); break;
        case Op.POP: st.pop(); break;
        case Op.LINE: break;
        default: this.err(n, "not a constant expression");
      }
    }
    return st.pop() ?? 0;
  }

  // ---------------------------------------------------------------- functions

  private emit(op: Op, a = 0, b = 0, c = 0): number {
    this.code.push({ op, a, b, c, line: this.line });
    return this.code.length - 1;
  }

  private here(): number { return this.code.length; }
  private patch(at: number): void { this.code[at].a = this.code.length; }

  private lineOf(n: Node): number { return n.startPosition.row + 1; }

  private stmtLine(n: Node): void {
    this.line = this.lineOf(n);
    this.emit(Op.LINE, this.line);
  }

  private allocLocal(type: CType): number {
    const a = Math.max(alignOf(type), 1);
    this.frame = Math.ceil(this.frame / a) * a;
    const off = this.frame;
    this.frame += Math.max(sizeOf(type), 1);
    return off;
  }

  private functionBody(n: Node, name: string): void {
    const info = this.funcs.get(name)!;
    const fn = this.funcList[info.index!];
    this.code = fn.code;
    this.fnType = info.type;
    this.scopes = [new Map()];
    this.frame = 0;
    this.labels = new Map();
    this.gotos = [];
    this.line = this.lineOf(n);
    fn.line = this.line;
    fn.endLine = n.endPosition.row + 1;
    // Parameters.
    let fd = n.childForFieldName("declarator");
    while (fd && fd.type !== "function_declarator") fd = fd.childForFieldName("declarator");
    const params: Param[] = [];
    for (const p of fd?.childForFieldName("parameters")?.namedChildren ?? []) {
      if (!p || p.type !== "parameter_declaration") continue;
      const { name: pname, type } = this.paramType(p);
      if (type.k === "void") continue;
      const off = this.allocLocal(type);
      params.push(type.k === "struct" ? { offset: off, kind: K.U64, copy: sizeOf(type) } : { offset: off, kind: kindOf(type) });
      if (pname) this.scopes[0].set(pname, { off, type });
    }
    fn.params = params;
    const body = n.childForFieldName("body")!;
    this.guard(body, () => this.statement(body));
    for (const g of this.gotos) {
      const t = this.labels.get(g.label);
      if (t === undefined) { this.line = this.lineOf(g.node); this.failHere(g.node, `label '${g.label}' is not defined`); }
      else this.code[g.at].a = t;
    }
    // Falling off the end: stop on the closing brace, then return 0 (main) or nothing.
    this.line = fn.endLine;
    this.emit(Op.LINE, fn.endLine);
    this.emit(Op.PUSH, 0);
    this.emit(Op.RET, 1);
    fn.frameSize = Math.ceil(this.frame / 16) * 16;
  }

  // ---------------------------------------------------------------- statements

  private statement(n: Node): void {
    this.guard(n, () => this.stmt(n));
  }

  private stmt(n: Node): void {
    switch (n.type) {
      case "compound_statement": {
        this.scopes.push(new Map());
        for (const c of n.namedChildren) if (c) this.statement(c);
        this.scopes.pop();
        return;
      }
      case "declaration":
        return this.declaration(n, false);
      case "type_definition":
        return this.typedef(n);
      case "struct_specifier": case "union_specifier": case "enum_specifier":
        this.baseType(n, n);
        return;
      case "expression_statement": {
        const e = n.namedChildren.find((c) => c && c.type !== "comment");
        if (!e) return;
        this.stmtLine(n);
        this.expr(e);
        this.emit(Op.POP);
        return;
      }
      case "comment":
        return;
      case "if_statement": {
        this.stmtLine(n);
        this.cond(n.childForFieldName("condition")!);
        const jz = this.emit(Op.JZ);
        this.statement(n.childForFieldName("consequence")!);
        const alt = n.childForFieldName("alternative");
        if (alt) {
          const jmp = this.emit(Op.JMP);
          this.patch(jz);
          const body = alt.type === "else_clause" ? alt.namedChildren.find((c) => c && c.type !== "comment")! : alt;
          this.statement(body);
          this.patch(jmp);
        } else this.patch(jz);
        return;
      }
      case "while_statement": {
        const top = this.here();
        this.stmtLine(n);
        this.cond(n.childForFieldName("condition")!);
        const jz = this.emit(Op.JZ);
        this.loopBody(n.childForFieldName("body")!, top);
        this.emit(Op.JMP, top);
        this.patch(jz);
        this.endLoop();
        return;
      }
      case "do_statement": {
        const top = this.here();
        this.breaks.push([]);
        this.continues.push([]);
        this.statement(n.childForFieldName("body")!);
        const cont = this.here();
        const c = n.childForFieldName("condition")!;
        this.stmtLine(c);
        this.cond(c);
        this.emit(Op.JNZ, top);
        for (const j of this.continues.pop()!) this.code[j].a = cont;
        for (const j of this.breaks.pop()!) this.patch(j);
        return;
      }
      case "for_statement": {
        this.scopes.push(new Map());
        const init = n.childForFieldName("initializer");
        if (init) {
          if (init.type === "declaration") this.declaration(init, false);
          else { this.stmtLine(n); this.expr(init); this.emit(Op.POP); }
        }
        const top = this.here();
        const cond = n.childForFieldName("condition");
        let jz = -1;
        this.stmtLine(n);
        if (cond) { this.cond(cond); jz = this.emit(Op.JZ); }
        this.breaks.push([]);
        this.continues.push([]);
        this.statement(n.childForFieldName("body")!);
        const cont = this.here();
        const upd = n.childForFieldName("update");
        if (upd) { this.stmtLine(n); this.expr(upd); this.emit(Op.POP); }
        this.emit(Op.JMP, top);
        if (jz >= 0) this.patch(jz);
        for (const j of this.continues.pop()!) this.code[j].a = cont;
        for (const j of this.breaks.pop()!) this.patch(j);
        this.scopes.pop();
        return;
      }
      case "return_statement": {
        this.stmtLine(n);
        const e = n.namedChildren.find((c) => c && c.type !== "comment");
        if (e) {
          const t = this.expr(e);
          if (this.fnType.ret.k === "struct") this.err(e, "returning a struct by value is not supported");
          if (this.fnType.ret.k !== "void") this.convert(t, this.fnType.ret, e);
        } else this.emit(Op.PUSH, 0);
        this.emit(Op.RET, 1);
        return;
      }
      case "break_statement": {
        this.stmtLine(n);
        const b = this.breaks[this.breaks.length - 1];
        if (!b) this.err(n, "break outside a loop or switch");
        b.push(this.emit(Op.JMP));
        return;
      }
      case "continue_statement": {
        this.stmtLine(n);
        const c = this.continues[this.continues.length - 1];
        if (!c) this.err(n, "continue outside a loop");
        c.push(this.emit(Op.JMP));
        return;
      }
      case "switch_statement":
        return this.switchStmt(n);
      case "labeled_statement": {
        this.labels.set(n.childForFieldName("label")!.text, this.here());
        const s = n.namedChildren.filter((c) => c && c.type !== "statement_identifier" && c.type !== "comment");
        for (const c of s) this.statement(c!);
        return;
      }
      case "goto_statement": {
        this.stmtLine(n);
        this.gotos.push({ at: this.emit(Op.JMP), label: n.childForFieldName("label")!.text, node: n });
        return;
      }
      case "case_statement":
        this.err(n, "case label outside the switch's own braces is not supported");
    }
    this.err(n, `statement '${n.type}' is not supported`);
  }

  private loopBody(body: Node, cont: number): void {
    this.breaks.push([]);
    this.continues.push([]);
    this.statement(body);
    for (const j of this.continues[this.continues.length - 1]) this.code[j].a = cont;
  }

  private endLoop(): void {
    this.continues.pop();
    for (const j of this.breaks.pop()!) this.patch(j);
  }

  private switchStmt(n: Node): void {
    this.stmtLine(n);
    const t = promote(this.expr(n.childForFieldName("condition")!));
    const kind = kindOf(t);
    const tmp = this.allocLocal(LONG);
    this.emit(Op.LOCAL, tmp);
    this.emit(Op.SWAP);
    this.emit(Op.STORE, K.I64);
    this.emit(Op.POP);
    const body = n.childForFieldName("body")!;
    const cases = body.namedChildren.filter((c): c is Node => c?.type === "case_statement");
    const jumps: number[] = [];
    let dflt = -1;
    cases.forEach((c, i) => {
      const v = c.childForFieldName("value");
      if (!v) { dflt = i; jumps.push(-1); return; }
      this.emit(Op.LOCAL, tmp);
      this.emit(Op.LOAD, K.I64);
      this.emit(Op.PUSH, this.constValue(v));
      this.emit(Op.BIN, Bin.EQ, kind === K.U64 || kind === K.I64 ? K.I64 : K.I64);
      jumps.push(this.emit(Op.JNZ));
    });
    const toDefault = this.emit(Op.JMP);
    this.breaks.push([]);
    this.scopes.push(new Map());
    let ci = 0;
    for (const c of body.namedChildren) {
      if (!c) continue;
      if (c.type !== "case_statement") { this.statement(c); continue; }
      const i = ci++;
      if (i === dflt) this.patch(toDefault);
      else this.patch(jumps[i]);
      const value = c.childForFieldName("value");
      for (const s of c.namedChildren) {
        if (!s || (value && s.startIndex === value.startIndex && s.type === value.type) || s.type === "comment") continue;
        this.statement(s);
      }
    }
    this.scopes.pop();
    if (dflt < 0) this.patch(toDefault);
    for (const j of this.breaks.pop()!) this.patch(j);
  }

  private local(name: string, type: CType, init: Node | null, d: Node): void {
    if (type.k === "array" && type.len === null) this.err(d, `array '${name}' needs a size`);
    if (type.k === "void") this.err(d, `variable '${name}' has type void`);
    const off = this.allocLocal(type);
    const loc = { off, type };
    if (init) {
      this.stmtLine(d);
      this.initLocal(off, type, init);
    }
    this.scopes[this.scopes.length - 1].set(name, loc);
  }

  private initLocal(off: number, type: CType, init: Node): void {
    if (type.k === "array" || type.k === "struct") {
      const s = this.stringLiteral(init);
      if (type.k === "array" && s !== undefined) {
        this.emit(Op.LOCAL, off);
        this.emit(Op.ZERO, sizeOf(type));
        this.emit(Op.LOCAL, off);
        this.emit(Op.PUSH, this.intern(s));
        this.emit(Op.MEMCPY, Math.min(s.length + 1, sizeOf(type)));
        this.emit(Op.POP);
        return;
      }
      if (init.type !== "initializer_list") {
        if (type.k === "struct") {
          this.emit(Op.LOCAL, off);
          this.expr(init);
          this.emit(Op.MEMCPY, sizeOf(type));
          this.emit(Op.POP);
          return;
        }
        this.err(init, "array initializer must be a list in braces");
      }
      this.emit(Op.LOCAL, off);
      this.emit(Op.ZERO, sizeOf(type));
      this.eachInit(type, init, (o, t, v) => this.initLocal(off + o, t, v));
      return;
    }
    if (init.type === "initializer_list") {
      const first = init.namedChildren.find((c) => c && c.type !== "comment");
      if (!first) { this.emit(Op.LOCAL, off); this.emit(Op.ZERO, sizeOf(type)); return; }
      return this.initLocal(off, type, first);
    }
    this.emit(Op.LOCAL, off);
    const t = this.expr(init);
    this.convert(t, type, init);
    this.emit(Op.STORE, kindOf(type));
    this.emit(Op.POP);
  }

  // ---------------------------------------------------------------- expressions

  private cond(n: Node): void {
    const t = this.expr(n);
    if (t.k === "struct") this.err(n, "a struct is not a condition");
    if (isFloat(t)) { this.emit(Op.PUSH, 0); this.emit(Op.BIN, Bin.NE, K.F64); }
  }

  private lookup(name: string): Local | Global | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  /** Push the value of a variable of type t whose address is on the stack. */
  private loadFrom(t: CType): CType {
    if (t.k === "array") return ptr(t.of);
    if (t.k === "struct" || t.k === "func") return t;
    this.emit(Op.LOAD, kindOf(t));
    return t;
  }

  private convert(from: CType, to: CType, n: Node): void {
    if (to.k === "void") return;
    if (to.k === "struct" || from.k === "struct") {
      if (to.k === "struct" && from.k === "struct" && to.def === from.def) return;
      this.err(n, `cannot convert ${typeName(from)} to ${typeName(to)}`);
    }
    if (from.k === "void") this.err(n, "void value used");
    const a = kindOf(from), b = kindOf(to);
    if (a === b) return;
    // Widening that keeps every value needs no code.
    const intA = a <= K.U64, intB = b <= K.U64;
    if (intA && intB) {
      const sa = sizeOf(from.k === "int" ? from : ULONG), sb = sizeOf(to.k === "int" ? to : ULONG);
      const signedA = a % 2 === 0, signedB = b % 2 === 0;
      if (sb > sa && (!signedA || signedB)) return;
    }
    if (b === K.F64 && intA && a !== K.U64 && a !== K.I64) return;
    this.emit(Op.CONV, a, b);
  }

  private addr(n: Node): CType {
    switch (n.type) {
      case "identifier": {
        const name = n.text;
        if (name === "errno") { this.emit(Op.ERRNO); return INT; }
        const v = this.lookup(name);
        if (!v) this.err(n, `'${name}' is not declared`);
        if ("off" in v) this.emit(Op.LOCAL, v.off);
        else this.emit(Op.PUSH, v.addr);
        return v.type;
      }
      case "parenthesized_expression":
        return this.addr(n.namedChildren.find((c) => c && c.type !== "comment")!);
      case "pointer_expression": {
        if (n.childForFieldName("operator")!.text !== "*") break;
        const t = this.expr(n.childForFieldName("argument")!);
        if (t.k !== "ptr") this.err(n, `cannot dereference a ${typeName(t)}`);
        if (t.to.k === "void") this.err(n, "dereferencing a void pointer");
        return t.to;
      }
      case "subscript_expression": {
        let base = n.childForFieldName("argument")!;
        let index = n.childForFieldName("index") ?? n.namedChildren[1]!;
        let bt = this.typeOf(base);
        if (!isPtr(bt) && bt.k !== "array") { [base, index] = [index, base]; bt = this.typeOf(base); }
        const t = this.expr(base);
        if (t.k !== "ptr") this.err(n, `subscripted value is a ${typeName(t)}, not an array or pointer`);
        const it = this.expr(index);
        if (!isInt(it)) this.err(index, "array index is not an integer");
        this.scale(it, t.to);
        this.emit(Op.BIN, Bin.ADD, K.I64);
        return t.to;
      }
      case "field_expression": {
        const arrow = n.childForFieldName("operator")!.text === "->";
        const arg = n.childForFieldName("argument")!;
        let t: CType;
        if (arrow) {
          const pt = this.expr(arg);
          if (pt.k !== "ptr" || pt.to.k !== "struct") this.err(n, `'->' needs a pointer to a struct, not ${typeName(pt)}`);
          t = pt.to;
        } else {
          t = this.addr(arg);
          if (t.k !== "struct") this.err(n, `'.' needs a struct, not ${typeName(t)}`);
        }
        if (t.k !== "struct") this.err(n, "not a struct");
        if (!t.def.complete) this.err(n, `${typeName(t)} is incomplete`);
        const fname = n.childForFieldName("field")!.text;
        const f = findField(t.def, fname);
        if (!f) this.err(n, `${typeName(t)} has no field '${fname}'`);
        if (f.offset) { this.emit(Op.PUSH, f.offset); this.emit(Op.BIN, Bin.ADD, K.I64); }
        return f.type;
      }
      case "string_literal":
      case "concatenated_string": {
        const s = this.stringLiteral(n)!;
        this.emit(Op.PUSH, this.intern(s));
        return { k: "array", of: CHAR, len: s.length + 1 };
      }
      case "compound_literal_expression": {
        const type = this.typeDescriptor(n.childForFieldName("type")!);
        const off = this.allocLocal(type);
        this.initLocal(off, type, n.childForFieldName("value")!);
        this.emit(Op.LOCAL, off);
        return type;
      }
      case "call_expression": {
        const t = this.expr(n);
        if (t.k === "struct") return t;
        break;
      }
    }
    return this.err(n, `'${n.text.slice(0, 40)}' is not an lvalue`);
  }

  private scale(it: CType, to: CType): void {
    this.convert(it, LONG, null as unknown as Node);
    const size = sizeOf(to);
    if (size !== 1) { this.emit(Op.PUSH, size); this.emit(Op.BIN, Bin.MUL, K.I64); }
  }

  /** The type of an expression without emitting code. */
  private typeOf(n: Node): CType {
    const saved = this.code;
    const frame = this.frame;
    this.code = [];
    try { return this.expr(n); } finally { this.code = saved; this.frame = frame; }
  }

  private expr(n: Node): CType {
    switch (n.type) {
      case "number_literal": return this.number(n);
      case "char_literal": {
        const body = n.namedChildren.map((c) => c!.type === "escape_sequence" ? unescape(c!.text) : c!.text).join("");
        this.emit(Op.PUSH, (body.charCodeAt(0) << 24) >> 24);
        return INT;
      }
      case "true": this.emit(Op.PUSH, 1); return INT;
      case "false": this.emit(Op.PUSH, 0); return INT;
      case "null": this.emit(Op.PUSH, 0); return VOIDP;
      case "string_literal":
      case "concatenated_string":
        this.addr(n);
        return ptr(CHAR);
      case "identifier": return this.identifier(n);
      case "parenthesized_expression": {
        const inner = n.namedChildren.find((c) => c && c.type !== "comment")!;
        return this.expr(inner);
      }
      case "binary_expression": return this.binary(n);
      case "unary_expression": {
        const op = n.childForFieldName("operator")!.text;
        const arg = n.childForFieldName("argument")!;
        if (op === "!") {
          this.cond(arg);
          this.emit(Op.LNOT);
          return INT;
        }
        let t = this.expr(arg);
        if (!isArith(t)) this.err(n, `unary '${op}' needs a number, not ${typeName(t)}`);
        const pt = promote(t);
        this.convert(t, pt, n);
        t = pt;
        if (op === "-") this.emit(Op.NEG, 0, kindOf(t));
        else if (op === "~") { if (isFloat(t)) this.err(n, "'~' needs an integer"); this.emit(Op.BNOT, 0, kindOf(t)); }
        return t;
      }
      case "pointer_expression": {
        const op = n.childForFieldName("operator")!.text;
        const arg = n.childForFieldName("argument")!;
        if (op === "&") {
          if (arg.type === "identifier" && this.funcs.has(arg.text) && !this.lookup(arg.text)) return this.identifier(arg);
          const t = this.addr(arg);
          return ptr(t);
        }
        const t = this.addr(n);
        return this.loadFrom(t);
      }
      case "subscript_expression":
      case "field_expression":
        return this.loadFrom(this.addr(n));
      case "compound_literal_expression":
        return this.loadFrom(this.addr(n));
      case "update_expression": {
        const op = n.childForFieldName("operator")!.text;
        const arg = n.childForFieldName("argument")!;
        const post = n.child(0)?.type === "identifier" || n.child(0) === arg || n.child(0)!.startIndex === arg.startIndex;
        const t = this.addr(arg);
        if (!isScalar(t)) this.err(n, `'${op}' needs a number or pointer`);
        const step = t.k === "ptr" ? sizeOf(t.to) : 1;
        this.emit(Op.INCDEC, kindOf(t), op === "++" ? step : -step, post ? 1 : 0);
        return t;
      }
      case "assignment_expression": return this.assign(n);
      case "call_expression": return this.call(n);
      case "cast_expression": {
        const to = this.typeDescriptor(n.childForFieldName("type")!);
        const from = this.expr(n.childForFieldName("value")!);
        if (to.k === "void") { this.emit(Op.POP); this.emit(Op.PUSH, 0); return VOID; }
        if (from.k === "func") { return to; }
        this.convert(from, to, n);
        return to;
      }
      case "sizeof_expression": {
        const tn = n.childForFieldName("type");
        let t: CType;
        if (tn) t = this.typeDescriptor(tn);
        else {
          const v = n.childForFieldName("value")!;
          const inner = v.type === "parenthesized_expression" ? v.namedChildren[0]! : v;
          if (inner.type === "identifier" && this.typedefs.has(inner.text) && !this.lookup(inner.text)) t = this.typedefs.get(inner.text)!;
          else t = this.sizeType(v);
        }
        this.emit(Op.PUSH, sizeOf(t));
        return ULONG;
      }
      case "alignof_expression": {
        this.emit(Op.PUSH, alignOf(this.typeDescriptor(n.childForFieldName("type")!)));
        return ULONG;
      }
      case "offsetof_expression": {
        const t = this.typeDescriptor(n.childForFieldName("type")!);
        const f = t.k === "struct" ? findField(t.def, n.childForFieldName("member")!.text) : undefined;
        if (!f) this.err(n, "offsetof: no such field");
        this.emit(Op.PUSH, f.offset);
        return ULONG;
      }
      case "conditional_expression": {
        this.cond(n.childForFieldName("condition")!);
        const jz = this.emit(Op.JZ);
        const a = n.childForFieldName("consequence")!;
        const b = n.childForFieldName("alternative")!;
        const ta = this.typeOf(a), tb = this.typeOf(b);
        const rt = isArith(ta) && isArith(tb) ? arithResult(ta, tb) : isPtr(ta) ? ta : tb;
        this.convert(this.expr(a), rt, a);
        const j = this.emit(Op.JMP);
        this.patch(jz);
        this.convert(this.expr(b), rt, b);
        this.patch(j);
        return rt;
      }
      case "comma_expression": {
        this.expr(n.childForFieldName("left")!);
        this.emit(Op.POP);
        return this.expr(n.childForFieldName("right")!);
      }
      case "initializer_list":
        this.err(n, "a braced list is only allowed as an initializer");
    }
    return this.err(n, `expression '${n.type}' is not supported`);
  }

  /** The type sizeof sees: arrays keep their size (no decay). */
  private sizeType(v: Node): CType {
    const saved = this.code;
    const frame = this.frame;
    this.code = [];
    try {
      const inner = v.type === "parenthesized_expression" ? v.namedChildren[0]! : v;
      if (["identifier", "subscript_expression", "field_expression", "pointer_expression", "string_literal", "concatenated_string"].includes(inner.type)) {
        if (inner.type === "pointer_expression" && inner.childForFieldName("operator")!.text === "&") return this.expr(inner);
        if (inner.type === "identifier" && !this.lookup(inner.text)) return this.expr(inner);
        return this.addr(inner);
      }
      return this.expr(v);
    } finally { this.code = saved; this.frame = frame; }
  }

  private number(n: Node): CType {
    if (/^[-+]/.test(n.text)) {
      // tree-sitter folds a sign into the literal in some places: -1 is 0 - 1 in C.
      const t = this.numberText(n.text.slice(1), n);
      if (n.text[0] === "-") this.emit(Op.NEG, 0, kindOf(t));
      return t;
    }
    return this.numberText(n.text, n);
  }

  private numberText(raw: string, n: Node): CType {
    const text = raw.toLowerCase().replace(/'/g, "");
    const isHex = text.startsWith("0x");
    if (!isHex && /[.e]/.test(text) || (!isHex && text.endsWith("f"))) {
      this.emit(Op.PUSH, parseFloat(text));
      return DOUBLE;
    }
    const m = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)([ul]*)$/.exec(text);
    if (!m) this.err(n, `bad number '${n.text}'`);
    const digits = m[1];
    const v = digits.startsWith("0x") ? parseInt(digits.slice(2), 16) : digits.startsWith("0b") ? parseInt(digits.slice(2), 2)
      : digits.length > 1 && digits.startsWith("0") ? parseInt(digits, 8) : parseInt(digits, 10);
    const unsigned = m[2].includes("u");
    const long = m[2].includes("l") || v > 0xffffffff || (!unsigned && !isHex && v > 0x7fffffff);
    this.emit(Op.PUSH, v);
    if (long) return unsigned ? ULONG : LONG;
    if (unsigned || v > 0x7fffffff) return UINT;
    return INT;
  }

  private identifier(n: Node): CType {
    const name = n.text;
    if (name === "errno") { this.emit(Op.ERRNO); this.emit(Op.LOAD, K.I32); return INT; }
    const v = this.lookup(name);
    if (v) {
      if ("off" in v) this.emit(Op.LOCAL, v.off);
      else this.emit(Op.PUSH, v.addr);
      return this.loadFrom(v.type);
    }
    if (this.enums.has(name)) { this.emit(Op.PUSH, this.enums.get(name)!); return INT; }
    const f = this.funcs.get(name);
    if (f) {
      if (f.index !== undefined) this.emit(Op.PUSH, TEXT_BASE + f.index * 16);
      else if (f.builtin !== undefined) this.emit(Op.PUSH, BUILTIN_BASE + f.builtin * 16);
      else this.err(n, `function '${name}' is declared but never defined`);
      return ptr(f.type);
    }
    const c = intConstant(name);
    if (c) { this.emit(Op.PUSH, c.value); return c.long ? LONG : INT; }
    if (name in POINTER_CONSTANTS) {
      this.emit(Op.PUSH, POINTER_CONSTANTS[name]);
      return name === "NULL" ? VOIDP : ptr({ k: "func", ret: VOID, params: [INT], variadic: false });
    }
    return this.err(n, `'${name}' is not declared`);
  }

  private binary(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const l = n.childForFieldName("left")!;
    const r = n.childForFieldName("right")!;
    if (op === "&&" || op === "||") {
      this.cond(l);
      const j1 = this.emit(op === "&&" ? Op.JZ : Op.JNZ);
      this.cond(r);
      const j2 = this.emit(op === "&&" ? Op.JZ : Op.JNZ);
      this.emit(Op.PUSH, op === "&&" ? 1 : 0);
      const j3 = this.emit(Op.JMP);
      this.patch(j1);
      this.patch(j2);
      this.emit(Op.PUSH, op === "&&" ? 0 : 1);
      this.patch(j3);
      return INT;
    }
    const code = BIN_OPS[op];
    if (code === undefined) this.err(n, `operator '${op}' is not supported`);
    const tl = this.typeOf(l), tr = this.typeOf(r);
    return this.arith(code, tl, tr, () => this.expr(l), () => this.expr(r), n);
  }

  /** Emit `left op right` with C's conversions; left and right emit their operands. */
  private arith(code: Bin, tl: CType, tr: CType, left: () => CType, right: () => CType, n: Node): CType {
    const cmp = code >= Bin.LT;
    const lp = tl.k === "ptr" || tl.k === "array" || tl.k === "func";
    const rp = tr.k === "ptr" || tr.k === "array" || tr.k === "func";
    if (lp || rp) {
      if (cmp) {
        left(); right();
        this.emit(Op.BIN, code, K.I64);
        return INT;
      }
      if (code === Bin.ADD && lp && !rp) { const t = left(); this.scale(right(), (t as { to: CType }).to); this.emit(Op.BIN, Bin.ADD, K.I64); return t; }
      if (code === Bin.ADD && rp && !lp) {
        this.convert(left(), LONG, n);
        const t = right() as { to: CType };
        this.emit(Op.SWAP);
        this.emit(Op.PUSH, sizeOf(t.to));
        this.emit(Op.BIN, Bin.MUL, K.I64);
        this.emit(Op.BIN, Bin.ADD, K.I64);
        return t as CType;
      }
      if (code === Bin.SUB && lp && !rp) { const t = left(); this.scale(right(), (t as { to: CType }).to); this.emit(Op.BIN, Bin.SUB, K.I64); return t; }
      if (code === Bin.SUB && lp && rp) {
        const t = left(); right();
        this.emit(Op.BIN, Bin.SUB, K.I64);
        this.emit(Op.PUSH, Math.max(sizeOf((t as { to: CType }).to), 1));
        this.emit(Op.BIN, Bin.DIV, K.I64);
        return LONG;
      }
      if (code === Bin.AND || code === Bin.OR || code === Bin.XOR) {
        left(); right();
        this.emit(Op.BIN, code, K.U64);
        return ULONG;
      }
      this.err(n, `invalid operands to '${Bin[code]}' (${typeName(tl)} and ${typeName(tr)})`);
    }
    if (!isArith(tl) || !isArith(tr)) this.err(n, `invalid operands (${typeName(tl)} and ${typeName(tr)})`);
    if (code === Bin.SHL || code === Bin.SHR) {
      const rt = promote(tl);
      this.convert(left(), rt, n);
      this.convert(right(), INT, n);
      this.emit(Op.BIN, code, kindOf(rt));
      return rt;
    }
    const ct = arithResult(tl, tr);
    this.convert(left(), ct, n);
    this.convert(right(), ct, n);
    this.emit(Op.BIN, code, kindOf(ct));
    return cmp ? INT : ct;
  }

  private assign(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const l = n.childForFieldName("left")!;
    const r = n.childForFieldName("right")!;
    const lt = this.addr(l);
    if (lt.k === "array") this.err(l, "cannot assign to an array");
    if (op === "=") {
      if (lt.k === "struct") {
        const rt = this.expr(r);
        if (rt.k !== "struct" || rt.def !== lt.def) this.err(n, `cannot assign ${typeName(rt)} to ${typeName(lt)}`);
        this.emit(Op.MEMCPY, sizeOf(lt));
        return lt;
      }
      const rt = this.expr(r);
      if (rt.k === "func") { this.emit(Op.STORE, K.U64); return lt; }
      this.convert(rt, lt, n);
      this.emit(Op.STORE, kindOf(lt));
      return lt;
    }
    const code = BIN_OPS[op.slice(0, -1)];
    if (code === undefined) this.err(n, `operator '${op}' is not supported`);
    this.emit(Op.DUP);
    const rt = this.typeOf(r);
    const res = this.arith(code, lt, rt, () => { this.emit(Op.LOAD, kindOf(lt)); return lt; }, () => this.expr(r), n);
    this.convert(res, lt, n);
    this.emit(Op.STORE, kindOf(lt));
    return lt;
  }

  private call(n: Node): CType {
    const fnode = n.childForFieldName("function")!;
    const args = (n.childForFieldName("arguments")?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== "comment");
    let info: FuncInfo | undefined;
    if (fnode.type === "identifier" && !this.lookup(fnode.text)) {
      info = this.funcs.get(fnode.text);
      if (!info) {
        const b = this.builtinIndex.get(fnode.text);
        if (b === undefined) this.err(fnode, `function '${fnode.text}' is not defined and is not one of the built-in library functions`);
        this.err(fnode, `function '${fnode.text}' is used without a declaration (include its header)`);
      }
      if (info.index === undefined && info.builtin === undefined)
        this.err(fnode, `function '${fnode.text}' is declared but not defined, and the stepper has no built-in for it`);
      const t = info.type;
      const doubles = this.args(t, args, n);
      if (info.index !== undefined) this.emit(Op.CALL, info.index, args.length, doubles);
      else this.emit(Op.BUILTIN, info.builtin!, args.length);
      return t.ret.k === "void" ? VOID : t.ret;
    }
    let ft = this.expr(fnode);
    if (ft.k === "ptr" && ft.to.k === "func") ft = ft.to;
    if (ft.k !== "func") this.err(fnode, `called object is a ${typeName(ft)}, not a function`);
    this.emit(Op.CALLI, 0, args.length, this.args(ft, args, n));
    return ft.ret;
  }

  /** Compile the arguments; returns a mask of the extra (variadic) ones passed as double, so
   *  the callee's va_arg area stores them as doubles. */
  private args(t: Extract<CType, { k: "func" }>, args: Node[], n: Node): number {
    let doubles = 0;
    if (!t.noProto && !t.variadic && args.length !== t.params.length) this.err(n, `expected ${t.params.length} arguments, got ${args.length}`);
    if (t.variadic && args.length < t.params.length) this.err(n, `expected at least ${t.params.length} arguments, got ${args.length}`);
    args.forEach((a, i) => {
      const at = this.expr(a);
      const pt = t.params[i];
      if (at.k === "void") this.err(a, "void value passed as an argument");
      if (pt) { if (at.k !== "func") this.convert(at, pt, a); }
      else if (at.k === "float") { this.convert(at, DOUBLE, a); if (i < 31) doubles |= 1 << i; }
      else if (at.k === "int" && at.size < 4) this.convert(at, INT, a);
    });
    return doubles;
  }
}

function unescape(e: string): string {
  const c = e[1];
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "?": "?", e: "\x1b" };
  if (/^\\[0-7]{1,3}$/.test(e)) return String.fromCharCode(parseInt(e.slice(1), 8) & 0xff);
  if (/^\\x[0-9a-fA-F]+$/.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16) & 0xff);
  return simple[c] ?? c;
}

// Constant folding shares the VM's arithmetic.
import { binop, wrapK, convertK } from "./arith";
