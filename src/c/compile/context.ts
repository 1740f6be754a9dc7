// What every part of the compiler shares: the tables built from declarations, the state of
// the function being compiled, and the few helpers that emit instructions and report
// errors. The parts extend one another in one line (context -> static data -> declarations
// -> types -> expressions -> statements -> the compiler), so no part imports a later one;
// the two things an earlier part needs from a later one, compiling an expression and
// converting its value, are declared here and supplied by expressions.ts.
import type { Node } from "../parse";
import { Diagnostic } from "../diagnostic";
import { Memory, RODATA_BASE, DATA_BASE } from "../memory";
import { ArrayObject, Bin, Func, GlobalInfo, Ins, Op, ShadowVar, ThreadLocal, VarInfo } from "../program";
import { REDZONE } from "../arraycheck";
import { alignOf, CType, K, sizeOf, StructDef } from "../types";
import type { Val } from "../wide";
import type { Undeclared } from "../includes";

export interface SourceTree {
  file: string;
  root: Node;
  /** User code (steppable lines) or the built-in library. */
  user: boolean;
}

export interface Local { off: number; type: CType; }

/** A local of the learner's code declared without a value. A scalar whose every use is a
 *  plain read, write or ++/-- by name gets a bit of Frame.init, set by its first write, and
 *  its reads are checked at run time (a sanitizer's use-of-uninitialized-value); any other
 *  (a struct, an array, a scalar whose address is used: something may write it through the
 *  address) is tracked byte by byte while its frame lives (Func.shadowed). */
export interface Unset {
  name: string;
  line: number;
  type: CType;
  /** Every LOCAL that pushes its address, and those a plain use consumes. */
  locals: Set<Ins>;
  plain: Set<Ins>;
  reads: Ins[];
  writes: Ins[];
  updates: Ins[];
}

/** Variables one function may have checked (a bit each in Frame.init). */
const MAX_UNSET = 30;
/** A global or static variable; `tls`: a thread-local one's offset in a thread's block. */
export interface Global { addr: number; type: CType; tls?: number; }
export type FuncType = Extract<CType, { k: "func" }>;
export interface FuncInfo { type: FuncType; index?: number; builtin?: number; defined: boolean; }

export class CompileError extends Error {
  constructor(readonly node: Node, msg: string) { super(msg); }
}

/** Valid C the stepper cannot run (a bit-field, a library function it has no built-in for),
 *  as against an error in the program: the session starts, and stops where it is reached. */
export class Unsupported extends CompileError {}

export abstract class Context {
  readonly image = new Memory();
  protected rodata = RODATA_BASE;
  protected data = DATA_BASE;
  protected typedefs = new Map<string, CType>();
  protected structs = new Map<string, StructDef>();
  protected enums = new Map<string, number>();
  protected globals = new Map<string, Global>();
  protected funcs = new Map<string, FuncInfo>();
  protected strings = new Map<string, number>();
  protected builtinIndex: Map<string, number>;
  protected funcList: Func[] = [];
  protected bodies: Array<{ node: Node; name: string; tree: SourceTree }> = [];
  diagnostics: Diagnostic[] = [];
  unsupported: Diagnostic[] = [];

  // The function being compiled.
  protected code: Ins[] = [];
  protected scopes: Array<Map<string, Local | Global>> = [];
  protected frame = 0;
  protected line = 0;
  protected tree!: SourceTree;
  protected fnType!: FuncType;
  protected breaks: number[][] = [];
  protected continues: number[][] = [];
  protected labels = new Map<string, number>();
  protected gotos: Array<{ at: number; label: string; node: Node }> = [];
  protected anon = 0;
  /** The current function's variables for views; `to` is set when their scope closes. */
  protected vars: Array<VarInfo & { depth: number }> = [];
  /** The learner's globals in declaration order, for views. */
  protected userGlobals: GlobalInfo[] = [];
  /** Thread-local variables, laid out in order in each thread's block (Program.tls). */
  protected tlsVars: ThreadLocal[] = [];
  protected tlsSize = 0;
  /** The named arrays of the function being compiled, and the learner's static arrays
   *  (each with red zones on both sides: src/c/arraycheck.ts). */
  protected frameArrays: ArrayObject[] = [];
  /** The function's locals declared without a value, by frame offset. */
  protected unset = new Map<number, Unset>();
  protected dataArrays: ArrayObject[] = [];
  /** Names the learner's code declares at file scope (functions, typedefs, globals, `struct
   *  tag` with a body): its own, whatever it includes. */
  protected own = new Set<string>();
  /** What has been said of undeclared names, so each is told where gcc tells it. */
  private told = new Set<string>();
  private toldIn = new Map<unknown, Set<string>>();

  constructor(protected file: string, builtinNames: string[], protected source: string,
    /** What the program's includes leave undeclared (src/c/includes.ts); absent: not checked. */
    private undeclared?: (name: string) => Undeclared | undefined) {
    this.builtinIndex = new Map(builtinNames.map((n, i) => [n, i]));
    this.image.map(RODATA_BASE, DATA_BASE, "rodata (string literals)");
  }

  /** Emit the code of an expression; returns its type. */
  protected abstract expr(n: Node): CType;
  /** Emit the conversion of the value on the stack from one type to another. */
  protected abstract convert(from: CType, to: CType, n: Node): void;
  /** The type of an expression, without emitting code. */
  protected abstract typeOf(n: Node): CType;

  protected diag(node: Node, message: string, severity: "error" | "warning" = "error", unsupported = false): Diagnostic {
    const d: Diagnostic = { file: this.tree.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, severity, message };
    if (unsupported) d.unsupported = true;
    this.diagnostics.push(d);
    return d;
  }

  /** Run f; a compile error in it becomes a diagnostic and an UNSUPPORTED instruction. */
  protected guard(f: () => void): void {
    try { f(); } catch (e) {
      if (e instanceof CompileError) this.failHere(e.node, e.message, e instanceof Unsupported);
      else throw e;
    }
  }

  /** Record a diagnostic; code reaching this point stops with it. */
  protected failHere(node: Node, message: string, unsupported = false): void {
    const d = this.diag(node, message, "error", unsupported);
    this.unsupported.push(d);
    if (this.code) this.emit(Op.UNSUPPORTED, this.unsupported.length - 1);
  }

  protected err(node: Node, msg: string): never {
    throw new CompileError(node, msg);
  }

  protected cannotRun(node: Node, msg: string): never {
    throw new Unsupported(node, msg);
  }

  protected emit(op: Op, a = 0, b = 0, c = 0): number {
    this.code.push({ op, a, b, c, line: this.line });
    return this.code.length - 1;
  }

  /** Push an integer constant of kind k exactly: one beyond 2^53 (an instruction holds a
   *  number) is built from its two 32-bit halves, which constant folding evaluates too. */
  protected pushConst(v: Val, k: K): void {
    if (typeof v === "number") { this.emit(Op.PUSH, v); return; }
    const bits = BigInt.asUintN(64, v);
    this.emit(Op.PUSH, Number(bits >> 32n));
    this.emit(Op.PUSH, 32);
    this.emit(Op.BIN, Bin.SHL, K.U64);
    this.emit(Op.PUSH, Number(bits & 0xffffffffn));
    this.emit(Op.BIN, Bin.OR, K.U64);
    if (k !== K.U64) this.emit(Op.CONV, K.U64, k);
  }

  protected here(): number { return this.code.length; }

  /** A variable comes into scope here (after its initializer): views show it from now on. */
  protected declareVar(name: string, type: CType, at: { off: number } | { addr: number }): void {
    this.vars.push({ name, type, ...at, from: this.code.length, to: -1, depth: this.scopes.length });
  }

  /** Leaves a block: its variables go out of scope for views. */
  protected popScope(): void {
    const depth = this.scopes.length;
    for (const v of this.vars) if (v.to < 0 && v.depth >= depth) v.to = this.code.length;
    this.scopes.pop();
  }
  /** Point the jump at `at` to the next instruction. */
  protected patch(at: number): void { this.code[at].a = this.code.length; }

  protected lineOf(n: Node): number { return n.startPosition.row + 1; }

  /** Start a statement: the VM steps by these LINE markers. */
  protected stmtLine(n: Node): void {
    this.line = this.lineOf(n);
    this.emit(Op.LINE, this.line);
  }

  protected allocLocal(type: CType): number {
    const a = Math.max(alignOf(type), 1);
    this.frame = Math.ceil(this.frame / a) * a;
    const off = this.frame;
    this.frame += Math.max(sizeOf(type), 1);
    return off;
  }

  /** A named local array of the learner's code: REDZONE bytes on each side that belong to
   *  no variable, as AddressSanitizer lays out a frame, so that an access past either end
   *  lands there and is told, not in a neighbour. Other locals are laid out as before. */
  protected allocNamedLocal(type: CType, name: string, line: number): number {
    if (type.k !== "array" || !this.tree.user) return this.allocLocal(type);
    this.frame += REDZONE;
    const off = this.allocLocal(type);
    this.frameArrays.push({ name, line, at: off, size: sizeOf(type) });
    this.frame += REDZONE;
    return off;
  }

  /** The LOCAL just emitted, when it is the address of a local declared without a value. */
  protected lastUnset(): { u: Unset; local: Ins } | undefined {
    const ins = this.code[this.code.length - 1];
    const u = ins?.op === Op.LOCAL ? this.unset.get(ins.a) : undefined;
    return u && u.locals.has(ins) ? { u, local: ins } : undefined;
  }

  /** The instruction just emitted is a plain use of w's variable through w's LOCAL. */
  protected plainUse(w: { u: Unset; local: Ins } | undefined, kind: "reads" | "writes" | "updates"): void {
    if (!w) return;
    w.u.plain.add(w.local);
    w.u[kind].push(this.code[this.code.length - 1]);
  }

  /** At the end of a function: the scalars declared without a value and used only by
   *  name get a slot each (the bit of Frame.init that their first write sets), so views
   *  show them as not set until then; a plain write (x = ...) carries slot + 1 in its
   *  STORE's c, and when such a scalar is read, its loads and ++/-- carry the slot too, so
   *  a read before a write is told. The other locals declared without a value (and scalars
   *  past the slots) are tracked byte by byte (Func.shadowed): what writes them is any
   *  store to their bytes, and a member or element no store reached stays not set. */
  protected checkUnset(fn: Func): void {
    const slots: Array<{ name: string; line: number }> = [];
    const shadowed: ShadowVar[] = [];
    const byName = (u: Unset) => u.type.k !== "array" && u.type.k !== "struct" && [...u.locals].every((l) => u.plain.has(l));
    for (const [off, u] of this.unset) {
      if (!byName(u) || slots.length === MAX_UNSET) {
        shadowed.push({ name: u.name, line: u.line, type: u.type, off, size: sizeOf(u.type) });
        continue;
      }
      const slot = slots.length;
      for (const r of u.reads) r.c = slot + 1;
      for (const x of u.updates) x.c += 2 * (slot + 1);
      for (const w of u.writes) w.c = slot + 1;
      for (const v of this.vars) if (v.off === off) v.unset = slot;
      slots.push({ name: u.name, line: u.line });
    }
    if (slots.length) fn.unset = slots;
    if (shadowed.length) fn.shadowed = shadowed;
  }

  /**
   * The learner's code uses `name`, a function, type, struct tag or constant of the system
   * headers: when no header it includes declares it, say what gcc 12 says. A call is an
   * implicit declaration, a warning once per file (the program builds), unless the name is a
   * function-like macro (then it does not link); any other use is an error: once per function
   * for a value, at each use for a type or a struct that must be complete (an object of it,
   * sizeof, a member). `object` names the variable declared, or the struct's type as written.
   */
  protected checkDeclared(node: Node, name: string, use: "call" | "value" | "type" | "storage" | "sizeof" | "member", object = ""): void {
    if (!this.tree.user || !this.undeclared || this.own.has(name)) return;
    const u = this.undeclared(name);
    if (!u) return;
    const h = `<${u.header}>`;
    const forgot = `'${name}' is defined in header '${h}'; did you forget to '#include ${h}'?`;
    const once = (key: string, told = this.told): boolean => !told.has(key) && !!told.add(key);
    const at = `${this.tree.file}:${node.startIndex}:${name}`;
    if (use === "call") {
      if (!once(`${this.tree.file}:${name}`)) return;
      if (u.macro) this.diag(node, `implicit declaration of function '${name}'; ${forgot} (${name} is a macro there: without it the program does not link, undefined reference to '${name}')`);
      else this.diag(node, `implicit declaration of function '${name}'; include '${h}' or provide a declaration of '${name}'`, "warning");
      return;
    }
    if (use === "value") {
      const told = this.toldIn.get(this.code) ?? new Set<string>();
      this.toldIn.set(this.code, told);
      if (once(name, told)) this.diag(node, `'${name}' undeclared (first use in this function); ${forgot}`);
      return;
    }
    if (!once(at)) return;
    if (use === "type") this.diag(node, `unknown type name '${name}'; ${forgot}`);
    else if (use === "storage") this.diag(node, `storage size of '${object}' isn't known: ${name} is incomplete; ${forgot}`);
    else if (use === "member") this.diag(node, `invalid use of undefined type '${object}'; ${forgot}`);
    else this.diag(node, `invalid application of 'sizeof' to incomplete type '${name}'; ${forgot}`);
  }

  /** A global the system headers declare (stdout, optind) is theirs to declare. */
  protected checkGlobal(n: Node, v: Local | Global): void {
    if (this.globals.get(n.text) === v) this.checkDeclared(n, n.text, "value");
  }

  /** A name in the innermost scope that has it, else a global. */
  protected lookup(name: string): Local | Global | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }
}
