// Expressions: each syntax form compiles to stack code that leaves its value (or, for an
// lvalue under addr(), its address) on the stack and returns its type. The C rules that
// decide types and legality are the type pass's (typing.ts); this part only emits.
import type { Node } from "../parse";
import { Bin, Op } from "../program";
import { CType, K, CHAR, INT, LONG, ULONG, VOID, VOIDP, ptr, sizeOf, kindOf, isFloat, isBool, arithResult } from "../types";
import type { FuncType, Global, Local } from "./context";
import { unescape } from "./data";
import { TypePass, inner, numberValue, valueType, type Callee, type MisparsedCast } from "./typing";

type Form = (n: Node) => CType;

/** The expression inside any parentheses: `((x))` is x. */
const unparenthesized = (n: Node): Node => (n.type === "parenthesized_expression" ? unparenthesized(inner(n)) : n);

export abstract class Expressions extends TypePass {
  private readonly forms: Record<string, Form> = {
    number_literal: (n) => this.numberLiteral(n),
    char_literal: (n) => this.charLiteral(n),
    true: () => this.push(1, INT),
    false: () => this.push(0, INT),
    null: () => this.push(0, VOIDP),
    string_literal: (n) => { this.addr(n); return ptr(CHAR); },
    concatenated_string: (n) => { this.addr(n); return ptr(CHAR); },
    identifier: (n) => this.identifier(n),
    parenthesized_expression: (n) => this.expr(inner(n)),
    binary_expression: (n) => this.binary(n),
    unary_expression: (n) => this.unary(n),
    pointer_expression: (n) => this.pointer(n),
    subscript_expression: (n) => this.loadFrom(this.addr(n)),
    field_expression: (n) => this.loadFrom(this.addr(n)),
    compound_literal_expression: (n) => this.loadFrom(this.addr(n)),
    update_expression: (n) => this.update(n),
    assignment_expression: (n) => this.assign(n),
    call_expression: (n) => this.call(n),
    cast_expression: (n) => this.cast(n),
    sizeof_expression: (n) => this.push(sizeOf(this.sizeofType(n)), ULONG),
    alignof_expression: (n) => this.push(this.alignofValue(n), ULONG),
    offsetof_expression: (n) => this.push(this.offsetOf(n), ULONG),
    conditional_expression: (n) => this.conditional(n),
    comma_expression: (n) => this.comma(n),
  };

  private readonly lvalues: Record<string, (n: Node) => CType | undefined> = {
    identifier: (n) => this.variable(n),
    parenthesized_expression: (n) => this.addr(inner(n)),
    pointer_expression: (n) => n.childForFieldName("operator")!.text === "*" ? this.pointee(this.expr(n.childForFieldName("argument")!), n) : undefined,
    subscript_expression: (n) => this.subscript(n),
    field_expression: (n) => this.field(n),
    string_literal: (n) => this.stringAddr(n),
    concatenated_string: (n) => this.stringAddr(n),
    compound_literal_expression: (n) => this.compoundLiteral(n),
    call_expression: (n) => { const t = this.expr(n); return t.k === "struct" ? t : undefined; },
  };

  protected expr(n: Node): CType {
    const form = this.forms[n.type];
    if (form) return form(n);
    if (n.type === "initializer_list") this.err(n, "a braced list is only allowed as an initializer");
    return this.cannotRun(n, `expression '${n.type}' is not supported`);
  }

  /** Push the address of the object an lvalue designates; returns the object's type. */
  protected addr(n: Node): CType {
    const t = this.lvalues[n.type]?.(n);
    return t ?? this.err(n, `'${n.text.slice(0, 40)}' is not an lvalue`);
  }

  /** Push a condition's value as something JZ/JNZ can test (a double compared with 0). */
  protected cond(n: Node): void {
    const t = this.expr(n);
    if (t.k === "struct") this.err(n, "a struct is not a condition");
    if (isFloat(t)) { this.emit(Op.PUSH, 0); this.emit(Op.BIN, Bin.NE, K.F64); }
  }

  protected convert(from: CType, to: CType, n: Node): void {
    if (isBool(to) && !isBool(from) && from.k !== "struct" && from.k !== "void") {
      // To _Bool: 0 stays 0, every other value (2, 0.5, a pointer) becomes 1; truncating
      // to a byte would keep 2 and make 256 false.
      this.emit(Op.PUSH, 0);
      this.emit(Op.BIN, Bin.NE, kindOf(from));
      from = INT;
    }
    const conv = this.conversion(from, to, n);
    if (conv) this.emit(Op.CONV, conv[0], conv[1]);
  }

  private push(v: number, t: CType): CType {
    this.emit(Op.PUSH, v);
    return t;
  }

  /** Push the value of a variable of type t whose address is on the stack. */
  private loadFrom(t: CType): CType {
    if (t.k !== "array" && t.k !== "struct" && t.k !== "func") this.emit(Op.LOAD, kindOf(t));
    return valueType(t);
  }

  /** Multiply the index on the stack by the size of what the pointer points to. */
  private scale(it: CType, to: CType): void {
    this.convert(it, LONG, null as unknown as Node);
    const size = sizeOf(to);
    if (size !== 1) { this.emit(Op.PUSH, size); this.emit(Op.BIN, Bin.MUL, K.I64); }
  }

  private numberLiteral(n: Node): CType {
    // tree-sitter folds a sign into the literal in some places: -1 is 0 - 1 in C.
    const { value, type } = numberValue(n.text.replace(/^[-+]/, ""), n, this.err.bind(this));
    this.pushConst(value, kindOf(type));
    if (n.text[0] === "-") this.emit(Op.NEG, 0, kindOf(type));
    return type;
  }

  private charLiteral(n: Node): CType {
    const body = n.namedChildren.map((c) => c!.type === "escape_sequence" ? unescape(c!.text) : c!.text).join("");
    return this.push((body.charCodeAt(0) << 24) >> 24, INT);
  }

  private identifier(n: Node): CType {
    const d = this.named(n);
    switch (d.kind) {
      case "errno": this.emit(Op.ERRNO); this.emit(Op.LOAD, K.I32); return INT;
      case "var": {
        const t = this.varAddr(d.v);
        const w = this.lastUnset();
        const v = this.loadFrom(t);
        this.plainUse(w, "reads");
        return v;
      }
      default: this.pushConst(d.value, kindOf(d.type)); return d.type;
    }
  }

  private varAddr(v: Local | Global): CType {
    if ("off" in v) {
      const at = this.emit(Op.LOCAL, v.off);
      this.unset.get(v.off)?.locals.add(this.code[at]);
    } else if (v.tls !== undefined) this.emit(Op.TLS, v.tls, v.addr);
    else this.emit(Op.PUSH, v.addr);
    return v.type;
  }

  private variable(n: Node): CType {
    if (n.text === "errno") { this.checkDeclared(n, "errno", "value"); this.emit(Op.ERRNO); return INT; }
    const v = this.lookup(n.text);
    if (!v) this.err(n, `'${n.text}' is not declared`);
    this.checkGlobal(n, v);
    return this.varAddr(v);
  }

  private unary(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const arg = n.childForFieldName("argument")!;
    if (op === "!") {
      this.cond(arg);
      this.emit(Op.LNOT);
      return INT;
    }
    const from = this.expr(arg);
    const t = this.unaryResult(op, from, n);
    this.convert(from, t, n);
    if (op === "-") this.emit(Op.NEG, 0, kindOf(t));
    else if (op === "~") this.emit(Op.BNOT, 0, kindOf(t));
    return t;
  }

  private pointer(n: Node): CType {
    const arg = n.childForFieldName("argument")!;
    if (n.childForFieldName("operator")!.text !== "&") return this.loadFrom(this.addr(n));
    if (this.isFunctionName(arg)) return this.identifier(arg);
    return ptr(this.addr(arg));
  }

  private subscript(n: Node): CType {
    const [base, index] = this.subscriptOperands(n);
    const t = this.expr(base);
    let it: CType = INT;
    const to = this.element(t, n, index, () => (it = this.expr(index)));
    this.scale(it, to);
    this.emit(Op.BIN, Bin.ADD, K.I64);
    return to;
  }

  private field(n: Node): CType {
    const f = this.fieldOf(n, this.structOperand(n, (a) => this.expr(a), (a) => this.addr(a)));
    if (f.offset) { this.emit(Op.PUSH, f.offset); this.emit(Op.BIN, Bin.ADD, K.I64); }
    return f.type;
  }

  private stringAddr(n: Node): CType {
    const s = this.stringLiteral(n)!;
    this.emit(Op.PUSH, this.intern(s));
    return { k: "array", of: CHAR, len: s.length + 1 };
  }

  private compoundLiteral(n: Node): CType {
    const type = this.typeDescriptor(n.childForFieldName("type")!);
    const off = this.allocLocal(type);
    this.initLocal(off, type, n.childForFieldName("value")!);
    this.emit(Op.LOCAL, off);
    return type;
  }

  private update(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const arg = n.childForFieldName("argument")!;
    const post = n.child(0)?.type === "identifier" || n.child(0) === arg || n.child(0)!.startIndex === arg.startIndex;
    const t = this.addr(arg);
    const w = unparenthesized(arg).type === "identifier" ? this.lastUnset() : undefined;
    this.checkUpdate(t, n);
    const step = t.k === "ptr" ? sizeOf(t.to) : 1;
    this.emit(Op.INCDEC, kindOf(t), op === "++" ? step : -step, post ? 1 : 0);
    this.plainUse(w, "updates");
    return t;
  }

  private cast(n: Node): CType {
    const to = this.typeDescriptor(n.childForFieldName("type")!);
    return this.castOf(this.expr(n.childForFieldName("value")!), to, n);
  }

  /** Emit `-x`, `+x`, `*p` or `&x` of a cast the parser read as a binary operation. */
  private castOperand(mc: MisparsedCast, n: Node): CType {
    if (mc.op === "*") return this.loadFrom(this.pointee(this.expr(mc.operand), n));
    if (mc.op === "&") return ptr(this.addr(mc.operand));
    const from = this.expr(mc.operand);
    const t = this.unaryResult(mc.op, from, n);
    this.convert(from, t, n);
    if (mc.op === "-") this.emit(Op.NEG, 0, kindOf(t));
    return t;
  }

  /** Convert the value on the stack, of type `from`, to `to` as a cast does. */
  private castOf(from: CType, to: CType, n: Node): CType {
    const t = this.castResult(from, to, n);
    if (t.k === "void") { this.emit(Op.POP); this.emit(Op.PUSH, 0); }
    else if (from.k !== "func") this.convert(from, to, n);
    return t;
  }

  private conditional(n: Node): CType {
    this.cond(n.childForFieldName("condition")!);
    const jz = this.emit(Op.JZ);
    const { a, b, type } = this.conditionalOperands(n);
    this.convert(this.expr(a), type, a);
    const j = this.emit(Op.JMP);
    this.patch(jz);
    this.convert(this.expr(b), type, b);
    this.patch(j);
    return type;
  }

  private comma(n: Node): CType {
    this.expr(n.childForFieldName("left")!);
    this.emit(Op.POP);
    return this.expr(n.childForFieldName("right")!);
  }

  private binary(n: Node): CType {
    const mc = this.misparsedCast(n);
    if (mc) return this.castOf(this.castOperand(mc, n), mc.to, n);
    const op = n.childForFieldName("operator")!.text;
    const l = n.childForFieldName("left")!;
    const r = n.childForFieldName("right")!;
    if (op === "&&" || op === "||") return this.logical(op, l, r);
    const code = this.binOp(op, n);
    return this.arith(code, this.typeOf(l), this.typeOf(r), () => this.expr(l), () => this.expr(r), n);
  }

  /** `&&` and `||` evaluate the right side only when the left does not decide. */
  private logical(op: "&&" | "||", l: Node, r: Node): CType {
    const and = op === "&&";
    this.cond(l);
    const j1 = this.emit(and ? Op.JZ : Op.JNZ);
    this.cond(r);
    const j2 = this.emit(and ? Op.JZ : Op.JNZ);
    this.emit(Op.PUSH, and ? 1 : 0);
    const j3 = this.emit(Op.JMP);
    this.patch(j1);
    this.patch(j2);
    this.emit(Op.PUSH, and ? 0 : 1);
    this.patch(j3);
    return INT;
  }

  /** Emit `left op right` with C's conversions; left and right emit their operands. */
  private arith(code: Bin, tl: CType, tr: CType, left: () => CType, right: () => CType, n: Node): CType {
    const rt = this.arithType(code, tl, tr, n);
    const lp = tl.k === "ptr" || tl.k === "array" || tl.k === "func";
    const rp = tr.k === "ptr" || tr.k === "array" || tr.k === "func";
    if (lp || rp) return this.pointerArith(code, lp, rp, rt, left, right, n);
    if (code === Bin.SHL || code === Bin.SHR) {
      this.convert(left(), rt, n);
      this.convert(right(), INT, n);
      this.emit(Op.BIN, code, kindOf(rt));
      return rt;
    }
    const ct = code >= Bin.LT ? arithResult(tl, tr) : rt;
    this.convert(left(), ct, n);
    this.convert(right(), ct, n);
    this.emit(Op.BIN, code, kindOf(ct));
    return rt;
  }

  /** Pointer comparison, pointer +- integer (scaled), pointer - pointer (in elements),
   *  and the bitwise operators on addresses. */
  private pointerArith(code: Bin, lp: boolean, rp: boolean, rt: CType, left: () => CType, right: () => CType, n: Node): CType {
    if (code >= Bin.LT || code === Bin.AND || code === Bin.OR || code === Bin.XOR) {
      left(); right();
      this.emit(Op.BIN, code, code >= Bin.LT ? K.I64 : K.U64);
      return rt;
    }
    if (lp && !rp) {
      const t = left() as { to: CType };
      this.scale(right(), t.to);
      this.emit(Op.BIN, code, K.I64);
      return t as CType;
    }
    if (!lp) {
      this.convert(left(), LONG, n);
      const t = right() as { to: CType };
      this.emit(Op.SWAP);
      this.emit(Op.PUSH, sizeOf(t.to));
      this.emit(Op.BIN, Bin.MUL, K.I64);
      this.emit(Op.BIN, Bin.ADD, K.I64);
      return t as CType;
    }
    const t = left() as { to: CType }; right();
    this.emit(Op.BIN, Bin.SUB, K.I64);
    this.emit(Op.PUSH, Math.max(sizeOf(t.to), 1));
    this.emit(Op.BIN, Bin.DIV, K.I64);
    return rt;
  }

  private assign(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const r = n.childForFieldName("right")!;
    const lt = this.assignTarget(n, (l) => this.addr(l));
    // x = ..., x += ...: a plain write (and read) of x when x is a local by name.
    const w = unparenthesized(n.childForFieldName("left")!).type === "identifier" ? this.lastUnset() : undefined;
    if (op === "=") {
      const rt = this.expr(r);
      this.checkAssign(lt, rt, n);
      if (lt.k === "struct") this.emit(Op.MEMCPY, sizeOf(lt));
      else if (rt.k === "func") this.emit(Op.STORE, K.U64);
      else { this.convert(rt, lt, n); this.emit(Op.STORE, kindOf(lt)); }
      if (lt.k !== "struct") this.plainUse(w, "writes");
      return lt;
    }
    const code = this.binOp(op.slice(0, -1), n);
    this.emit(Op.DUP);
    const res = this.arith(code, lt, this.typeOf(r), () => { this.emit(Op.LOAD, kindOf(lt)); this.plainUse(w, "reads"); return lt; }, () => this.expr(r), n);
    this.convert(res, lt, n);
    this.emit(Op.STORE, kindOf(lt));
    this.plainUse(w, "writes");
    return lt;
  }

  private call(n: Node): CType {
    // A struct comes back as the address of the callee's copy, which the next call would
    // overwrite: it is copied at once into a slot of this frame, whose address is the value.
    const c = this.callee(n);
    const ret = c.info ? c.type.ret : this.calledType(this.typeOf(c.callee), c.callee).ret;
    const size = ret.k === "struct" ? sizeOf(ret) : 0;
    if (size) this.emit(Op.LOCAL, this.allocLocal(ret));
    const t = this.callOnly(n, c);
    if (size) this.emit(Op.MEMCPY, size);
    return t;
  }

  private callOnly(n: Node, c: Callee): CType {
    const args = this.callArgs(n);
    if (c.info) {
      const doubles = this.args(c.type, args, n, c.info.index === undefined);
      if (c.info.index !== undefined) this.emit(Op.CALL, c.info.index, args.length, doubles);
      else {
        this.emit(Op.BUILTIN, c.info.builtin!, args.length);
        const atomic = this.atomicValueType(n, c);
        if (atomic) { this.convert(c.type.ret, atomic, n); return atomic; }
        // A builtin answers -1 for (void *)-1 (MAP_FAILED, SIG_ERR): as unsigned, all ones.
        if (kindOf(c.type.ret) === K.U64 && c.type.ret.k !== "void") this.emit(Op.CONV, K.I64, K.U64);
      }
      return c.type.ret.k === "void" ? VOID : c.type.ret;
    }
    const ft = this.calledType(this.expr(c.callee), c.callee);
    this.emit(Op.CALLI, 0, args.length, this.args(ft, args, n));
    return ft.ret;
  }

  /** Compile the arguments; returns a mask of the extra (variadic) ones passed as double, so
   *  the callee's va_arg area stores them as doubles. */
  private args(t: FuncType, args: Node[], n: Node, builtin = false): number {
    let doubles = 0;
    this.checkArgCount(t, args, n);
    // The order is unspecified in C; gcc on x86-64 evaluates the last argument first, which
    // shows when two of them have effects (printf("%d %d", getpid(), getppid()) calls
    // getppid first under strace). Then the values are put back in order.
    const lastFirst = args.filter(hasEffects).length > 1;
    const order = args.map((a, i) => ({ a, i }));
    if (lastFirst) order.reverse();
    for (const { a, i } of order) {
      const at = this.expr(a);
      // A small struct or union passed through `...` travels in a register as its bytes
      // (semctl's union semun): a builtin gets that word, not the address.
      if (builtin && !t.params[i] && at.k === "struct" && sizeOf(at) <= 8) { this.emit(Op.LOAD, K.U64); continue; }
      const to = this.argConversion(t, i, at, a);
      if (to) this.convert(at, to, a);
      if (!t.params[i] && at.k === "float" && i < 31) doubles |= 1 << i;
    }
    if (lastFirst) this.emit(Op.REVERSE, args.length);
    return doubles;
  }
}

/** Whether evaluating n can call a function or change a variable. */
function hasEffects(n: Node): boolean {
  return n.descendantsOfType(["call_expression", "assignment_expression", "update_expression"]).length > 0;
}
