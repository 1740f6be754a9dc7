// <math.h>'s functions on doubles (and a few float ones), with the engine's IEEE routines:
// sqrt, fabs, floor, ceil, trunc, fmod, fmin and fmax are exact as in glibc; the others
// (pow, exp, log, the trigonometric ones) may differ from glibc's in the last bit, which
// printf's default six digits do not show.
import type { Builtin } from "../ctl";

type F = (...x: number[]) => number;

/** C's round: halfway cases away from zero (JavaScript's Math.round goes up). */
const round: F = (x) => (x < 0 ? -Math.round(-x) : Math.round(x));

const DOUBLES: Record<string, F> = {
  sqrt: Math.sqrt, cbrt: Math.cbrt, pow: Math.pow, exp: Math.exp, exp2: (x) => 2 ** x,
  log: Math.log, log2: Math.log2, log10: Math.log10, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan, atan2: Math.atan2, sinh: Math.sinh,
  cosh: Math.cosh, tanh: Math.tanh, floor: Math.floor, ceil: Math.ceil, round, trunc: Math.trunc,
  fabs: Math.abs, fmod: (x, y) => x % y, hypot: Math.hypot, fmin: (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.min(x, y)),
  fmax: (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.max(x, y)),
};

/** The float versions C programs use most: the double result rounded to float. */
const FLOATS = ["sqrt", "pow", "fabs", "floor", "ceil", "round"];

export const mathBuiltins: Builtin[] = [
  ...Object.entries(DOUBLES).map(([name, f]) => ({ name, fn: (_c: unknown, a: number[]) => f(...a) })),
  ...FLOATS.map((name) => ({ name: `${name}f`, fn: (_c: unknown, a: number[]) => Math.fround(DOUBLES[name](...a)) })),
  { name: "lround", fn: (_c, a) => round(a[0]) },
  { name: "isnan", fn: (_c, a) => (Number.isNaN(a[0]) ? 1 : 0) },
  { name: "isinf", fn: (_c, a) => (a[0] === Infinity ? 1 : a[0] === -Infinity ? -1 : 0) },
];
