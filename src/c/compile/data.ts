// Static data and initialisers: string literals in rodata, globals and static locals in the
// data segment with their constant initial values written into the image, the stdio
// streams, locals initialised by code, and constant expressions (array sizes, enumerators,
// case labels, static initialisers) evaluated at compile time.
import type { Node } from "../parse";
import { latin1Bytes } from "../../kernel/latin1";
import { Ins, Op } from "../program";
import { alignOf, CType, findField, isBool, K, kindOf, sizeOf, typeName } from "../types";
import { binop, negate, complement } from "../arith";
import { convert } from "../types";
import { Val, toBig, toNum } from "../wide";
import { Context, Global } from "./context";
import { REDZONE } from "../arraycheck";

export abstract class StaticData extends Context {
  protected allocData(size: number, align: number): number {
    this.data = Math.ceil(this.data / Math.max(align, 1)) * Math.max(align, 1);
    const a = this.data;
    this.data += Math.max(size, 1);
    // Map the pages as they fill, so the image can be written before the final size is known.
    this.image.map(a, a + Math.max(size, 1), "globals");
    return a;
  }

  /** The address of a string literal in rodata; each distinct string is stored once. */
  protected intern(s: string): number {
    let a = this.strings.get(s);
    if (a === undefined) {
      a = this.rodata;
      this.image.writeBytes(a, latin1Bytes(s + "\0"));
      this.rodata += s.length + 1;
      this.strings.set(s, a);
    }
    return a;
  }

  /** stdin, stdout, stderr: a global pointer to a FILE whose first word is the descriptor. */
  protected stdStream(name: "stdin" | "stdout" | "stderr", type: CType): void {
    const fd = { stdin: 0, stdout: 1, stderr: 2 }[name];
    const file = this.allocData(16, 8);
    this.image.writeU(file, 4, fd);
    this.image.writeU(file + 4, 4, fd + 1);
    const g = this.staticVar(type);
    this.image.write64(g.addr, file);
    this.globals.set(name, g);
  }

  /** Make g thread-local: its place in every thread's block, aligned as its type wants. */
  protected threadLocal(g: Global): void {
    const align = Math.max(alignOf(g.type), 1);
    const off = Math.ceil(this.tlsSize / align) * align;
    const size = Math.max(sizeOf(g.type), 1);
    this.tlsSize = off + size;
    this.tlsVars.push({ addr: g.addr, off, size });
    g.tls = off;
  }

  /** A global or static local, zero-filled; `named`: a learner's array with its name and
   *  line, which gets red zones on both sides (src/c/arraycheck.ts). The caller binds its
   *  name before compiling its initializer (staticInit), which may take its address. */
  protected staticVar(type: CType, named?: { name: string; line: number }): Global {
    const guarded = named && this.tree.user && type.k === "array" && type.len !== null;
    if (type.k === "array" && type.len === null) type = { ...type, len: 0 };
    if (guarded) this.data += REDZONE;
    const addr = this.allocData(sizeOf(type), alignOf(type));
    if (guarded) {
      this.dataArrays.push({ name: named.name, line: named.line, at: addr, size: sizeOf(type) });
      this.data += REDZONE;
    }
    return { addr, type };
  }

  /** The length of `T a[] = init`: the initializer's last index + 1, or a string's length + 1. */
  protected initLength(type: Extract<CType, { k: "array" }>, init: Node): number {
    if (init.type === "initializer_list") return this.eachInit(type, init, () => undefined);
    const s = this.stringLiteral(init);
    if (s !== undefined && type.of.k === "int" && type.of.size === 1) return s.length + 1;
    return this.err(init, "cannot infer the array's length from this initializer");
  }

  /** Initialise static storage at compile time (constant expressions only). */
  protected staticInit(addr: number, type: CType, init: Node): void {
    if (type.k === "array") {
      const s = this.stringLiteral(init);
      if (s !== undefined && type.of.k === "int" && type.of.size === 1) {
        this.image.writeBytes(addr, latin1Bytes(s.slice(0, type.len ?? s.length + 1)));
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
    const first = this.scalarInit(init);
    if (first !== init) { if (first) this.staticInit(addr, type, first); return; }
    const exact = this.constExact(init);
    // A _Bool holds 1 for every value that is not 0 (bool on = 5; is 1).
    const v = isBool(type) ? (toNum(exact) !== 0 ? 1 : 0) : exact;
    const k = kindOf(type);
    if (k >= K.F32) this.image.writeF(addr, k === K.F32 ? 4 : 8, toNum(v));
    else if (sizeOf(type) === 8) this.image.write64(addr, v);
    else this.image.writeU(addr, sizeOf(type), Number(BigInt.asUintN(8 * sizeOf(type), toBig(typeof v === "number" ? Math.trunc(v) : v))));
  }

  /** A scalar's initializer: `{ x }` is x, `{ }` is null (zero), anything else itself. */
  private scalarInit(init: Node): Node | null {
    if (init.type !== "initializer_list") return init;
    return init.namedChildren.find((c) => c && c.type !== "comment") ?? null;
  }

  /** Walk an initializer list: calls f(offset, elementType, node) for each element; returns
   *  how many elements of `type` the list reaches (its last index + 1). A designator chain
   *  (`.a.b[2] = v`, or `.f` of an anonymous union member such as sigaction's `.sa_handler`)
   *  lands deeper; positional elements go on after it. */
  protected eachInit(type: CType, list: Node, f: (off: number, t: CType, v: Node) => void): number {
    const items = list.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
    return this.fillAggregate(type, 0, items, { i: 0 }, true, f);
  }

  /** Initialise the aggregate `type` at `base` from items[at.i...]. `braced`: the items are
   *  its own brace list (designators and excess are its business). Otherwise its braces were
   *  elided (C11 6.7.9p20: `struct sigaction sa = {0}` starts in the anonymous union, `int
   *  m[2][2] = {1, 2, 3, 4}` fills row by row), so it takes only as many items as its
   *  members need and leaves the rest, and any designator, to the list around it. */
  private fillAggregate(type: CType, base: number, items: Node[], at: { i: number }, braced: boolean,
    f: (off: number, t: CType, v: Node) => void): number {
    let member = 0, reached = 0;
    while (at.i < items.length) {
      const c = items[at.i];
      if (c.type === "initializer_pair") {
        if (!braced) break;
        const chain = c.childrenForFieldName("designator").filter((d): d is Node => !!d);
        const to = this.designate(type, c, chain);
        // The value and what follows it, so that `[2] = 7, 8` can fill an elided row.
        const rest = { i: 0 };
        this.initElement(to.t, base + to.off, [c.childForFieldName("value")!, ...items.slice(at.i + 1)], rest, f);
        at.i += rest.i;
        member = to.index + 1;
        reached = Math.max(reached, member);
        if (type.k === "struct" && type.def.union) break;
        continue;
      }
      let off: number, t: CType;
      if (type.k === "array") {
        if (type.len !== null && member >= type.len) {
          if (braced) { this.diag(c, "excess elements in array initializer", "warning"); at.i = items.length; }
          break;
        }
        off = member * sizeOf(type.of); t = type.of;
      } else if (type.k === "struct") {
        const fl = type.def.fields[member];
        if (!fl || (type.def.union && member > 0)) {
          if (braced && !type.def.union) { this.diag(c, "excess elements in struct initializer", "warning"); at.i = items.length; }
          break;
        }
        off = fl.offset; t = fl.type;
      } else break;
      this.initElement(t, base + off, items, at, f);
      reached = Math.max(reached, ++member);
    }
    return reached;
  }

  /** Initialise one element of type `t` at `off` from items[at.i]: the item itself, or, for an
   *  aggregate whose braces were elided, as many items as it needs. */
  private initElement(t: CType, off: number, items: Node[], at: { i: number }, f: (off: number, t: CType, v: Node) => void): void {
    const c = items[at.i];
    if ((t.k === "array" || t.k === "struct") && c.type !== "initializer_list" && !this.initializesWhole(t, c)) {
      this.fillAggregate(t, off, items, at, false, f);
      return;
    }
    f(off, t, c);
    at.i++;
  }

  /** Whether a lone expression initialises all of the aggregate `t` (a string literal for a
   *  char array, a value of the same struct) rather than its first member. */
  private initializesWhole(t: CType, v: Node): boolean {
    if (t.k === "array") return t.of.k === "int" && t.of.size === 1 && this.stringLiteral(v) !== undefined;
    if (t.k !== "struct") return false;
    const vt = this.typeOf(v);
    return vt.k === "struct" && vt.def === t.def;
  }

  /** Follow designators from `type`: the element of `type` they start in (index), and the
   *  offset and type of the subobject the chain names. */
  private designate(type: CType, pair: Node, chain: Node[]): { index: number; off: number; t: CType } {
    const [des, ...rest] = chain;
    let step: { index: number; off: number; t: CType };
    if (des?.type === "field_designator" && type.k === "struct") {
      const name = des.text.replace(/^\./, "").trim();
      const index = type.def.fields.findIndex((fl) => fl.name === name);
      if (index >= 0) step = { index, off: type.def.fields[index].offset, t: type.def.fields[index].type };
      else {
        // A field of an anonymous struct or union member: designate that member, then the field in it.
        const anon = type.def.fields.findIndex((fl) => fl.name === "" && fl.type.k === "struct" && findField(fl.type.def, name));
        if (anon < 0) return this.err(des, `no field ${des.text} in ${typeName(type)}`);
        const fl = type.def.fields[anon];
        const inner = this.designate(fl.type, pair, chain);
        return { index: anon, off: fl.offset + inner.off, t: inner.t };
      }
    } else if (des?.type === "subscript_designator" && type.k === "array") {
      const index = this.constValue(des.namedChildren[0]!);
      if (index < 0 || (type.len !== null && index >= type.len)) return this.err(des, `array index ${index} in the initializer is outside the array`);
      step = { index, off: index * sizeOf(type.of), t: type.of };
    } else return this.err(des ?? pair, `this designator does not fit ${typeName(type)}`);
    if (!rest.length) return step;
    const inner = this.designate(step.t, pair, rest);
    return { index: step.index, off: step.off + inner.off, t: inner.t };
  }

  /** A local declared with an initializer: allocated in the frame, initialised by code. */
  protected local(name: string, type: CType, init: Node | null, d: Node): void {
    if (type.k === "array" && type.len === null) this.err(d, `array '${name}' needs a size`);
    if (type.k === "void") this.err(d, `variable '${name}' has type void`);
    const off = this.allocNamedLocal(type, name, this.lineOf(d));
    const loc = { off, type };
    if (!init && this.tree.user) {
      this.unset.set(off, { name, line: this.lineOf(d), type, locals: new Set(), plain: new Set(), reads: [], writes: [], updates: [] });
    }
    // In scope from the end of its declarator, so its own initializer can name it (C11
    // 6.2.1p7): `node_t *n = malloc(sizeof *n);`. Shown among the locals once initialised.
    this.scopes[this.scopes.length - 1].set(name, loc);
    if (init) {
      this.stmtLine(d);
      this.initLocal(off, type, init);
    }
    this.declareVar(name, type, { off });
  }

  /** Emit the code that initialises the local at frame offset `off`. */
  protected initLocal(off: number, type: CType, init: Node): void {
    if (type.k === "array" || type.k === "struct") return this.initAggregate(off, type, init);
    if (init.type === "initializer_list") {
      const first = this.scalarInit(init);
      if (!first) { this.emit(Op.LOCAL, off); this.emit(Op.ZERO, sizeOf(type)); return; }
      return this.initLocal(off, type, first);
    }
    this.emit(Op.LOCAL, off);
    const t = this.expr(init);
    this.convert(t, type, init);
    this.emit(Op.STORE, kindOf(type));
    this.emit(Op.POP);
  }

  private initAggregate(off: number, type: CType, init: Node): void {
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
  }

  /** The text of a string literal (adjacent literals joined), or undefined for any other node. */
  protected stringLiteral(n: Node): string | undefined {
    if (n.type === "string_literal") return stringText(n);
    if (n.type === "concatenated_string") {
      // tree-sitter takes a name between literals for a macro (PRId64): one left after
      // preprocessing is undeclared, and gcc stops there.
      const name = n.namedChildren.find((c) => c?.type === "identifier");
      if (name) this.err(name, `'${name.text}' is not declared (a macro between string literals)`);
      return n.namedChildren.filter((c) => c?.type === "string_literal").map((c) => stringText(c!)).join("");
    }
    if (n.type === "parenthesized_expression") return this.stringLiteral(n.namedChildren[0]!);
    return undefined;
  }

  /** A constant expression's value (for array sizes, enums, case labels, static initialisers):
   *  its code, compiled aside, evaluated here. */
  protected constValue(n: Node, notConstant = "not a constant expression"): number {
    return toNum(this.constExact(n, notConstant));
  }

  /** A constant expression's exact value (a bigint beyond 2^53: src/c/wide.ts). */
  protected constExact(n: Node, notConstant = "not a constant expression"): Val {
    const saved = this.code;
    this.code = [];
    try {
      this.expr(n);
      return this.foldConst(this.code, n, notConstant);
    } finally {
      this.code = saved;
    }
  }

  /** Evaluate straight-line code with no memory access, calls or jumps. */
  private foldConst(code: Ins[], n: Node, notConstant: string): Val {
    const st: Val[] = [];
    for (const ins of code) {
      switch (ins.op) {
        case Op.PUSH: st.push(ins.a); break;
        case Op.BIN: { const b = st.pop()!, a = st.pop()!; st.push(binop(ins.a, ins.b, a, b)); break; }
        case Op.NEG: st.push(negate(st.pop()!, ins.b)); break;
        case Op.BNOT: st.push(complement(st.pop()!, ins.b)); break;
        case Op.LNOT: st.push(st.pop() ? 0 : 1); break;
        case Op.CONV: st.push(convert(st.pop()!, ins.a, ins.b)); break;
        case Op.POP: st.pop(); break;
        case Op.LINE: break;
        default: this.err(n, notConstant);
      }
    }
    return st.pop() ?? 0;
  }
}

function stringText(n: Node): string {
  let s = "";
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === "string_content") s += c.text;
    else if (c.type === "escape_sequence") s += unescape(c.text);
  }
  return s;
}

/** The character an escape sequence stands for: \n, \t, \0, \101, \x41 ... */
export function unescape(e: string): string {
  const c = e[1];
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "?": "?", e: "\x1b" };
  if (/^\\[0-7]{1,3}$/.test(e)) return String.fromCharCode(parseInt(e.slice(1), 8) & 0xff);
  if (/^\\x[0-9a-fA-F]+$/.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16) & 0xff);
  return simple[c] ?? c;
}
