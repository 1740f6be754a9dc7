// Declarations and types: type specifiers (primitive, sized, typedef names, struct, union,
// enum), declarators applied to a base type, typedefs, function prototypes and
// definitions, and where each declared variable lives (global, static, local).
import type { Node } from "../parse";
import {
  CType, typeName, VOID, BOOL, CHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG, DOUBLE, FLOAT, LONG_DOUBLE, ptr, layout,
} from "../types";
import { FuncType } from "./context";
import { StaticData } from "./data";

/** An integer or struct type under a name of its own (size_t, bool, a typedef's name): the
 *  same type, shown by that name as the learner wrote it (pid_t pid, not int pid). */
const named = (t: CType, name: string): CType => (t.k === "int" || t.k === "struct" ? { ...t, name } : t);

const PRIMITIVES: Record<string, CType> = {
  void: VOID, char: CHAR, short: SHORT, int: INT, long: LONG, float: FLOAT, double: DOUBLE,
  ...Object.fromEntries(Object.entries({
    bool: BOOL, _Bool: BOOL,
    size_t: ULONG, ssize_t: LONG, ptrdiff_t: LONG, intptr_t: LONG, uintptr_t: ULONG,
    int8_t: { k: "int", size: 1, signed: true }, uint8_t: UCHAR, int16_t: SHORT, uint16_t: USHORT,
    int32_t: INT, uint32_t: UINT, int64_t: LONG, uint64_t: ULONG, char16_t: USHORT, char32_t: UINT,
  } satisfies Record<string, CType>).map(([name, t]) => [name, named(t, name)])),
};
/** The spellings of typeof: C23's keyword and GCC's alternate ones. */
export const TYPEOF: ReadonlySet<string> = new Set(["typeof", "__typeof__", "__typeof"]);

export abstract class Declarations extends StaticData {
  /** Each enum tag's value names (value -> the first name given it). */
  private readonly enumNames = new Map<string, Record<number, string>>();

  protected baseType(spec: Node | null): CType {
    const t = this.unqualifiedType(spec);
    // const and volatile change nothing the model does, but the learner wrote them: `const
    // char *msg` is shown so. (A qualifier after a `*` is the pointer's own and not kept.)
    const quals = (spec?.parent?.children ?? []).filter((c): c is Node => c?.type === "type_qualifier" && (c.text === "const" || c.text === "volatile")).map((c) => c.text);
    return quals.length ? named(t, `${[...new Set(quals)].join(" ")} ${typeName(t)}`) : t;
  }

  private unqualifiedType(spec: Node | null): CType {
    if (!spec) return INT;
    switch (spec.type) {
      case "primitive_type": {
        const t = PRIMITIVES[spec.text];
        if (!t) this.cannotRun(spec, `type '${spec.text}' is not supported`);
        // size_t, int32_t, bool...: the grammar's names, a header's typedefs in C.
        this.checkDeclared(spec, spec.text, "type");
        return t;
      }
      case "sized_type_specifier": return sizedType(spec);
      case "type_identifier": {
        // _Bool is a keyword of C99 that the grammar reads as a name.
        const t = this.typedefs.get(spec.text) ?? (spec.text === "_Bool" ? PRIMITIVES._Bool : undefined);
        if (!t) this.err(spec, `unknown type name '${spec.text}'`);
        this.checkDeclared(spec, spec.text, "type");
        return named(t, spec.text);
      }
      case "struct_specifier":
      case "union_specifier":
        return this.structType(spec);
      case "enum_specifier":
        return this.enumType(spec);
      case "macro_type_specifier":
        return this.typeofType(spec) ?? this.cannotRun(spec, `macro type '${spec.text}' is not supported`);
    }
    return this.cannotRun(spec, `type '${spec.type}' is not supported`);
  }

  /** C23's typeof and GCC's __typeof__ of a type or of a variable named alone (the grammar
   *  reads `typeof(x)` as a type name x, so a variable's name is looked up first, as in a
   *  SWAP macro's `typeof(a) tmp = a;`); undefined for other macro-like specifiers. */
  private typeofType(spec: Node): CType | undefined {
    if (!TYPEOF.has(spec.childForFieldName("name")?.text ?? "")) return undefined;
    const td = spec.childForFieldName("type");
    if (!td) return undefined;
    const base = td.childForFieldName("type");
    const v = !td.childForFieldName("declarator") && base?.type === "type_identifier" && !this.typedefs.has(base.text) ? this.lookup(base.text) : undefined;
    return v ? v.type : this.typeDescriptor(td);
  }

  private structType(spec: Node): CType {
    const union = spec.type === "union_specifier";
    const nameNode = spec.childForFieldName("name");
    const body = spec.childForFieldName("body");
    const tag = nameNode?.text ?? `<anonymous ${++this.anon}>`;
    const key = (union ? "union " : "struct ") + tag;
    let def = nameNode ? this.structs.get(key) : undefined;
    // A body inside a function declares a new type that hides an outer one of the same tag.
    if (!def || (body && def.complete && this.scopes.length)) {
      def = { tag, union, fields: [], size: 0, align: 1, complete: false };
      if (nameNode) this.structs.set(key, def);
    }
    if (body && nameNode && this.tree.user) this.own.add(key);
    if (body) layout(def, this.fields(body));
    return { k: "struct", def };
  }

  private fields(body: Node): Array<{ name: string; type: CType }> {
    const fields: Array<{ name: string; type: CType }> = [];
    for (const fd of body.namedChildren) {
      if (!fd || fd.type !== "field_declaration") continue;
      const base = this.baseType(fd.childForFieldName("type"));
      const decls = fd.childrenForFieldName("declarator");
      if (fd.namedChildren.some((c) => c?.type === "bitfield_clause")) this.cannotRun(fd, "bit-fields are not supported");
      if (decls.length === 0) fields.push({ name: "", type: base });
      for (const d of decls) {
        if (!d) continue;
        const { name, type } = this.declarator(base, d);
        fields.push({ name, type });
      }
    }
    return fields;
  }

  /** An enum is an int (its constants go to `enums`); the type keeps its tag and the names
   *  of its values, so a variable of it reads as gdb shows it (`BLUE`, not 2). */
  private enumType(spec: Node): CType {
    const tag = spec.childForFieldName("name")?.text;
    const body = spec.childForFieldName("body");
    let names = tag !== undefined ? this.enumNames.get(tag) : undefined;
    if (body) {
      names = {};
      let next = 0;
      for (const e of body.namedChildren) {
        if (!e || e.type !== "enumerator") continue;
        const v = e.childForFieldName("value");
        if (v) next = this.constValue(v);
        const name = e.childForFieldName("name")!.text;
        this.enums.set(name, next);
        names[next] ??= name;
        next++;
      }
      if (tag !== undefined) this.enumNames.set(tag, names);
    }
    return { k: "int", size: 4, signed: true, name: tag !== undefined ? `enum ${tag}` : "enum", enumerators: names };
  }

  /** Apply a declarator to a base type: returns the declared name and full type. */
  protected declarator(base: CType, d: Node | null): { name: string; type: CType; node: Node | null } {
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
        const len = size ? this.constValue(size, "variable-length arrays are not supported: give the array a constant size (or use malloc)") : null;
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
    return this.cannotRun(d, `declarator '${d.type}' is not supported`);
  }

  private funcType(ret: CType, params: Node | null): FuncType {
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

  protected paramType(p: Node): { name: string; type: CType } {
    const base = this.baseType(p.childForFieldName("type"));
    const { name, type } = this.declarator(base, p.childForFieldName("declarator"));
    // Parameters of array or function type are pointers.
    if (type.k === "array") return { name, type: ptr(type.of) };
    if (type.k === "func") return { name, type: ptr(type) };
    return { name, type };
  }

  /** The type a type name denotes, as in a cast or sizeof: `struct node *`, `int[4]`. */
  protected typeDescriptor(td: Node): CType {
    const base = this.baseType(td.childForFieldName("type"));
    return this.declarator(base, td.childForFieldName("declarator")).type;
  }

  protected topLevel(n: Node): void {
    this.line = n.startPosition.row + 1;
    switch (n.type) {
      case "function_definition": return this.functionDefinition(n);
      case "declaration": return this.declaration(n, true);
      case "type_definition": return this.typedef(n);
      case "struct_specifier":
      case "union_specifier":
      case "enum_specifier":
        this.baseType(n);
        return;
      case "expression_statement":
        if (n.text.trim() === ";") return;
        break;
      case "comment":
      case "preproc_call":
      case "ERROR":
        return;
    }
    this.cannotRun(n, `'${n.type}' at top level is not supported`);
  }

  /** A function's body is compiled after every top-level declaration has been seen. */
  private functionDefinition(n: Node): void {
    const base = this.baseType(n.childForFieldName("type"));
    const { name, type } = this.declarator(base, n.childForFieldName("declarator"));
    if (type.k !== "func") this.err(n, "function definition without a function type");
    this.declareFunc(name, type, true);
    this.bodies.push({ node: n, name, tree: this.tree });
  }

  protected typedef(n: Node): void {
    const base = this.baseType(n.childForFieldName("type"));
    for (const d of n.childrenForFieldName("declarator")) {
      if (!d) continue;
      const { name, type } = this.declarator(base, d);
      this.typedefs.set(name, type);
      if (this.tree.user) this.own.add(name);
    }
  }

  private declareFunc(name: string, type: FuncType, define: boolean): void {
    if (this.tree.user) this.own.add(name);
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

  protected declaration(n: Node, global: boolean): void {
    const specText = n.children.filter((c) => c?.type === "storage_class_specifier").map((c) => c!.text);
    const isStatic = specText.includes("static");
    const isExtern = specText.includes("extern");
    // C11's _Thread_local, C23's thread_local and GCC's __thread: one copy per thread.
    const isThread = specText.some((s) => s === "__thread" || s === "thread_local" || s === "_Thread_local");
    const base = this.baseType(n.childForFieldName("type"));
    for (const d of n.childrenForFieldName("declarator")) {
      if (!d) continue;
      const decl = this.declarator(base, d);
      const name = decl.name;
      let type = decl.type;
      const init = d.type === "init_declarator" ? d.childForFieldName("value") : null;
      if (type.k === "func") { this.declareFunc(name, type, false); continue; }
      if (!isExtern) this.checkComplete(type, d, name);
      if (type.k === "array" && type.len === null && init) type = { ...type, len: this.initLength(type, init) };
      if (!global && isStatic) {
        const g = this.staticVar(type, { name, line: this.lineOf(d) });
        if (isThread) this.threadLocal(g);
        this.scopes[this.scopes.length - 1].set(name, g);
        if (init) this.staticInit(g.addr, g.type, init);
        this.declareVar(name, g.type, { addr: g.addr });
      }
      else if (global) this.globalVar(name, type, init, isExtern, this.lineOf(d), isThread);
      else if (!isExtern) this.local(name, type, init, d);
    }
  }

  /** An object of a system header's struct (or an array of them) needs the struct declared. */
  private checkComplete(type: CType, d: Node, name: string): void {
    while (type.k === "array") type = type.of;
    if (type.k === "struct" && !type.def.union) this.checkDeclared(d, `struct ${type.def.tag}`, "storage", name);
  }

  private globalVar(name: string, type: CType, init: Node | null, isExtern: boolean, line: number, thread: boolean): void {
    if (this.tree.user) this.own.add(name);
    const old = this.globals.get(name);
    if (old) { if (init) this.staticInit(old.addr, type, init); return; }
    if (name === "stdin" || name === "stdout" || name === "stderr") { this.stdStream(name, type); return; }
    // The library's `extern` declarations define the variable (there is no other unit to).
    if (isExtern && !init && this.tree.user === false && name !== "errno") { this.globals.set(name, this.staticVar(type)); return; }
    const g = this.staticVar(type, isExtern ? undefined : { name, line });
    if (thread) this.threadLocal(g);
    // Declared before its initializer, which may take its address: `node_t nil = { 0, &nil };`.
    this.globals.set(name, g);
    if (init) this.staticInit(g.addr, g.type, init);
    if (this.tree.user) this.userGlobals.push({ name, type: g.type, addr: g.addr });
  }
}

/** `unsigned long`, `short int`, `long double` ... */
function sizedType(spec: Node): CType {
  const words = spec.children.filter((c): c is Node => !!c).map((c) => c.text);
  const inner = spec.childForFieldName("type")?.text;
  const unsigned = words.includes("unsigned");
  if (inner === "double") return words.includes("long") ? LONG_DOUBLE : DOUBLE;
  if (inner === "char") return unsigned ? UCHAR : { k: "int", size: 1, signed: true };
  const size = words.includes("short") ? 2 : words.includes("long") ? 8 : 4;
  const t = { k: "int", size, signed: !unsigned } as CType;
  // long long is long's size here (LP64) but keeps its name for what is shown.
  return words.filter((w) => w === "long").length === 2 ? named(t, `${unsigned ? "unsigned " : ""}long long`) : t;
}
