// rand/srand and random/srandom as glibc computes them: the TYPE_3 additive feedback
// generator (31 words, taps 3 apart). The table is seeded with a Park-Miller sequence and
// run 310 times before the first result, so a program that seeds with the same value
// prints the same numbers in the model and on Linux. The state lives in the process
// (fork copies it: a child draws the same numbers as its parent).
import { Builtin } from "../ctl";

const DEG = 31;
const SEP = 3;

/** The state: DEG words, then the front and rear indices. */
export type RandState = number[];

export function seedRandom(seed: number): RandState {
  const r: number[] = new Array(DEG);
  let word = seed >>> 0 === 0 ? 1 : seed | 0;
  r[0] = word;
  for (let i = 1; i < DEG; i++) {
    // 16807 * word mod (2^31 - 1), without overflow (Schrage's method, as glibc does it).
    const hi = Math.trunc(word / 127773);
    const lo = word % 127773;
    word = 16807 * lo - 2836 * hi;
    if (word < 0) word += 2147483647;
    r[i] = word;
  }
  const s: RandState = [...r, SEP, 0];
  for (let i = 0; i < DEG * 10; i++) nextRandom(s);
  return s;
}

export function nextRandom(s: RandState): number {
  const f = s[DEG], b = s[DEG + 1];
  s[f] = ((s[f] >>> 0) + (s[b] >>> 0)) >>> 0;
  const result = s[f] >>> 1;
  s[DEG] = (f + 1) % DEG;
  s[DEG + 1] = (b + 1) % DEG;
  return result;
}

export const random: Builtin[] = [
  { name: "rand", fn: (c) => nextRandom(c.p.rand) },
  { name: "random", fn: (c) => nextRandom(c.p.rand) },
  { name: "srand", fn: (c, a) => { c.p.rand = seedRandom(a[0]); return 0; } },
  { name: "srandom", fn: (c, a) => { c.p.rand = seedRandom(a[0]); return 0; } },
];
