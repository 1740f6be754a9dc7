// Which bytes of some automatic objects have been written (MemorySanitizer's shadow, kept
// only for the objects that need it): a local declared without a value whose value may be
// set other than by a plain assignment (a struct, an array, or a variable whose address is
// used). C leaves such an object's bytes indeterminate until something stores to them, and
// a member or element none of whose bytes was written still is after the rest was (only
// static storage is zero-initialised). Every store into process memory marks its bytes
// here (a member or element assignment, memcpy, memset, read or recv into it, a struct
// assignment, a write through a pointer); an object is dropped once all its bytes are
// written, so a store outside the few tracked objects costs two comparisons.

/** One tracked object: [start, end), a bit per byte (set: written), and how many bytes are
 *  still unwritten. `owner` says what the object is (the compiler's record of the variable). */
export interface Tracked<T> {
  start: number;
  end: number;
  bits: Uint8Array;
  left: number;
  owner: T;
}

export class Shadow<T = unknown> {
  /** Bounds of all tracked objects: a store outside [lo, hi) touches none. */
  lo = Infinity;
  hi = -Infinity;
  constructor(private objects: Tracked<T>[] = []) {
    this.bound();
  }

  /** A copy for a fork or a checkpoint: the bitmaps are copied, the owners shared. */
  clone(): Shadow<T> {
    return new Shadow(this.objects.map((o) => ({ ...o, bits: o.bits.slice() })));
  }

  get empty(): boolean {
    return this.objects.length === 0;
  }

  /** Start tracking n bytes at start, none written yet; objects it overlaps (left by a
   *  frame that did not return, as after longjmp) are dropped. */
  track(start: number, n: number, owner: T): void {
    if (n <= 0) return;
    this.untrack(start, start + n);
    this.objects.push({ start, end: start + n, bits: new Uint8Array((n + 7) >> 3), left: n, owner });
    if (start < this.lo) this.lo = start;
    if (start + n > this.hi) this.hi = start + n;
  }

  /** Stop tracking every object that overlaps [start, end) (a frame that returns). */
  untrack(start: number, end: number): void {
    if (start >= this.hi || end <= this.lo) return;
    const keep = this.objects.filter((o) => o.end <= start || o.start >= end);
    if (keep.length === this.objects.length) return;
    this.objects = keep;
    this.bound();
  }

  /** n bytes at a may touch a tracked object (two comparisons). */
  near(a: number, n: number): boolean {
    return a < this.hi && a + n > this.lo;
  }

  /** n bytes at a were stored to. Callers check near() first. */
  mark(a: number, n: number): void {
    let done = false;
    for (const o of this.objects) {
      const from = Math.max(a, o.start), to = Math.min(a + n, o.end);
      if (from >= to) continue;
      const bits = o.bits;
      for (let i = from - o.start, e = to - o.start; i < e; i++) {
        // A whole byte of bits at once where the range covers it.
        if ((i & 7) === 0 && i + 8 <= e && bits[i >> 3] !== 0xff) {
          o.left -= 8 - popcount(bits[i >> 3]);
          bits[i >> 3] = 0xff;
          i += 7;
          continue;
        }
        const m = 1 << (i & 7);
        if ((bits[i >> 3] & m) === 0) { bits[i >> 3] |= m; o.left--; }
      }
      if (o.left === 0) done = true;
    }
    if (done) {
      this.objects = this.objects.filter((o) => o.left > 0);
      this.bound();
    }
  }

  /** The tracked object that holds a, if any. */
  at(a: number): Tracked<T> | undefined {
    if (a < this.lo || a >= this.hi) return undefined;
    for (const o of this.objects) if (a >= o.start && a < o.end) return o;
    return undefined;
  }

  /** No byte of [a, a + n) was written: it lies in one tracked object (`o`, when found
   *  already), every bit clear. */
  unwritten(a: number, n: number, o: Tracked<T> | undefined = this.at(a)): boolean {
    if (!o || n <= 0 || a + n > o.end) return false;
    for (let i = a - o.start, e = i + n; i < e; i++) if (o.bits[i >> 3] & (1 << (i & 7))) return false;
    return true;
  }

  /** How many of the n bytes from a, in order, were written before the first that was not
   *  (n when all were, or the range is not tracked). */
  writtenPrefix(a: number, n: number): number {
    const o = this.at(a);
    if (!o) return n;
    const e = Math.min(n, o.end - a);
    for (let k = 0; k < e; k++) {
      const i = a - o.start + k;
      if ((o.bits[i >> 3] & (1 << (i & 7))) === 0) return k;
    }
    return n;
  }

  private bound(): void {
    this.lo = Infinity;
    this.hi = -Infinity;
    for (const o of this.objects) {
      if (o.start < this.lo) this.lo = o.start;
      if (o.end > this.hi) this.hi = o.end;
    }
  }
}

function popcount(b: number): number {
  let n = 0;
  for (; b; b &= b - 1) n++;
  return n;
}
