// Array errors as a sanitizer reports them (AddressSanitizer's stack-buffer-overflow,
// stack-buffer-underflow and global-buffer-overflow): the compiler lays every named array
// of the learner's code out with REDZONE bytes on each side that belong to no object, as
// AddressSanitizer does, and maps those bytes to the array they guard. An access that
// touches a red zone is told as a note naming the access line and the array's declaration
// line. The access itself goes on as C would: the red zone is memory of the frame (or of
// the data segment), so a write lands there instead of in a neighbouring variable, and a
// read gets what is there.
import { PAGE_SIZE } from "./memory";
import type { ArrayObject, Func, Program } from "./program";
import type { Thread, UserProc } from "./uproc";
import { REDZONE } from "./heapcheck";
import { overrunPhrase } from "./overrun";

export { REDZONE };

export interface ArrayFault {
  kind: "stack-buffer-overflow" | "stack-buffer-underflow" | "global-buffer-overflow";
  text: string;
}

/** Per byte of [0, length), the index + 1 of the array whose red zone it is. */
export function frameZones(arrays: ArrayObject[], length: number): Uint16Array {
  const z = new Uint16Array(length);
  arrays.forEach((o, i) => {
    z.fill(i + 1, Math.max(0, o.at - REDZONE), o.at);
    z.fill(i + 1, o.at + o.size, Math.min(length, o.at + o.size + REDZONE));
  });
  return z;
}

/** The red zones of static arrays, by page (only pages that hold one are in the map). */
export function dataZones(arrays: ArrayObject[]): Map<number, Uint16Array> {
  const zones = new Map<number, Uint16Array>();
  const mark = (from: number, to: number, v: number): void => {
    for (let a = from; a < to; a++) {
      const n = Math.floor(a / PAGE_SIZE);
      let z = zones.get(n);
      if (!z) zones.set(n, (z = new Uint16Array(PAGE_SIZE)));
      z[a - n * PAGE_SIZE] = v;
    }
  };
  arrays.forEach((o, i) => {
    mark(o.at - REDZONE, o.at, i + 1);
    mark(o.at + o.size, o.at + o.size + REDZONE, i + 1);
  });
  return zones;
}

/** Where an access of n bytes at a (an array starting at `start`) left the array, in words. */
function describe(o: ArrayObject, start: number, a: number, n: number, where: string): { under: boolean; text: string } {
  return { under: a < start, text: `${overrunPhrase(start, o.size, a, n)} the ${o.size}-byte array '${o.name}' declared at line ${o.line}${where}` };
}

/** The first red-zone byte in [from, to) of a zone map, as [offset, array index + 1], or undefined. */
function firstZone(z: Uint16Array, from: number, to: number): [number, number] | undefined {
  const end = Math.min(to, z.length);
  for (let i = Math.max(from, 0); i < end; i++) if (z[i] !== 0) return [i, z[i]];
  return undefined;
}

/** The frame of thread t that holds address a: the first (outermost) one whose frame
 *  pointer is at or below a (frames lie lower as calls nest), if a is inside it. */
function frameAt(p: UserProc, t: Thread, a: number): { fn: Func; fp: number } | undefined {
  const frames = t.frames;
  let lo = 0, hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].fp <= a) hi = mid; else lo = mid + 1;
  }
  if (lo === frames.length) return undefined;
  const fn = p.prog.funcs[frames[lo].fn];
  return a - frames[lo].fp < fn.frameSize ? { fn, fp: frames[lo].fp } : undefined;
}

/** When n bytes at stack address a touch a red zone of an array in a live frame: what is wrong. */
export function stackFault(p: UserProc, t: Thread, a: number, n: number): ArrayFault | undefined {
  const owner = a >= t.stackLo && a < t.stackHi ? t : p.threads.find((x) => a >= x.stackLo && a < x.stackHi);
  if (!owner) return undefined;
  const found = frameAt(p, owner, a);
  if (!found || !found.fn.zones) return undefined;
  const hit = firstZone(found.fn.zones, a - found.fp, a - found.fp + n);
  if (!hit) return undefined;
  const o = found.fn.arrays![hit[1] - 1];
  const d = describe(o, found.fp + o.at, a, n, ` in ${found.fn.name}`);
  return { kind: d.under ? "stack-buffer-underflow" : "stack-buffer-overflow", text: d.text };
}

/** When n bytes at static address a touch a red zone of a global or static array: what is wrong. */
export function globalFault(prog: Program, a: number, n: number): ArrayFault | undefined {
  const zones = prog.zones;
  if (!zones) return undefined;
  for (let page = Math.floor(a / PAGE_SIZE); page * PAGE_SIZE < a + n; page++) {
    const z = zones.get(page);
    if (!z) continue;
    const base = page * PAGE_SIZE;
    const hit = firstZone(z, a - base, a + n - base);
    if (!hit) continue;
    const o = prog.arrays![hit[1] - 1];
    // AddressSanitizer has one name for both ends of a global.
    return { kind: "global-buffer-overflow", text: describe(o, o.at, a, n, "").text };
  }
  return undefined;
}
