// C arithmetic per scalar kind. Kinds up to 32 bits wrap exactly on JS numbers. 64-bit kinds
// are exact for every value (src/c/wide.ts): numbers while operands and result stay safe
// integers, BigInt once either leaves that range, then back to a number when it returns.
import { Bin } from "./program";
import { K, wrap, convert } from "./types";
import { Val, canon, toBig, wrap64 } from "./wide";

export class DivideByZero extends Error {}


/** A shift count as x86-64 takes it for a 64-bit operand: its low six bits. */
function count64(b: Val): number {
  return typeof b === "number" ? b & 63 : Number(BigInt.asUintN(6, b));
}

/** A safe-integer result that the kind can hold as it is (unsigned kinds hold no negatives). */
function fits(r: number, k: K): boolean {
  return Number.isSafeInteger(r) && (r >= 0 || k === K.I64);
}

/** 64-bit arithmetic: on numbers when the exact result is a safe integer, else on BigInt. */
function binop64(op: Bin, k: K, a: Val, b: Val): Val {
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case Bin.ADD: { const r = a + b; if (fits(r, k)) return r; break; }
      case Bin.SUB: { const r = a - b; if (fits(r, k)) return r; break; }
      case Bin.MUL: { const r = a * b; if (fits(r, k)) return r + 0; break; }
      // Quotients of safe integers truncate exactly; the remainder of integers is exact.
      case Bin.DIV: if (b === 0) throw new DivideByZero(); return Math.trunc(a / b) + 0;
      case Bin.MOD: if (b === 0) throw new DivideByZero(); return (a % b) + 0;
      case Bin.SHL: { const r = a * 2 ** (b & 63); if (fits(r, k)) return r; break; }
      // Arithmetic shift right is floor division by a power of two, exact on doubles.
      case Bin.SHR: return Math.floor(a / 2 ** (b & 63));
      case Bin.AND: case Bin.OR: case Bin.XOR:
        if (a >= -0x80000000 && a <= 0x7fffffff && b >= -0x80000000 && b <= 0x7fffffff) {
          return op === Bin.AND ? a & b : op === Bin.OR ? a | b : a ^ b;
        }
        break;
      default: return compare(op, a, b);
    }
  }
  const signed = k === K.I64;
  const A = toBig(a);
  switch (op) {
    case Bin.ADD: return wrap64(A + toBig(b), signed);
    case Bin.SUB: return wrap64(A - toBig(b), signed);
    case Bin.MUL: return wrap64(A * toBig(b), signed);
    case Bin.DIV: case Bin.MOD: {
      const B = toBig(b);
      if (B === 0n) throw new DivideByZero();
      // LONG_MIN / -1 traps on x86-64 (SIGFPE), as a division by zero does.
      if (signed && B === -1n && A === -(2n ** 63n)) throw new DivideByZero();
      return canon(op === Bin.DIV ? A / B : A % B);
    }
    case Bin.SHL: return wrap64(A << BigInt(count64(b)), signed);
    // The operand is already of its kind: unsigned values are non-negative, so >> is logical.
    case Bin.SHR: return canon(A >> BigInt(count64(b)));
    case Bin.AND: return wrap64(A & toBig(b), signed);
    case Bin.OR: return wrap64(A | toBig(b), signed);
    case Bin.XOR: return wrap64(A ^ toBig(b), signed);
    default: return compare(op, a, b);
  }
}

export function binop(op: Bin, k: K, a: Val, b: Val): Val {
  if (k === K.I64 || k === K.U64) return binop64(op, k, a, b);
  // Operands of other kinds are always numbers (conversions put them there).
  const x = a as number, y = b as number;
  if (k >= K.F32) {
    let r: number;
    switch (op) {
      case Bin.ADD: r = x + y; break;
      case Bin.SUB: r = x - y; break;
      case Bin.MUL: r = x * y; break;
      case Bin.DIV: r = x / y; break;
      default: return compare(op, x, y);
    }
    // A float's arithmetic is single precision (x86-64's SSE): each result rounds to a float.
    return k === K.F32 ? Math.fround(r) : r;
  }
  switch (op) {
    case Bin.ADD: return wrap(x + y, k);
    case Bin.SUB: return wrap(x - y, k);
    case Bin.MUL: return wrap(Math.imul(x, y), k);
    case Bin.DIV:
      if (y === 0) throw new DivideByZero();
      return wrap(Math.trunc(x / y), k);
    case Bin.MOD:
      if (y === 0) throw new DivideByZero();
      return wrap(x % y, k);
    case Bin.SHL: return wrap(x << (y & 31), k);
    case Bin.SHR: return k === K.U32 ? x >>> (y & 31) : x >> (y & 31);
    case Bin.AND: return wrap(x & y, k);
    case Bin.OR: return wrap(x | y, k);
    case Bin.XOR: return wrap(x ^ y, k);
    default: return compare(op, x, y);
  }
}

/** The relational operators give int 0 or 1 for every operand type (values already converted;
 *  a bigint and a number compare by value, and canonical forms make === exact). */
function compare(op: Bin, a: Val, b: Val): number {
  switch (op) {
    case Bin.LT: return a < b ? 1 : 0;
    case Bin.LE: return a <= b ? 1 : 0;
    case Bin.GT: return a > b ? 1 : 0;
    case Bin.GE: return a >= b ? 1 : 0;
    case Bin.EQ: return a === b ? 1 : 0;
    case Bin.NE: return a !== b ? 1 : 0;
    default: return NaN;
  }
}

/** Unary minus in kind k (unsigned kinds wrap). */
export function negate(v: Val, k: K): Val {
  if (k >= K.F32) return -(v as number);
  return k >= K.I64 ? binop(Bin.SUB, k, 0, v) : convert(-(v as number), k, k);
}

/** ~v in kind k: -v - 1 in two's complement. */
export function complement(v: Val, k: K): Val {
  return k >= K.I64 ? binop(Bin.SUB, k, negate(v, k), 1) : convert(~(v as number), K.I32, k);
}
