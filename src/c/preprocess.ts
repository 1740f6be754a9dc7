// The preprocessor subset course programs use. Directives become blank lines and macro
// expansion never adds lines, so every line of the result is the same line of the source.
// System headers (#include <...>) are built in: their constants, types and functions are
// known to the compiler, so they need no text here. "csapp.h" selects the built-in CS:APP
// library; other local headers are read through the host's readFile and become their own
// translation units (their macros carry on into the including file).

import { Diagnostic } from "./diagnostic";

export interface Macro {
  params?: string[];
  body: string;
}

/** assert(e): the built-in assert with what glibc's macro hands __assert_fail: the condition
 *  as written (#e, before any macro in it is expanded), __FILE__, __LINE__ and __func__;
 *  NO_ASSERT under NDEBUG. */
export const ASSERT: Macro = { params: ["e"], body: "assert((e), #e, __FILE__, __LINE__, __func__)" };
const NO_ASSERT: Macro = { params: ["e"], body: "((void)0)" };

export interface Unit {
  file: string;
  text: string;
}

export interface Preprocessed {
  /** Headers first (in include order), then the file itself. */
  units: Unit[];
  /** Whether the program includes csapp.h. */
  csapp: boolean;
  /** The system headers included, in order, through local headers too. */
  systemHeaders: string[];
  /** _GNU_SOURCE was defined before the first system header (glibc reads it there once). */
  gnuSource: boolean;
  macros: Map<string, Macro>;
  diagnostics: Diagnostic[];
}

export type ReadFile = (path: string) => string | undefined;

let csappDefs: Array<[string, Macro]> = [];

export function preprocess(file: string, text: string, readFile: ReadFile, predefined?: Map<string, Macro>, csappMacros: Array<[string, Macro]> = []): Preprocessed {
  const out: Preprocessed = { units: [], csapp: false, systemHeaders: [], gnuSource: false, macros: new Map(predefined ?? []), diagnostics: [] };
  csappDefs = csappMacros;
  run(file, text, readFile, out, new Set());
  return out;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

function run(file: string, text: string, readFile: ReadFile, out: Preprocessed, active: Set<string>): void {
  active.add(file);
  // __FILE__ as `gcc prog.c` run in the program's folder gives it; set again after an include.
  const here: Macro = { body: JSON.stringify(file.slice(file.lastIndexOf("/") + 1)) };
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  // Join continuation lines; the joined-away lines become blank.
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (lines[i].endsWith("\\") && j + 1 < lines.length) {
      j++;
      lines[i] = lines[i].slice(0, -1) + " " + lines[j];
      lines[j] = "";
    }
  }
  const result: string[] = [];
  // Conditional stack: each level is [taking now, some branch already taken, parent taking].
  const cond: Array<{ on: boolean; done: boolean; parent: boolean }> = [];
  const taking = (): boolean => cond.length === 0 || cond[cond.length - 1].on;
  let inComment = false;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    out.macros.set("__FILE__", here);
    out.macros.set("__LINE__", { body: String(line) });
    const startsInComment = inComment;
    inComment = scanComment(raw, inComment);
    const m = startsInComment ? null : /^\s*#\s*(\w*)\s*(.*)$/.exec(raw);
    if (!m) {
      // A function-like macro's arguments may go on over the next lines (C11 6.10.3p10): they
      // are joined onto this line, and the lines they took become blank (line numbers stay).
      let text = raw;
      for (let k = idx + 1; taking() && k < lines.length && !/^\s*#/.test(lines[k]) && openInvocation(text, out.macros); k++) {
        text += " " + lines[k];
        inComment = scanComment(lines[k], inComment);
        lines[k] = "";
      }
      result.push(taking() ? expand(text, out.macros, startsInComment) : "");
      return;
    }
    result.push("");
    const [, dir, restRaw] = m;
    const rest = stripComments(restRaw).trim();
    const diag = (message: string): void => { out.diagnostics.push({ file, line, column: 1, severity: "error", message }); };
    switch (dir) {
      case "ifdef":
      case "ifndef": {
        const name = rest.split(/\s+/)[0];
        const def = out.macros.has(name);
        const on = taking() && (dir === "ifdef" ? def : !def);
        cond.push({ on, done: on, parent: taking() });
        return;
      }
      case "if": {
        const on = taking() && evalCondition(rest, out.macros) !== 0;
        cond.push({ on, done: on, parent: taking() });
        return;
      }
      case "elif": {
        const top = cond[cond.length - 1];
        if (!top) return diag("#elif without #if");
        const on = top.parent && !top.done && evalCondition(rest, out.macros) !== 0;
        top.on = on;
        top.done ||= on;
        return;
      }
      case "else": {
        const top = cond[cond.length - 1];
        if (!top) return diag("#else without #if");
        top.on = top.parent && !top.done;
        top.done = true;
        return;
      }
      case "endif":
        if (!cond.pop()) diag("#endif without #if");
        return;
    }
    if (!taking()) return;
    switch (dir) {
      case "include": {
        const sys = /^<([^>]+)>/.exec(rest);
        const loc = /^"([^"]+)"/.exec(rest);
        if (!sys && !loc) return diag(`#include needs <header> or "header": ${rest}`);
        const csapp = !!loc && /(^|\/)csapp\.h$/.test(loc[1]);
        if ((sys || csapp) && !out.systemHeaders.length && !out.csapp) out.gnuSource = out.macros.has("_GNU_SOURCE");
        if (sys) {
          out.systemHeaders.push(sys[1]);
          // As the real <assert.h> does at each inclusion: assert is nothing under NDEBUG.
          if (sys[1] === "assert.h") out.macros.set("assert", out.macros.has("NDEBUG") ? NO_ASSERT : ASSERT);
          return;
        }
        const name = loc![1];
        if (csapp) { out.csapp = true; for (const [k, v] of csappDefs) out.macros.set(k, v); return; }
        const path = dirOf(file) + name;
        if (active.has(path)) return;
        const body = readFile(path);
        // As cc: a missing header ends the compilation; the program cannot run.
        if (body === undefined) {
          out.diagnostics.push({ file, line, column: 1, severity: "error", fatal: true, message: `${name}: No such file or directory (#include "${name}" looked for ${path})` });
          return;
        }
        run(path, body, readFile, out, active);
        return;
      }
      case "define": {
        const d = /^(\w+)(\(([^)]*)\))?\s*(.*)$/.exec(rest);
        if (!d) return diag(`malformed #define: ${rest}`);
        const params = d[2] !== undefined ? d[3].split(",").map((p) => p.trim()).filter((p) => p) : undefined;
        if (params && params.slice(0, -1).includes("...")) return diag(`malformed #define ${d[1]}: "..." must be the last parameter`);
        if (params?.some((p) => p !== "..." && !/^[A-Za-z_]\w*$/.test(p))) return diag(`malformed #define ${d[1]}: parameters are names, or "..." last`);
        out.macros.set(d[1], { params, body: d[4] });
        return;
      }
      case "undef":
        out.macros.delete(rest.split(/\s+/)[0]);
        return;
      case "pragma":
      case "line":
      case "":
        return;
      case "error":
        return diag(`#error ${rest}`);
      case "warning":
        return;
      default:
        return diag(`preprocessor directive #${dir} is not supported`);
    }
  });
  if (cond.length) out.diagnostics.push({ file, line: lines.length, column: 1, severity: "error", message: "#if without #endif" });
  out.units.push({ file, text: result.join("\n") });
  active.delete(file);
}

/** Whether a block comment is still open at the end of this line. */
function scanComment(s: string, open: boolean): boolean {
  let i = 0;
  let str: string | null = null;
  while (i < s.length) {
    if (open) {
      const e = s.indexOf("*/", i);
      if (e < 0) return true;
      open = false;
      i = e + 2;
      continue;
    }
    const c = s[i];
    if (str) {
      if (c === "\\") i++;
      else if (c === str) str = null;
    } else if (c === '"' || c === "'") str = c;
    else if (c === "/" && s[i + 1] === "/") return false;
    else if (c === "/" && s[i + 1] === "*") { open = true; i++; }
    i++;
  }
  return open;
}

function stripComments(s: string): string {
  return s.replace(/\/\*.*?\*\//g, " ").replace(/\/\/.*$/, "").replace(/\/\*.*$/, "");
}

const IDENT = /[A-Za-z_]\w*/y;

/** Expand macros outside strings, character constants and comments. */
export function expand(s: string, macros: Map<string, Macro>, startsInComment = false, hide: Set<string> = new Set()): string {
  if (macros.size === 0) return s;
  let out = "";
  let i = 0;
  let inBlock = startsInComment;
  while (i < s.length) {
    if (inBlock) {
      const e = s.indexOf("*/", i);
      if (e < 0) return out + s.slice(i);
      out += s.slice(i, e + 2);
      i = e + 2;
      inBlock = false;
      continue;
    }
    const c = s[i];
    if (c === "/" && s[i + 1] === "/") return out + s.slice(i);
    if (c === "/" && s[i + 1] === "*") { inBlock = true; out += "/*"; i += 2; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === "\\" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /[0-9A-Za-z_.]+/y;
      m.lastIndex = i;
      const t = m.exec(s)![0];
      out += t;
      i += t.length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(s);
    if (!id) { out += c; i++; continue; }
    const name = id[0];
    i += name.length;
    const mac = macros.get(name);
    if (!mac || hide.has(name)) { out += name; continue; }
    const inner = new Set(hide).add(name);
    if (!mac.params) { out += expand(mac.body, macros, false, inner); continue; }
    let j = i;
    while (s[j] === " " || s[j] === "\t") j++;
    if (s[j] !== "(") { out += name; continue; }
    const args: string[] = [];
    let depth = 0;
    let cur = "";
    j++;
    for (; j < s.length; j++) {
      const ch = s[j];
      if (ch === '"' || ch === "'") {
        let k = j + 1;
        while (k < s.length && s[k] !== ch) k += s[k] === "\\" ? 2 : 1;
        cur += s.slice(j, k + 1);
        j = k;
        continue;
      }
      if (ch === "(") depth++;
      if (ch === ")") { if (depth === 0) break; depth--; }
      if (ch === "," && depth === 0) { args.push(cur.trim()); cur = ""; continue; }
      cur += ch;
    }
    if (cur.trim() || args.length) args.push(cur.trim());
    i = j + 1;
    out += expand(substitute(mac, args, macros, hide), macros, false, inner);
  }
  return out;
}

/** A macro body's tokens: identifiers, pp-numbers, string and character literals, # and ##,
 *  runs of white space, and single characters. */
function tokens(s: string): string[] {
  return s.match(/[A-Za-z_]\w*|\.?\d[\w.]*|"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?|##|\s+|[^]/g) ?? [];
}

const isSpace = (t: string | undefined): boolean => t !== undefined && /^\s+$/.test(t);

/** Whether the line calls a function-like macro whose parenthesis it does not close (its
 *  arguments go on over the next line). Literals and comments are skipped. */
function openInvocation(line: string, macros: Map<string, Macro>): boolean {
  const toks = tokens(line.replace(/\/\*.*?\*\/|\/\/.*$/g, " "));
  for (let i = 0; i < toks.length; i++) {
    if (!macros.get(toks[i])?.params) continue;
    let j = i + 1;
    while (isSpace(toks[j])) j++;
    if (toks[j] !== "(") continue;
    let depth = 0;
    for (; j < toks.length; j++) {
      if (toks[j] === "(") depth++;
      else if (toks[j] === ")" && --depth === 0) break;
    }
    if (depth > 0) return true;
    i = j;
  }
  return false;
}

/** "#x": the argument's spelling as a string literal: white space runs become one space,
 *  and inside its string and character literals every " and \\ is escaped (C11 6.10.3.2). */
function stringize(arg: string): string {
  const lit = (t: string): boolean => t.startsWith('"') || t.startsWith("'");
  const spelled = withoutComments(tokens(arg)).map((t) => (isSpace(t) ? " " : lit(t) ? t.replace(/[\\"]/g, (c) => `\\${c}`) : t));
  return `"${spelled.filter((t, i) => t !== " " || (i > 0 && spelled[i - 1] !== " ")).join("").trim()}"`;
}

/** The tokens with each comment (outside literals) one space, as translation phase 3 has it. */
function withoutComments(toks: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i] === "/" && toks[i + 1] === "*") {
      i += 2;
      while (i < toks.length && !(toks[i] === "*" && toks[i + 1] === "/")) i++;
      i++;
      out.push(" ");
    } else if (toks[i] === "/" && toks[i + 1] === "/") break;
    else out.push(toks[i]);
  }
  return out;
}

/**
 * The body of a function-like macro with its arguments in place (C11 6.10.3.1-3): `#p`
 * becomes the argument's spelling as a string; an operand of `##` is the argument as
 * written and is pasted to its neighbour; any other parameter is the argument macro-expanded
 * first. `...` collects the remaining arguments as __VA_ARGS__, and (as gcc) `, ## __VA_ARGS__`
 * drops the comma when there are none.
 */
function substitute(mac: Macro, args: string[], macros: Map<string, Macro>, hide: Set<string>): string {
  const params = mac.params!;
  const variadic = params[params.length - 1] === "...";
  const named = variadic ? params.slice(0, -1) : params;
  const argOf = (name: string): string | undefined => {
    if (variadic && name === "__VA_ARGS__") return args.slice(named.length).join(", ");
    const k = named.indexOf(name);
    return k < 0 ? undefined : args[k] ?? "";
  };
  const toks = tokens(mac.body);
  const nextSolid = (i: number): number => {
    let j = i + 1;
    while (isSpace(toks[j])) j++;
    return j;
  };
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === "#") {
      const j = nextSolid(i);
      const a = toks[j] !== undefined ? argOf(toks[j]) : undefined;
      if (a !== undefined) { out.push(stringize(a)); i = j; continue; }
    }
    if (t === "##") {
      while (isSpace(out[out.length - 1])) out.pop();
      const j = nextSolid(i);
      const right = toks[j] ?? "";
      const a = argOf(right);
      i = j;
      if (a !== undefined && right === "__VA_ARGS__" && a === "" && out[out.length - 1] === ",") { out.pop(); continue; }
      const text = a ?? right;
      if (out.length) out[out.length - 1] += text;
      else out.push(text);
      continue;
    }
    const a = argOf(t);
    if (a === undefined) { out.push(t); continue; }
    // An operand of ## is pasted as written; any other use is expanded first.
    out.push(toks[nextSolid(i)] === "##" ? a : expand(a, macros, false, hide));
  }
  return out.join("");
}

/** The value of an integer or character constant in #if (decimal, 0x hex, 0 octal, 'c'). */
function constant(t: string): number {
  if (t.startsWith("'")) {
    const body = t.slice(1, -1);
    const esc: Record<string, number> = { n: 10, t: 9, r: 13, "0": 0, "\\": 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };
    return body.startsWith("\\") ? esc[body[1]] ?? 0 : body.charCodeAt(0) || 0;
  }
  const n = t.replace(/[uUlL]+$/, "");
  if (/^0[xX]/.test(n)) return parseInt(n.slice(2), 16);
  if (/^0[0-7]+$/.test(n)) return parseInt(n, 8);
  return Number(n) || 0;
}

/** #if expressions: integer and character constants, defined(X), and C's operators
 *  (! ~ - unary; * / %; + -; << >>; < > <= >=; == !=; &; ^; |; &&; ||; ?:). */
function evalCondition(expr: string, macros: Map<string, Macro>): number {
  const withDefined = expr.replace(/defined\s*\(\s*(\w+)\s*\)|defined\s+(\w+)/g, (_a, a: string, b: string) => (macros.has(a ?? b) ? "1" : "0"));
  // Names left after expansion are 0, as the standard says; literals keep their spelling.
  const text = expand(withDefined, macros).replace(/'(?:\\.|[^'\\])*'|\b[A-Za-z_]\w*/g, (w) => (w.startsWith("'") ? w : "0"));
  const toks = text.match(/'(?:\\.|[^'\\])*'|0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|&&|\|\||==|!=|<=|>=|<<|>>|[-+*/%<>!()~?:&|^]/g) ?? [];
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const prec: Record<string, number> = {
    "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
  };
  const unary = (): number => {
    const t = toks[p++];
    if (t === "!") return unary() ? 0 : 1;
    if (t === "-") return -unary();
    if (t === "+") return unary();
    if (t === "~") return ~unary();
    if (t === "(") { const v = ternary(); p++; return v; }
    return t === undefined ? 0 : constant(t);
  };
  const binary = (min: number): number => {
    let l = unary();
    for (let t = peek(); t && prec[t] >= min; t = peek()) {
      p++;
      const r = binary(prec[t] + 1);
      l = ({ "||": +(!!l || !!r), "&&": +(!!l && !!r), "==": +(l === r), "!=": +(l !== r), "<": +(l < r), ">": +(l > r), "<=": +(l <= r), ">=": +(l >= r),
        "<<": l << r, ">>": l >> r, "+": l + r, "-": l - r, "*": l * r, "/": r ? Math.trunc(l / r) : 0, "%": r ? l % r : 0,
        "&": l & r, "^": l ^ r, "|": l | r } as Record<string, number>)[t];
    }
    return l;
  };
  const ternary = (): number => {
    const c = binary(1);
    if (peek() !== "?") return c;
    p++;
    const a = ternary();
    p++;
    const b = ternary();
    return c ? a : b;
  };
  return ternary();
}
