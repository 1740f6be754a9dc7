// GCC's __sync builtins and C11's <stdatomic.h> operations, through one library call the
// macros of constants.ts name with the object's size (sizeof *p): __forklab_atomic(op, p,
// size, v, w). A call is one step of the machine, so it is atomic as on the hardware; the
// memory orders change nothing in a model that runs one thread at a time.
import { Builtin, Ctx } from "../ctl";

/** The operations, as the macros number them. */
export const ATOMIC_OPS = {
  fetchAdd: 0, fetchSub: 1, fetchOr: 2, fetchAnd: 3, fetchXor: 4, addFetch: 5, subFetch: 6,
  exchange: 7, valCas: 8, boolCas: 9, load: 10, store: 11, compareExchange: 12, fetchNand: 13,
} as const;

/** The library call the macros make. */
export const ATOMIC_BUILTIN = "__forklab_atomic";

/** The operations whose answer is the object's value (old or new), of the object's type;
 *  the others answer whether they swapped, or nothing. */
export const ATOMIC_VALUE_OPS: ReadonlySet<number> = new Set([
  ATOMIC_OPS.fetchAdd, ATOMIC_OPS.fetchSub, ATOMIC_OPS.fetchOr, ATOMIC_OPS.fetchAnd, ATOMIC_OPS.fetchXor,
  ATOMIC_OPS.addFetch, ATOMIC_OPS.subFetch, ATOMIC_OPS.exchange, ATOMIC_OPS.valCas, ATOMIC_OPS.load, ATOMIC_OPS.fetchNand,
]);

const SIZES = new Set([1, 2, 4, 8]);

function load(c: Ctx, p: number, size: number): number {
  if (size === 8) return c.mem.read64(p, true);
  const u = c.mem.readU(p, size);
  const bits = 8 * size;
  return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
}

function store(c: Ctx, p: number, size: number, v: number): void {
  if (size === 8) c.mem.write64(p, v);
  else c.mem.writeU(p, size, ((v % 2 ** (8 * size)) + 2 ** (8 * size)) % 2 ** (8 * size));
}

/** Bitwise operations on the object's width (JS's are 32-bit: an 8-byte one through BigInt). */
function bitwise(op: number, a: number, b: number, size: number): number {
  if (size < 8) {
    const r = op === ATOMIC_OPS.fetchOr ? a | b : op === ATOMIC_OPS.fetchAnd ? a & b : op === ATOMIC_OPS.fetchXor ? a ^ b : ~(a & b);
    return r;
  }
  const x = BigInt.asIntN(64, BigInt(a)), y = BigInt.asIntN(64, BigInt(b));
  const r = op === ATOMIC_OPS.fetchOr ? x | y : op === ATOMIC_OPS.fetchAnd ? x & y : op === ATOMIC_OPS.fetchXor ? x ^ y : ~(x & y);
  return Number(BigInt.asIntN(64, r));
}

/** Equal as objects of `size` bytes (a value given as unsigned matches one read as signed). */
const same = (a: number, b: number, size: number): boolean => size === 8 ? a === b : (a - b) % 2 ** (8 * size) === 0;

function atomic(c: Ctx, a: number[]): number {
  const [op, p, size, v, w] = a;
  if (!SIZES.has(size)) throw new Error(`atomic operation on a ${size}-byte object`);
  c.m.memAccess(c.p, c.t, p, size, "an atomic operation touches");
  const old = load(c, p, size);
  switch (op) {
    case ATOMIC_OPS.fetchAdd: store(c, p, size, old + v); return old;
    case ATOMIC_OPS.fetchSub: store(c, p, size, old - v); return old;
    case ATOMIC_OPS.addFetch: store(c, p, size, old + v); return load(c, p, size);
    case ATOMIC_OPS.subFetch: store(c, p, size, old - v); return load(c, p, size);
    case ATOMIC_OPS.exchange: store(c, p, size, v); return old;
    case ATOMIC_OPS.valCas: if (same(old, v, size)) store(c, p, size, w); return old;
    case ATOMIC_OPS.boolCas: if (!same(old, v, size)) return 0; store(c, p, size, w); return 1;
    case ATOMIC_OPS.load: return old;
    case ATOMIC_OPS.store: store(c, p, size, v); return 0;
    case ATOMIC_OPS.compareExchange: {
      // v is the address of `expected`: on a mismatch it gets the value found.
      const expected = load(c, v, size);
      if (old === expected) { store(c, p, size, w); return 1; }
      store(c, v, size, old);
      return 0;
    }
    default: store(c, p, size, bitwise(op, old, v, size)); return old;
  }
}

export const atomics: Builtin[] = [{ name: ATOMIC_BUILTIN, fn: atomic }];
