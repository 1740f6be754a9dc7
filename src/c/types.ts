// C types with x86-64 Linux sizes (LP64): char 1, short 2, int 4, long and pointers 8.
// Types exist only at compile time; instructions carry scalar kinds (K) instead.
import { Val, wrap64 } from "./wide";

export enum K { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 }

export interface StructDef {
  tag: string;
  union: boolean;
  fields: Field[];
  size: number;
  align: number;
  complete: boolean;
}

export interface Field {
  name: string;
  type: CType;
  offset: number;
}

export type CType =
  | { k: "void" }
  | { k: "int"; size: 1 | 2 | 4 | 8; signed: boolean; name?: string; bool?: true; enumerators?: Record<number, string> }
  /** `long`: long double, computed as a double here but taking x86-64's 16 bytes (aligned
   *  to 16) in memory, so that sizeof, struct layouts and array strides are gcc's. */
  | { k: "float"; size: 4 | 8; long?: true }
  | { k: "ptr"; to: CType }
  | { k: "array"; of: CType; len: number | null }
  | { k: "struct"; def: StructDef; name?: string }
  | { k: "func"; ret: CType; params: CType[]; variadic: boolean; noProto?: boolean };

export const VOID: CType = { k: "void" };
export const CHAR: CType = { k: "int", size: 1, signed: true, name: "char" };
export const UCHAR: CType = { k: "int", size: 1, signed: false };
export const SHORT: CType = { k: "int", size: 2, signed: true };
export const USHORT: CType = { k: "int", size: 2, signed: false };
export const INT: CType = { k: "int", size: 4, signed: true };
export const UINT: CType = { k: "int", size: 4, signed: false };
export const LONG: CType = { k: "int", size: 8, signed: true };
export const ULONG: CType = { k: "int", size: 8, signed: false };
/** C99's _Bool (bool in <stdbool.h>): one byte holding 0 or 1; converting any other value to
 *  it gives 1 (C11 6.3.1.2). */
export const BOOL: CType = { k: "int", size: 1, signed: false, name: "_Bool", bool: true };
export const DOUBLE: CType = { k: "float", size: 8 };
export const FLOAT: CType = { k: "float", size: 4 };
export const LONG_DOUBLE: CType = { k: "float", size: 8, long: true };
export const ptr = (to: CType): CType => ({ k: "ptr", to });
export const VOIDP = ptr(VOID);
export const CHARP = ptr(CHAR);

export function sizeOf(t: CType): number {
  switch (t.k) {
    case "void": return 1;
    case "int": return t.size;
    case "float": return t.long ? 16 : t.size;
    case "ptr": return 8;
    case "array": return t.len === null ? 0 : t.len * sizeOf(t.of);
    case "struct": return t.def.size;
    case "func": return 1;
  }
}

export function alignOf(t: CType): number {
  switch (t.k) {
    case "array": return alignOf(t.of);
    case "struct": return t.def.align;
    case "void": case "func": return 1;
    default: return sizeOf(t);
  }
}

export function kindOf(t: CType): K {
  if (t.k === "int") {
    const base = t.size === 1 ? K.I8 : t.size === 2 ? K.I16 : t.size === 4 ? K.I32 : K.I64;
    return t.signed ? base : base + 1;
  }
  if (t.k === "float") return t.size === 4 ? K.F32 : K.F64;
  return K.U64; // pointers, and addresses of arrays, structs and functions
}

export const isInt = (t: CType): boolean => t.k === "int";
export const isBool = (t: CType): boolean => t.k === "int" && t.bool === true;
export const isFloat = (t: CType): boolean => t.k === "float";
export const isArith = (t: CType): boolean => t.k === "int" || t.k === "float";
export const isPtr = (t: CType): boolean => t.k === "ptr";
export const isScalar = (t: CType): boolean => t.k === "int" || t.k === "float" || t.k === "ptr";

/** Integer promotion: anything narrower than int becomes int. */
export function promote(t: CType): CType {
  if (t.k === "int" && t.size < 4) return INT;
  return t;
}

/** The usual arithmetic conversions. */
export function arithResult(a: CType, b: CType): CType {
  // The wider floating type wins: long double, double, then float (float with an integer is float).
  if ((a.k === "float" && a.long) || (b.k === "float" && b.long)) return LONG_DOUBLE;
  if ((a.k === "float" && a.size === 8) || (b.k === "float" && b.size === 8)) return DOUBLE;
  if (a.k === "float" || b.k === "float") return FLOAT;
  const pa = promote(a) as Extract<CType, { k: "int" }>;
  const pb = promote(b) as Extract<CType, { k: "int" }>;
  if (pa.size !== pb.size) {
    const big = pa.size > pb.size ? pa : pb;
    return big.size === 8 ? (big.signed ? LONG : ULONG) : big;
  }
  const signed = pa.signed && pb.signed;
  return pa.size === 8 ? (signed ? LONG : ULONG) : signed ? INT : UINT;
}

/** A type as C spells it in a cast or sizeof: `char *`, `int[2][3]` (outer bound first),
 *  `int *[4]` (an array of pointers), `int (*)[3]` (a pointer to an array),
 *  `void (*)(int)` (a pointer to a function). */
export function typeName(t: CType): string {
  return declared(t, "");
}

/** The declaration of `inner` (what is declared so far, "" for none) as type t: C's
 *  declarators read inside out, so each layer wraps the text it is given. */
function declared(t: CType, inner: string): string {
  switch (t.k) {
    case "ptr": {
      const p = `*${inner}`;
      return declared(t.to, t.to.k === "array" || t.to.k === "func" ? `(${p})` : p);
    }
    case "array": return declared(t.of, `${inner}[${t.len ?? ""}]`);
    case "func": {
      const params = t.params.length ? t.params.map(typeName).join(", ") + (t.variadic ? ", ..." : "") : t.noProto ? "" : "void";
      return declared(t.ret, `${inner}(${params})`);
    }
    default: {
      const base = baseName(t);
      return inner === "" ? base : inner.startsWith("[") ? base + inner : `${base} ${inner}`;
    }
  }
}

function baseName(t: Exclude<CType, { k: "ptr" | "array" | "func" }>): string {
  switch (t.k) {
    case "void": return "void";
    // An unnamed signed one-byte integer is `signed char` (plain char is CHAR, named "char").
    case "int": return t.name ?? `${t.signed ? (t.size === 1 ? "signed " : "") : "unsigned "}${{ 1: "char", 2: "short", 4: "int", 8: "long" }[t.size]}`;
    case "float": return t.size === 4 ? "float" : t.long ? "long double" : "double";
    case "struct": return t.name ?? `${t.def.union ? "union" : "struct"} ${t.def.tag}`;
  }
}

/** Lay out a struct or union once its fields are known. */
export function layout(def: StructDef, fields: Array<{ name: string; type: CType }>): void {
  let off = 0;
  let align = 1;
  let size = 0;
  def.fields = [];
  for (const f of fields) {
    const a = alignOf(f.type);
    align = Math.max(align, a);
    if (def.union) {
      def.fields.push({ name: f.name, type: f.type, offset: 0 });
      size = Math.max(size, sizeOf(f.type));
    } else {
      off = Math.ceil(off / a) * a;
      def.fields.push({ name: f.name, type: f.type, offset: off });
      off += sizeOf(f.type);
      size = off;
    }
  }
  def.align = align;
  def.size = Math.ceil(size / align) * align;
  def.complete = true;
}

export function findField(def: StructDef, name: string): Field | undefined {
  for (const f of def.fields) {
    if (f.name === name) return f;
    // Anonymous struct/union members: look inside.
    if (f.name === "" && f.type.k === "struct") {
      const inner = findField(f.type.def, name);
      if (inner) return { ...inner, offset: inner.offset + f.offset };
    }
  }
  return undefined;
}

/** Wrap an integer-valued number to the range of kind k, as the C conversion would. A
 *  64-bit kind takes it exactly (a bigint beyond 2^53: src/c/wide.ts). */
export function wrap(v: number, k: K): Val {
  switch (k) {
    case K.I8: return (v << 24) >> 24;
    case K.U8: return v & 0xff;
    case K.I16: return (v << 16) >> 16;
    case K.U16: return v & 0xffff;
    case K.I32: return v | 0;
    case K.U32: return v >>> 0;
    case K.I64: case K.U64:
      if (Number.isSafeInteger(v) && (v >= 0 || k === K.I64)) return v + 0;
      return wrap64(BigInt(v), k === K.I64);
    case K.F32: return Math.fround(v);
    case K.F64: return v;
  }
}

const INDEFINITE_64 = -(2n ** 63n);

/** A floating value converted to an integer kind as gcc's x86-64 code does: truncated; out of
 *  range (or NaN), cvttsd2si gives the "integer indefinite" 0x80...0 of the width it works in
 *  (32 bits for int and narrower, 64 for long; unsigned int goes through 64 bits and keeps the
 *  low half; unsigned long holds [0, 2^64)). */
function fromFloat(v: number, to: K): Val {
  v = Math.trunc(v);
  if (to === K.I64) return v >= -(2 ** 63) && v < 2 ** 63 ? wrap(v, to) : INDEFINITE_64;
  if (to === K.U64) return v > -(2 ** 63) && v < 2 ** 64 ? wrap(v, to) : 2n ** 63n;
  if (to === K.U32) return v > -(2 ** 63) && v < 2 ** 63 ? Number(BigInt.asUintN(32, BigInt(v))) : 0;
  return wrap(v >= -(2 ** 31) && v < 2 ** 31 ? v : -(2 ** 31), to);
}

/** A C conversion of a value of kind `from` to kind `to`. */
export function convert(v: Val, from: K, to: K): Val {
  if (typeof v === "bigint") {
    if (to >= K.F32) return to === K.F32 ? Math.fround(Number(v)) : Number(v);
    if (to <= K.U32) return wrap(Number(BigInt.asIntN(32, v)), to);
    return wrap64(v, to === K.I64);
  }
  if (to >= K.F32) return to === K.F32 ? Math.fround(v) : v;
  if (from >= K.F32) return fromFloat(v, to);
  // Integer values here are safe integers; JS bit operators take their low 32 bits exactly
  // only within +-2^32 + 2^31.
  if (to <= K.U32 && (v > 0xffffffff || v < -0x80000000)) v = v % 0x100000000;
  return wrap(v, to);
}
