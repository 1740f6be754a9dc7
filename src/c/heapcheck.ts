// Heap errors as a sanitizer reports them (AddressSanitizer's heap-use-after-free and
// heap-buffer-overflow): every heap block remembers the line that allocated it and, once
// freed, the line that freed it; a 16-byte red zone follows each block. An access that
// falls in a freed block or past the end of a live one is told as a note naming both the
// access line and the allocation line. The access itself goes on as C would: the memory
// is there, so the program reads or overwrites it (only unmapped memory raises SIGSEGV).
import type { HeapState } from "./uproc";
import { overrunPhrase } from "./overrun";

/** Bytes after each block that belong to no block: an overflow lands here, not in a neighbour. */
export const REDZONE = 16;

/** The last block start <= a (index into h.starts), or -1. */
function blockIndex(h: HeapState, a: number): number {
  const s = h.starts;
  let lo = 0, hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid] <= a) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

/** A new block at a: `size` bytes asked for, allocated at `line`; freed blocks it reuses are forgotten. */
export function heapBorn(h: HeapState, a: number, size: number, total: number, line: number): void {
  let i = blockIndex(h, a + total - 1);
  while (i >= 0 && h.starts[i] >= a) {
    const s = h.starts[i];
    delete h.dead[s];
    h.starts.splice(i, 1);
    i--;
  }
  // A freed block that began before a and reached into it: no longer a block.
  if (i >= 0 && h.dead[h.starts[i]] && h.starts[i] + h.dead[h.starts[i]][0] > a) {
    delete h.dead[h.starts[i]];
    h.starts.splice(i, 1);
    i--;
  }
  h.starts.splice(i + 1, 0, a);
  h.born[a] = [size, line];
}

/** Block a was freed at `line`: it stays known (as freed) until its memory is handed out again. */
export function heapDied(h: HeapState, a: number, line: number): void {
  const b = h.born[a];
  if (!b) return;
  delete h.born[a];
  h.dead[a] = [b[0], b[1], line];
}

/** The size asked for when block a was allocated (undefined when a is not a live block). */
export function blockSize(h: HeapState, a: number): number | undefined {
  return h.born[a]?.[0];
}

/** When n bytes at a are not all inside one live block: what is wrong, for the note; else undefined. */
export function heapFault(h: HeapState, a: number, n: number): { kind: "heap-use-after-free" | "heap-buffer-overflow"; text: string } | undefined {
  const i = blockIndex(h, a);
  if (i < 0) return undefined;
  const start = h.starts[i];
  const live = h.born[start];
  if (live) {
    const [size, line] = live;
    if (a + n <= start + size) return undefined;
    return { kind: "heap-buffer-overflow", text: `${overrunPhrase(start, size, a, n)} a ${size}-byte block allocated at line ${line}` };
  }
  const dead = h.dead[start];
  if (dead && a < start + dead[0]) {
    return { kind: "heap-use-after-free", text: `inside a ${dead[0]}-byte block allocated at line ${dead[1]} and freed at line ${dead[2]}` };
  }
  return undefined;
}
