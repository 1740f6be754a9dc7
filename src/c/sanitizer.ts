// Which accesses the machine looks at as a sanitizer would, and what it finds there: a
// heap block left (heapcheck.ts) or a named array's red zone touched (arraycheck.ts). The
// decision sits in the machine's loop for every load and store, so the common access, to
// a local of the running function, is answered with a few comparisons and no call.
import { DATA_BASE, HEAP_BASE } from "./memory";
import type { Func } from "./program";
import type { Frame, Thread, UserProc } from "./uproc";
import { heapFault } from "./heapcheck";
import { globalFault, stackFault } from "./arraycheck";
import { CType, sizeOf } from "./types";
import type { Memory } from "./memory";
import { Shadow } from "./shadow";
import type { ShadowVar } from "./program";

/** Whether an access of n bytes (n <= 16, the red zone's width) at a needs a look: on the
 *  heap, in static memory that holds arrays, on a stack outside the running frame, or on
 *  a red zone of the running frame. */
export function watched(p: UserProc, f: Frame, fn: Func, a: number, n: number): boolean {
  if (a < HEAP_BASE) return a >= DATA_BASE && p.prog.zones !== undefined;
  if (a < p.heap.brk) return true;
  const off = a - f.fp;
  if (off < 0 || off >= fn.frameSize) return true;
  const z = fn.zones;
  return z !== undefined && (z[off] !== 0 || z[off + n - 1] !== 0);
}

/** When n bytes at a leave their object: the kind of error and its story; else undefined. */
export function memoryFault(p: UserProc, t: Thread, a: number, n: number): { kind: string; text: string } | undefined {
  if (a >= HEAP_BASE && a < p.heap.brk) return heapFault(p.heap, a, n);
  if (a >= DATA_BASE && a < p.prog.dataEnd) return globalFault(p.prog, a, n);
  return a >= HEAP_BASE ? stackFault(p, t, a, n) : undefined;
}

/** A local declared without a value, read before any write (MemorySanitizer's name). */
export function unsetText(line: number, what: string, v: { name: string; line: number }): string {
  return `use-of-uninitialized-value: line ${line} ${what} '${v.name}', declared at line ${v.line} without a value; C leaves its value indeterminate (give it one where it is declared)`;
}

/** A call's frame starts at fp (up to top): its locals declared without a value start with
 *  no byte written (Func.shadowed), and what a frame left there without returning
 *  (longjmp) is forgotten. */
export function frameEntered(mem: Memory, fn: Func, fp: number, top: number): void {
  mem.shadow?.untrack(fp, top);
  if (!fn.shadowed) return;
  const s = (mem.shadow ??= new Shadow());
  for (const v of fn.shadowed) s.track(fp + v.off, v.size, v);
}

/** n bytes at a that lie in a local declared without a value, none of them written yet:
 *  the part they are (`addr.sin_port`, `a[1]`, a variable written through its address)
 *  and the declaration's line; else undefined. */
export function unwrittenPart(s: Shadow<ShadowVar>, a: number, n: number): { name: string; line: number } | undefined {
  const o = s.at(a);
  if (!o || !s.unwritten(a, n, o)) return undefined;
  return { name: partName(o.owner.name, o.owner.type, a - o.start), line: o.owner.line };
}

/** The part of a variable at byte `rel` of it, as C names it: `addr.sin_port`, `a[3]`,
 *  `grid[1][2]` (the variable's name alone at a scalar, or in padding). */
export function partName(name: string, type: CType, rel: number): string {
  for (;;) {
    if (type.k === "array") {
      const size = sizeOf(type.of);
      if (size <= 0) return name;
      const i = Math.floor(rel / size);
      name += `[${i}]`;
      rel -= i * size;
      type = type.of;
    } else if (type.k === "struct" && type.def.complete) {
      const f = type.def.fields.find((x) => rel >= x.offset && rel < x.offset + sizeOf(x.type));
      if (!f) return name;
      if (f.name) name += `.${f.name}`;
      rel -= f.offset;
      type = f.type;
    } else return name;
  }
}
