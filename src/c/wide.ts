// Exact 64-bit integers. A value of a 64-bit kind is a JS number while it is a safe
// integer (every address, size, count and pid a program makes) and a bigint only beyond
// 2^53, so the common case costs one typeof test and equality stays `===`. The form is
// canonical: a bigint never holds a value a number could hold exactly.

export type Val = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** The canonical form of an exact integer. */
export function canon(b: bigint): Val {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** An integer value as a bigint (numbers must be integers). */
export function toBig(v: Val): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

/** A value as a JS number: exact below 2^53, rounded beyond (a double's view of it, or an
 *  address that is not mapped anyway). */
export function toNum(v: Val): number {
  return typeof v === "number" ? v : Number(v);
}

/** The low 64 bits of an integer, as long (signed) or unsigned long. */
export function wrap64(b: bigint, signed: boolean): Val {
  return canon(signed ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b));
}
