// Statements and function bodies: each statement starts with a LINE marker (the VM steps by
// source line), control flow becomes jumps patched once their targets are known, and
// break, continue and goto are resolved per loop, switch and function.
import type { Node } from "../parse";
import { Bin, Op, Param } from "../program";
import { CHAR, CType, K, LONG, kindOf, sizeOf } from "../types";
import { Expressions } from "./expressions";
import { inner } from "./typing";
import { frameZones } from "../arraycheck";

export abstract class Statements extends Expressions {
  private readonly statements: Record<string, (n: Node) => void> = {
    compound_statement: (n) => this.block(n),
    declaration: (n) => this.declaration(n, false),
    type_definition: (n) => this.typedef(n),
    struct_specifier: (n) => { this.baseType(n); },
    union_specifier: (n) => { this.baseType(n); },
    enum_specifier: (n) => { this.baseType(n); },
    expression_statement: (n) => this.expressionStatement(n),
    comment: () => undefined,
    if_statement: (n) => this.ifStatement(n),
    while_statement: (n) => this.whileStatement(n),
    do_statement: (n) => this.doStatement(n),
    for_statement: (n) => this.forStatement(n),
    return_statement: (n) => this.returnStatement(n),
    break_statement: (n) => this.jumpOut(n, this.breaks, "break outside a loop or switch"),
    continue_statement: (n) => this.jumpOut(n, this.continues, "continue outside a loop"),
    switch_statement: (n) => this.switchStatement(n),
    labeled_statement: (n) => this.labeled(n),
    goto_statement: (n) => this.gotoStatement(n),
  };

  protected functionBody(n: Node, name: string): void {
    const info = this.funcs.get(name)!;
    const fn = this.funcList[info.index!];
    this.code = fn.code;
    this.fnType = info.type;
    // C99's __func__ (and gcc's __FUNCTION__): static const char __func__[] = "name";
    const func = { addr: this.intern(name), type: { k: "array", of: CHAR, len: name.length + 1 } as CType };
    this.scopes = [new Map([["__func__", func], ["__FUNCTION__", func]])];
    this.vars = [];
    this.frameArrays = [];
    this.unset = new Map();
    this.frame = 0;
    this.labels = new Map();
    this.gotos = [];
    this.line = this.lineOf(n);
    fn.line = this.line;
    fn.endLine = n.endPosition.row + 1;
    fn.params = this.parameters(n);
    const body = n.childForFieldName("body")!;
    this.guard(() => this.statement(body));
    this.resolveGotos();
    // Falling off the end: stop on the closing brace, then return 0 (main) or nothing.
    this.line = fn.endLine;
    this.emit(Op.LINE, fn.endLine);
    this.emit(Op.PUSH, 0);
    this.emit(Op.RET, 1);
    fn.frameSize = Math.ceil(this.frame / 16) * 16;
    this.checkUnset(fn);
    if (this.frameArrays.length) {
      fn.arrays = this.frameArrays;
      fn.zones = frameZones(this.frameArrays, fn.frameSize);
    }
    fn.vars = this.vars.map(({ depth: _, ...v }) => ({ ...v, to: v.to < 0 ? this.code.length : v.to }));
  }

  /** The parameters' frame slots, in the function's outermost scope. */
  private parameters(n: Node): Param[] {
    let fd = n.childForFieldName("declarator");
    while (fd && fd.type !== "function_declarator") fd = fd.childForFieldName("declarator");
    const params: Param[] = [];
    for (const p of fd?.childForFieldName("parameters")?.namedChildren ?? []) {
      if (!p || p.type !== "parameter_declaration") continue;
      const { name: pname, type } = this.paramType(p);
      if (type.k === "void") continue;
      const off = this.allocLocal(type);
      params.push(type.k === "struct" ? { offset: off, kind: K.U64, copy: sizeOf(type) } : { offset: off, kind: kindOf(type) });
      if (pname) {
        this.scopes[0].set(pname, { off, type });
        this.declareVar(pname, type, { off });
      }
    }
    return params;
  }

  private resolveGotos(): void {
    for (const g of this.gotos) {
      const t = this.labels.get(g.label);
      if (t === undefined) { this.line = this.lineOf(g.node); this.failHere(g.node, `label '${g.label}' is not defined`); }
      else this.code[g.at].a = t;
    }
  }

  /** Compile a statement; one that cannot be compiled stops the program when reached. */
  private statement(n: Node): void {
    this.guard(() => this.stmt(n));
  }

  private stmt(n: Node): void {
    const form = this.statements[n.type];
    if (form) return form(n);
    if (n.type === "case_statement") this.cannotRun(n, "case label outside the switch's own braces is not supported");
    this.cannotRun(n, `statement '${n.type}' is not supported`);
  }

  private block(n: Node): void {
    this.scopes.push(new Map());
    for (const c of n.namedChildren) if (c) this.statement(c);
    this.popScope();
  }

  /** An expression evaluated for its effect: its value is dropped. */
  private effect(e: Node): void {
    this.expr(e);
    this.emit(Op.POP);
  }

  private expressionStatement(n: Node): void {
    const e = n.namedChildren.find((c) => c && c.type !== "comment");
    if (!e) return;
    this.stmtLine(n);
    this.effect(e);
  }

  private ifStatement(n: Node): void {
    this.stmtLine(n);
    this.cond(n.childForFieldName("condition")!);
    const jz = this.emit(Op.JZ);
    this.statement(n.childForFieldName("consequence")!);
    const alt = n.childForFieldName("alternative");
    if (!alt) { this.patch(jz); return; }
    const jmp = this.emit(Op.JMP);
    this.patch(jz);
    this.statement(alt.type === "else_clause" ? inner(alt) : alt);
    this.patch(jmp);
  }

  /** Open a loop or switch: the jumps its break (and continue) statements will need patched. */
  private openLoop(): void {
    this.breaks.push([]);
    this.continues.push([]);
  }

  /** Close a loop: continue jumps to `cont`, break jumps to what follows. */
  private closeLoop(cont: number): void {
    for (const j of this.continues.pop()!) this.code[j].a = cont;
    for (const j of this.breaks.pop()!) this.patch(j);
  }

  private whileStatement(n: Node): void {
    const top = this.here();
    this.stmtLine(n);
    this.cond(n.childForFieldName("condition")!);
    const jz = this.emit(Op.JZ);
    this.openLoop();
    this.statement(n.childForFieldName("body")!);
    this.emit(Op.JMP, top);
    this.patch(jz);
    this.closeLoop(top);
  }

  private doStatement(n: Node): void {
    const top = this.here();
    this.openLoop();
    this.statement(n.childForFieldName("body")!);
    const cont = this.here();
    const c = n.childForFieldName("condition")!;
    this.stmtLine(c);
    this.cond(c);
    this.emit(Op.JNZ, top);
    this.closeLoop(cont);
  }

  private forStatement(n: Node): void {
    this.scopes.push(new Map());
    const init = n.childForFieldName("initializer");
    if (init) {
      if (init.type === "declaration") this.declaration(init, false);
      else { this.stmtLine(n); this.effect(init); }
    }
    const top = this.here();
    const cond = n.childForFieldName("condition");
    let jz = -1;
    this.stmtLine(n);
    if (cond) { this.cond(cond); jz = this.emit(Op.JZ); }
    this.openLoop();
    this.statement(n.childForFieldName("body")!);
    const cont = this.here();
    const upd = n.childForFieldName("update");
    if (upd) { this.stmtLine(n); this.effect(upd); }
    this.emit(Op.JMP, top);
    if (jz >= 0) this.patch(jz);
    this.closeLoop(cont);
    this.popScope();
  }

  private returnStatement(n: Node): void {
    this.stmtLine(n);
    const e = n.namedChildren.find((c) => c && c.type !== "comment");
    if (e) {
      const t = this.expr(e);
      const ret = this.fnType.ret;
      // A struct is returned as its address (in this frame, the heap or static data): the
      // call copies it out at once, before anything can reuse the frame (call()).
      if (ret.k === "struct") this.checkAssign(ret, t, e);
      else if (ret.k !== "void") this.convert(t, ret, e);
    } else this.emit(Op.PUSH, 0);
    this.emit(Op.RET, 1);
  }

  /** break or continue: a jump to the innermost enclosing target, patched when it closes. */
  private jumpOut(n: Node, targets: number[][], outside: string): void {
    this.stmtLine(n);
    const t = targets[targets.length - 1];
    if (!t) this.err(n, outside);
    t.push(this.emit(Op.JMP));
  }

  private labeled(n: Node): void {
    this.labels.set(n.childForFieldName("label")!.text, this.here());
    const s = n.namedChildren.filter((c) => c && c.type !== "statement_identifier" && c.type !== "comment");
    for (const c of s) this.statement(c!);
  }

  private gotoStatement(n: Node): void {
    this.stmtLine(n);
    this.gotos.push({ at: this.emit(Op.JMP), label: n.childForFieldName("label")!.text, node: n });
  }

  /** The value goes to a frame slot; a chain of compares jumps to its case (or default),
   *  and the body is compiled once in source order so that cases fall through. */
  private switchStatement(n: Node): void {
    this.stmtLine(n);
    // Every case value is compared as a 64-bit integer, whatever the controlling type.
    this.expr(n.childForFieldName("condition")!);
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
      this.pushConst(this.constExact(v), K.I64);
      this.emit(Op.BIN, Bin.EQ, K.I64);
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
      this.patch(i === dflt ? toDefault : jumps[i]);
      this.caseBody(c);
    }
    this.popScope();
    if (dflt < 0) this.patch(toDefault);
    for (const j of this.breaks.pop()!) this.patch(j);
  }

  private caseBody(c: Node): void {
    const value = c.childForFieldName("value");
    for (const s of c.namedChildren) {
      if (!s || (value && s.startIndex === value.startIndex && s.type === value.type) || s.type === "comment") continue;
      this.statement(s);
    }
  }
}
