// The type pass: the type of an expression worked out from the tree, without emitting code.
// Expressions ask it where C's rules need an operand's type before the operand is compiled
// (binary operators, `?:`, compound assignment, which side of `a[i]` is the pointer), and
// the C rules that both passes apply (conversions, operator result types, fields, calls)
// live here once, so the code emitted and the type computed cannot disagree.
import type { Node } from "../parse";
import { Bin } from "../program";
import {
  CType, K, CHAR, INT, UINT, LONG, ULONG, DOUBLE, FLOAT, LONG_DOUBLE, VOID, VOIDP, ptr, sizeOf, alignOf, kindOf, isInt, isFloat, isArith,
  isPtr, isScalar, promote, arithResult, typeName, findField, Field,
} from "../types";
import { FLOAT_CONSTANTS, intConstant, POINTER_CONSTANTS } from "../constants";
import { TEXT_BASE, BUILTIN_BASE } from "../memory";
import { ATOMIC_BUILTIN, ATOMIC_VALUE_OPS } from "../libc/atomic";
import { Val, canon } from "../wide";
import { FuncInfo, FuncType, Global, Local } from "./context";
import { Declarations, TYPEOF } from "./declarations";
import { unmodelledFunction, unmodelledType } from "./unmodelled";

/** `(T)-x`, `(T)*p`, `(T)&x` as the parser reads them, taken back to the cast they are. */
export interface MisparsedCast {
  to: CType;
  op: "-" | "+" | "*" | "&";
  operand: Node;
}

export const BIN_OPS: Record<string, Bin> = {
  "+": Bin.ADD, "-": Bin.SUB, "*": Bin.MUL, "/": Bin.DIV, "%": Bin.MOD, "<<": Bin.SHL, ">>": Bin.SHR,
  "&": Bin.AND, "|": Bin.OR, "^": Bin.XOR, "<": Bin.LT, "<=": Bin.LE, ">": Bin.GT, ">=": Bin.GE, "==": Bin.EQ, "!=": Bin.NE,
};

/** What a name in an expression denotes. */
export type Named =
  | { kind: "errno" }
  | { kind: "var"; v: Local | Global }
  | { kind: "value"; value: Val; type: CType }
  | { kind: "func"; value: number; type: CType };

/** What a call calls: a function by name (user code or built-in) or through a pointer. */
export type Callee = { info: FuncInfo; type: FuncType } | { info?: undefined; callee: Node };

const LVALUE_SIZE = ["identifier", "subscript_expression", "field_expression", "pointer_expression", "string_literal", "concatenated_string"];

/** The first named child that is not a comment. */
export const inner = (n: Node): Node => n.namedChildren.find((c) => c && c.type !== "comment")!;

/** A value of type t read from memory: arrays decay to pointers; structs and functions stay. */
export function valueType(t: CType): CType {
  return t.k === "array" ? ptr(t.of) : t;
}

/** A number literal's value and type (C's rules: suffixes, and the first type that holds it;
 *  decimal constants without `u` skip the unsigned types). Exact to 64 bits. */
export function numberValue(raw: string, n: Node, err: (n: Node, m: string) => never): { value: Val; type: CType } {
  const text = raw.toLowerCase().replace(/'/g, "");
  const isHex = text.startsWith("0x");
  if (!isHex && /[.e]/.test(text) || (!isHex && text.endsWith("f"))) {
    // An f suffix makes a float (its value rounded to one), an l suffix a long double.
    if (text.endsWith("f")) return { value: Math.fround(parseFloat(text)), type: FLOAT };
    return { value: parseFloat(text), type: text.endsWith("l") ? LONG_DOUBLE : DOUBLE };
  }
  const m = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)([ul]*)$/.exec(text);
  if (!m) err(n, `bad number '${n.text}'`);
  const digits = m[1];
  const octal = /^0[0-9]/.test(digits);
  const decimal = !octal && !/^0[xb]/.test(digits);
  if (octal && /[89]/.test(digits)) err(n, `invalid digit in octal constant '${n.text}'`);
  const exact = octal ? BigInt("0o" + digits.slice(1)) : BigInt(digits);
  if (exact > 0xffffffffffffffffn) err(n, `integer constant '${n.text}' is too large for any integer type`);
  const value = canon(exact);
  const unsigned = m[2].includes("u");
  const long = m[2].includes("l") || exact > 0xffffffffn || (!unsigned && decimal && exact > 0x7fffffffn);
  if (long) return { value, type: unsigned || exact > 0x7fffffffffffffffn ? ULONG : LONG };
  return { value, type: unsigned || exact > 0x7fffffffn ? UINT : INT };
}

export abstract class TypePass extends Declarations {
  /** The type of an expression, as expr() would return it, without emitting code. */
  protected typeOf(n: Node): CType {
    switch (n.type) {
      case "number_literal": return numberValue(n.text.replace(/^[-+]/, ""), n, this.err.bind(this)).type;
      case "char_literal": case "true": case "false": return INT;
      case "null": return VOIDP;
      case "string_literal": case "concatenated_string": return ptr(CHAR);
      case "identifier": return this.nameType(this.named(n));
      case "parenthesized_expression": return this.typeOf(inner(n));
      case "binary_expression": return this.binaryType(n);
      case "unary_expression": return this.unaryType(n);
      case "pointer_expression": return this.pointerType(n);
      case "subscript_expression": case "field_expression": case "compound_literal_expression":
        return valueType(this.addrType(n));
      case "update_expression": return this.updateType(n);
      case "assignment_expression": return this.assignType(n);
      case "call_expression": return this.callType(n);
      case "cast_expression": return this.castType(n);
      case "sizeof_expression": this.sizeofType(n); return ULONG;
      case "alignof_expression": this.typeDescriptor(n.childForFieldName("type")!); return ULONG;
      case "offsetof_expression": this.offsetOf(n); return ULONG;
      case "conditional_expression": return this.conditionalType(n);
      case "comma_expression": this.typeOf(n.childForFieldName("left")!); return this.typeOf(n.childForFieldName("right")!);
      case "initializer_list": this.err(n, "a braced list is only allowed as an initializer");
    }
    return this.cannotRun(n, `expression '${n.type}' is not supported`);
  }

  /** The type of the object an lvalue expression designates, as addr() would return it. */
  protected addrType(n: Node): CType {
    switch (n.type) {
      case "identifier": {
        const d = this.named(n);
        if (d.kind === "errno") return INT;
        if (d.kind !== "var") this.err(n, `'${n.text}' is not declared`);
        return d.v.type;
      }
      case "parenthesized_expression": return this.addrType(inner(n));
      case "pointer_expression":
        if (n.childForFieldName("operator")!.text !== "*") break;
        return this.pointee(this.typeOf(n.childForFieldName("argument")!), n);
      case "subscript_expression": {
        const [base, index] = this.subscriptOperands(n);
        return this.element(this.typeOf(base), n, index, () => this.typeOf(index));
      }
      case "field_expression": return this.fieldOf(n, this.structOperand(n, (a) => this.typeOf(a), (a) => this.addrType(a))).type;
      case "string_literal":
      case "concatenated_string":
        return { k: "array", of: CHAR, len: this.stringLiteral(n)!.length + 1 };
      case "compound_literal_expression": return this.typeDescriptor(n.childForFieldName("type")!);
      case "call_expression": {
        const t = this.typeOf(n);
        if (t.k === "struct") return t;
        break;
      }
    }
    return this.err(n, `'${n.text.slice(0, 40)}' is not an lvalue`);
  }

  /** What an identifier denotes: errno, a variable, an enumerator or constant, a function. */
  protected named(n: Node): Named {
    const name = n.text;
    if (name === "errno") { this.checkDeclared(n, name, "value"); return { kind: "errno" }; }
    const v = this.lookup(name);
    if (v) { this.checkGlobal(n, v); return { kind: "var", v }; }
    if (this.enums.has(name)) return { kind: "value", value: this.enums.get(name)!, type: INT };
    // Anything further is the system headers' unless the program declares it (checkDeclared).
    this.checkDeclared(n, name, "value");
    const f = this.funcs.get(name);
    if (f) {
      if (f.index !== undefined) return { kind: "func", value: TEXT_BASE + f.index * 16, type: ptr(f.type) };
      if (f.builtin !== undefined) return { kind: "func", value: BUILTIN_BASE + f.builtin * 16, type: ptr(f.type) };
      this.err(n, `function '${name}' is declared but never defined`);
    }
    const c = intConstant(name);
    if (c) return { kind: "value", value: c.value, type: { int: INT, uint: UINT, long: LONG, ulong: ULONG }[c.type] };
    const fc = FLOAT_CONSTANTS[name];
    if (fc) return { kind: "value", value: fc.value, type: fc.size === 4 ? FLOAT : DOUBLE };
    if (name in POINTER_CONSTANTS) {
      const type = name === "NULL" ? VOIDP : ptr({ k: "func", ret: VOID, params: [INT], variadic: false });
      return { kind: "value", value: POINTER_CONSTANTS[name], type };
    }
    if (this.typedefs.has(name)) return this.err(n, `'${name}' is a type, not a value`);
    return this.err(n, `'${name}' is not declared`);
  }

  private nameType(d: Named): CType {
    if (d.kind === "errno") return INT;
    return d.kind === "var" ? valueType(d.v.type) : d.type;
  }

  /** The type of a condition; a struct is not one. */
  protected condType(n: Node): CType {
    const t = this.typeOf(n);
    if (t.k === "struct") this.err(n, "a struct is not a condition");
    return t;
  }

  /** The CONV instruction's kinds for a conversion, or undefined when none is needed. */
  protected conversion(from: CType, to: CType, n: Node): [K, K] | undefined {
    if (to.k === "void") return undefined;
    if (to.k === "struct" || from.k === "struct") {
      if (to.k === "struct" && from.k === "struct" && to.def === from.def) return undefined;
      this.err(n, `cannot convert ${typeName(from)} to ${typeName(to)}`);
    }
    if (from.k === "void") this.err(n, "void value used");
    const a = kindOf(from), b = kindOf(to);
    if (a === b) return undefined;
    // Widening that keeps every value needs no code.
    const intA = a <= K.U64, intB = b <= K.U64;
    if (intA && intB) {
      const sa = sizeOf(from.k === "int" ? from : ULONG), sb = sizeOf(to.k === "int" ? to : ULONG);
      const signedA = a % 2 === 0, signedB = b % 2 === 0;
      if (sb > sa && (!signedA || signedB)) return undefined;
    }
    if (b === K.F64 && intA && a !== K.U64 && a !== K.I64) return undefined;
    return [a, b];
  }

  /** `-x`, `~x`, `!x` */
  protected unaryType(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const arg = n.childForFieldName("argument")!;
    if (op === "!") { this.condType(arg); return INT; }
    return this.unaryResult(op, this.typeOf(arg), n);
  }

  protected unaryResult(op: string, t: CType, n: Node): CType {
    if (!isArith(t)) this.err(n, `unary '${op}' needs a number, not ${typeName(t)}`);
    const pt = promote(t);
    this.conversion(t, pt, n);
    if (op === "~" && isFloat(pt)) this.err(n, "'~' needs an integer");
    return pt;
  }

  private pointerType(n: Node): CType {
    const arg = n.childForFieldName("argument")!;
    if (n.childForFieldName("operator")!.text !== "&") return valueType(this.addrType(n));
    if (this.isFunctionName(arg)) return this.nameType(this.named(arg));
    return ptr(this.addrType(arg));
  }

  /** `&f` where f names a function (not a variable that hides it). */
  protected isFunctionName(arg: Node): boolean {
    return arg.type === "identifier" && this.funcs.has(arg.text) && !this.lookup(arg.text);
  }

  /** `*p`: the pointed-to type. */
  protected pointee(t: CType, n: Node): CType {
    if (t.k !== "ptr") this.err(n, `cannot dereference a ${typeName(t)}`);
    if (t.to.k === "void") this.err(n, "dereferencing a void pointer");
    return t.to;
  }

  /** `a[i]` or `i[a]`: [the pointer side, the index side]. */
  protected subscriptOperands(n: Node): [Node, Node] {
    let base = n.childForFieldName("argument")!;
    let index = n.childForFieldName("index") ?? n.namedChildren[1]!;
    const bt = this.typeOf(base);
    if (!isPtr(bt) && bt.k !== "array") [base, index] = [index, base];
    return [base, index];
  }

  /** The element type of `base[index]`, given the base's value type; `indexType` gives
   *  (or compiles) the index, after the base is known to be a pointer. */
  protected element(t: CType, n: Node, index: Node, indexType: () => CType): CType {
    if (t.k !== "ptr") this.err(n, `subscripted value is a ${typeName(t)}, not an array or pointer`);
    if (!isInt(indexType())) this.err(index, "array index is not an integer");
    return t.to;
  }

  /** The struct that `s.f` or `p->f` selects from: `value` for p (->), `object` for s (.). */
  protected structOperand(n: Node, value: (a: Node) => CType, object: (a: Node) => CType): CType {
    const arg = n.childForFieldName("argument")!;
    if (n.childForFieldName("operator")!.text === "->") {
      const pt = value(arg);
      if (pt.k !== "ptr" || pt.to.k !== "struct") this.err(n, `'->' needs a pointer to a struct, not ${typeName(pt)}`);
      return pt.to;
    }
    const t = object(arg);
    if (t.k !== "struct") this.err(n, `'.' needs a struct, not ${typeName(t)}`);
    return t;
  }

  /** The field `s.f` or `p->f` names in struct type t. */
  protected fieldOf(n: Node, t: CType): Field {
    if (t.k !== "struct") this.err(n, "not a struct");
    if (!t.def.union) this.checkDeclared(n.childForFieldName("operator") ?? n, `struct ${t.def.tag}`, "member", typeName(t));
    if (!t.def.complete) this.err(n, `${typeName(t)} is incomplete${unmodelledType(typeName(t))}`);
    const fname = n.childForFieldName("field")!.text;
    const f = findField(t.def, fname);
    if (!f) this.err(n, `${typeName(t)} has no field '${fname}'`);
    return f;
  }

  private updateType(n: Node): CType {
    const t = this.addrType(n.childForFieldName("argument")!);
    this.checkUpdate(t, n);
    return t;
  }

  protected checkUpdate(t: CType, n: Node): void {
    if (!isScalar(t)) this.err(n, `'${n.childForFieldName("operator")!.text}' needs a number or pointer`);
  }

  private binaryType(n: Node): CType {
    const mc = this.misparsedCast(n);
    if (mc) return this.castResult(this.castOperandType(mc, n), mc.to, n);
    const op = n.childForFieldName("operator")!.text;
    const l = n.childForFieldName("left")!;
    const r = n.childForFieldName("right")!;
    if (op === "&&" || op === "||") { this.condType(l); this.condType(r); return INT; }
    const code = this.binOp(op, n);
    return this.arithType(code, this.typeOf(l), this.typeOf(r), n);
  }

  /**
   * The parser cannot tell a cast to a typedef name from a parenthesized name: `(pid_t)-1`,
   * `(word)*p` and `(word)&x` come out as a subtraction, product or bitwise and whose left
   * side is `(pid_t)`. When that name is a type here (no variable hides it), C reads a cast
   * of `-1`, `*p`, `&x`: returns the type, the unary operator and its operand.
   */
  protected misparsedCast(n: Node): MisparsedCast | undefined {
    const op = n.childForFieldName("operator")!.text;
    if (op !== "-" && op !== "+" && op !== "*" && op !== "&") return undefined;
    const l = n.childForFieldName("left")!;
    if (l.type !== "parenthesized_expression" || l.namedChildCount !== 1) return undefined;
    const name = l.namedChild(0)!;
    if (name.type !== "identifier" || !this.typedefs.has(name.text) || this.lookup(name.text)) return undefined;
    return { to: this.typedefs.get(name.text)!, op, operand: n.childForFieldName("right")! };
  }

  /** The type of a misparsed cast's operand: `-x`, `+x`, `*p` or `&x`. */
  private castOperandType(mc: MisparsedCast, n: Node): CType {
    if (mc.op === "*") return valueType(this.pointee(this.typeOf(mc.operand), n));
    if (mc.op === "&") return ptr(this.addrType(mc.operand));
    return this.unaryResult(mc.op, this.typeOf(mc.operand), n);
  }

  protected binOp(op: string, n: Node): Bin {
    const code = BIN_OPS[op];
    if (code === undefined) this.cannotRun(n, `operator '${op}' is not supported`);
    return code;
  }

  /** The result type of `left op right` under C's conversions, and whether it is legal. */
  protected arithType(code: Bin, tl: CType, tr: CType, n: Node): CType {
    const cmp = code >= Bin.LT;
    const lp = tl.k === "ptr" || tl.k === "array" || tl.k === "func";
    const rp = tr.k === "ptr" || tr.k === "array" || tr.k === "func";
    if (lp || rp) {
      if (cmp) return INT;
      if (code === Bin.ADD && lp && !rp) return tl;
      if (code === Bin.ADD && rp && !lp) { this.conversion(tl, LONG, n); return tr; }
      if (code === Bin.SUB && lp && !rp) return tl;
      if (code === Bin.SUB && lp && rp) return LONG;
      if (code === Bin.AND || code === Bin.OR || code === Bin.XOR) return ULONG;
      this.err(n, `invalid operands to '${Bin[code]}' (${typeName(tl)} and ${typeName(tr)})`);
    }
    if (!isArith(tl) || !isArith(tr)) this.err(n, `invalid operands (${typeName(tl)} and ${typeName(tr)})`);
    if (code === Bin.SHL || code === Bin.SHR) return promote(tl);
    return cmp ? INT : arithResult(tl, tr);
  }

  private assignType(n: Node): CType {
    const op = n.childForFieldName("operator")!.text;
    const r = n.childForFieldName("right")!;
    const lt = this.assignTarget(n);
    if (op === "=") { this.checkAssign(lt, this.typeOf(r), n); return lt; }
    const res = this.arithType(this.binOp(op.slice(0, -1), n), lt, this.typeOf(r), n);
    this.conversion(res, lt, n);
    return lt;
  }

  /** The left side's type; an array cannot be assigned. */
  protected assignTarget(n: Node, addr = (l: Node) => this.addrType(l)): CType {
    const l = n.childForFieldName("left")!;
    const lt = addr(l);
    if (lt.k === "array") this.err(l, "cannot assign to an array");
    return lt;
  }

  /** `l = r`: a struct takes only its own type; a function is stored as its address. */
  protected checkAssign(lt: CType, rt: CType, n: Node): void {
    if (lt.k === "struct") {
      if (rt.k !== "struct" || rt.def !== lt.def) this.err(n, `cannot assign ${typeName(rt)} to ${typeName(lt)}`);
    } else if (rt.k !== "func") this.conversion(rt, lt, n);
  }

  /** The function a call names, checked: declared, and defined in user code or built in. */
  protected callee(n: Node): Callee {
    const fnode = n.childForFieldName("function")!;
    if (fnode.type !== "identifier" || this.lookup(fnode.text)) return { callee: fnode };
    const info = this.funcs.get(fnode.text);
    if (info) this.checkDeclared(fnode, fnode.text, "call");
    else {
      const b = this.builtinIndex.get(fnode.text);
      // The grammar reads `typeof(a + b) c` as a call; typeof of a name or a type is a type (declarations.ts).
      if (TYPEOF.has(fnode.text)) this.cannotRun(fnode, "typeof of an expression is not supported: give it a variable's name or a type");
      if (b === undefined) this.cannotRun(fnode, `function '${fnode.text}' is not defined and is not one of the built-in library functions${unmodelledFunction(fnode.text)}`);
      this.err(fnode, `function '${fnode.text}' is used without a declaration (include its header)`);
    }
    if (info.index === undefined && info.builtin === undefined)
      this.cannotRun(fnode, `function '${fnode.text}' is declared but not defined, and the stepper has no built-in for it`);
    return { info, type: info.type };
  }

  /** The function type called through a value of type ft (a function or a pointer to one). */
  protected calledType(ft: CType, fnode: Node): FuncType {
    if (ft.k === "ptr" && ft.to.k === "func") ft = ft.to;
    if (ft.k !== "func") this.err(fnode, `called object is a ${typeName(ft)}, not a function`);
    return ft;
  }

  protected callArgs(n: Node): Node[] {
    return (n.childForFieldName("arguments")?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== "comment");
  }

  private callType(n: Node): CType {
    const c = this.callee(n);
    const t = c.info ? c.type : this.calledType(this.typeOf(c.callee), c.callee);
    const args = this.callArgs(n);
    this.checkArgCount(t, args, n);
    args.forEach((a, i) => this.argConversion(t, i, this.typeOf(a), a));
    return this.atomicValueType(n, c) ?? (c.info && t.ret.k === "void" ? VOID : t.ret);
  }

  /** An atomic operation that answers the object's value (the macros of constants.ts call
   *  __forklab_atomic(op, p, ...)) answers it as *p's type, as C11 and GCC say: the library
   *  call hands back a long, so an unsigned long holding ULONG_MAX would read as -1 and an
   *  unsigned int holding UINT_MAX as negative. Undefined for every other call. */
  protected atomicValueType(n: Node, c: Callee): CType | undefined {
    if (!c.info || n.childForFieldName("function")?.text !== ATOMIC_BUILTIN) return undefined;
    const [op, p] = this.callArgs(n);
    if (!op || !p || op.type !== "number_literal" || !ATOMIC_VALUE_OPS.has(Number(op.text))) return undefined;
    const pt = this.typeOf(p);
    const to = pt.k === "ptr" ? pt.to : undefined;
    return to && (to.k === "int" || to.k === "ptr") ? to : undefined;
  }

  protected checkArgCount(t: FuncType, args: Node[], n: Node): void {
    if (!t.noProto && !t.variadic && args.length !== t.params.length) this.err(n, `expected ${t.params.length} arguments, got ${args.length}`);
    if (t.variadic && args.length < t.params.length) this.err(n, `expected at least ${t.params.length} arguments, got ${args.length}`);
  }

  /** The type argument i is passed as: its parameter's, else the default promotions
   *  (float to double, small integers to int); undefined when it goes as it is. */
  protected argConversion(t: FuncType, i: number, at: CType, a: Node): CType | undefined {
    const pt = t.params[i];
    if (at.k === "void") this.err(a, "void value passed as an argument");
    let to: CType | undefined;
    if (pt) { if (at.k !== "func") to = pt; }
    else if (at.k === "float") to = DOUBLE;
    else if (at.k === "int" && at.size < 4) to = INT;
    if (to) this.conversion(at, to, a);
    return to;
  }

  private castType(n: Node): CType {
    const to = this.typeDescriptor(n.childForFieldName("type")!);
    const from = this.typeOf(n.childForFieldName("value")!);
    return this.castResult(from, to, n);
  }

  protected castResult(from: CType, to: CType, n: Node): CType {
    if (to.k === "void") return VOID;
    if (from.k !== "func") this.conversion(from, to, n);
    return to;
  }

  /** The type sizeof measures: a type name's, or its operand's with arrays kept whole. */
  protected sizeofType(n: Node): CType {
    const tn = n.childForFieldName("type");
    if (tn) {
      const t = this.typeDescriptor(tn);
      if (t.k === "struct" && !t.def.union) this.checkDeclared(tn, `struct ${t.def.tag}`, "sizeof");
      return t;
    }
    const v = n.childForFieldName("value")!;
    const e = v.type === "parenthesized_expression" ? v.namedChildren[0]! : v;
    if (e.type === "identifier" && this.typedefs.has(e.text) && !this.lookup(e.text)) {
      this.checkDeclared(e, e.text, "type");
      return this.typedefs.get(e.text)!;
    }
    if (!LVALUE_SIZE.includes(e.type)) return this.typeOf(v);
    if (e.type === "pointer_expression" && e.childForFieldName("operator")!.text === "&") return this.typeOf(e);
    if (e.type === "identifier" && !this.lookup(e.text)) return this.typeOf(e);
    return this.addrType(e);
  }

  protected offsetOf(n: Node): number {
    const t = this.typeDescriptor(n.childForFieldName("type")!);
    const f = t.k === "struct" ? findField(t.def, n.childForFieldName("member")!.text) : undefined;
    if (!f) this.err(n, "offsetof: no such field");
    return f.offset;
  }

  protected alignofValue(n: Node): number {
    return alignOf(this.typeDescriptor(n.childForFieldName("type")!));
  }

  /** `c ? a : b`: arithmetic operands meet in their common type, else the pointer's type. */
  private conditionalType(n: Node): CType {
    this.condType(n.childForFieldName("condition")!);
    return this.conditionalOperands(n).type;
  }

  protected conditionalOperands(n: Node): { a: Node; b: Node; type: CType } {
    const a = n.childForFieldName("consequence")!;
    const b = n.childForFieldName("alternative")!;
    const ta = this.typeOf(a), tb = this.typeOf(b);
    const type = isArith(ta) && isArith(tb) ? arithResult(ta, tb) : isPtr(ta) ? ta : tb;
    this.conversion(ta, type, a);
    this.conversion(tb, type, b);
    return { a, b, type };
  }
}
