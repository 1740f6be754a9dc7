// C arithmetic on JS numbers, per scalar kind: 32-bit kinds wrap exactly; 64-bit kinds are
// exact while magnitudes stay below 2^53 (every course program stays far below) and fall
// back to BigInt beyond.
import { Bin } from "./program";
import { K, wrap, convert } from "./types";

export class DivideByZero extends Error {}

export const wrapK = wrap;
export const convertK = convert;

function big(op: Bin, a: number, b: number, k: K): number {
  const bits = 64;
  const A = BigInt(Math.trunc(a)), B = BigInt(Math.trunc(b));
  let r: bigint;
  switch (op) {
    case Bin.MUL: r = A * B; break;
    case Bin.AND: r = BigInt.asUintN(bits, A) & BigInt.asUintN(bits, B); break;
    case Bin.OR: r = BigInt.asUintN(bits, A) | BigInt.asUintN(bits, B); break;
    case Bin.XOR: r = BigInt.asUintN(bits, A) ^ BigInt.asUintN(bits, B); break;
    case Bin.SHL: r = A << B; break;
    case Bin.SHR: r = k === K.U64 ? BigInt.asUintN(bits, A) >> B : A >> B; break;
    default: r = A;
  }
  return Number(k === K.U64 ? BigInt.asUintN(bits, r) : BigInt.asIntN(bits, r));
}

export function binop(op: Bin, k: K, a: number, b: number): number {
  if (k >= K.F32) {
    switch (op) {
      case Bin.ADD: return a + b;
      case Bin.SUB: return a - b;
      case Bin.MUL: return a * b;
      case Bin.DIV: return a / b;
      default: return compare(op, a, b);
    }
  }
  const is32 = k <= K.U32;
  switch (op) {
    case Bin.ADD: return wrap(a + b, k);
    case Bin.SUB: return wrap(a - b, k);
    case Bin.MUL: {
      if (is32) return wrap(Math.imul(a, b), k);
      const r = a * b;
      return Number.isSafeInteger(r) ? wrap(r, k) : big(op, a, b, k);
    }
    case Bin.DIV:
      if (b === 0) throw new DivideByZero();
      return wrap(Math.trunc(a / b), k);
    case Bin.MOD:
      if (b === 0) throw new DivideByZero();
      return wrap(a % b, k);
    case Bin.SHL:
      if (is32) return wrap(a << (b & 31), k);
      return big(op, a, b & 63, k);
    case Bin.SHR:
      if (is32) return k === K.U32 ? a >>> (b & 31) : a >> (b & 31);
      if (a >= 0) return Math.floor(a / 2 ** (b & 63));
      return big(op, a, b & 63, k);
    case Bin.AND:
    case Bin.OR:
    case Bin.XOR:
      if (is32 || (a >= -0x80000000 && a <= 0x7fffffff && b >= -0x80000000 && b <= 0x7fffffff)) {
        const r = op === Bin.AND ? a & b : op === Bin.OR ? a | b : a ^ b;
        return wrap(r, k);
      }
      return big(op, a, b, k);
    default: return compare(op, a, b);
  }
}

/** The relational operators give int 0 or 1 for every operand type (values already converted). */
function compare(op: Bin, a: number, b: number): number {
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
