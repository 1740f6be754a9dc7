// Byte-addressable process memory, little-endian like x86-64, in 4 KiB pages that are
// shared copy-on-write between fork copies and history snapshots. A page belongs to the
// memory whose generation it carries; any other memory copies it on first write.
import { latin1Bytes } from "../kernel/latin1";
import { Val, canon } from "./wide";
import { K } from "./types";
import { Shadow } from "./shadow";
import type { ShadowVar } from "./program";

export const PAGE_SIZE = 4096;

/** Address-space layout (numbers stay below 2^53, so JS numbers hold them exactly). */
export const TEXT_BASE = 0x1000;
export const BUILTIN_BASE = 0x100000;
export const RODATA_BASE = 0x400000;
export const DATA_BASE = 0x600000;
export const HEAP_BASE = 0x1000000;
export const STACK_TOP = 0x7ffff0000000;
export const STACK_SIZE = 0x100000; // 1 MiB per thread

/** A fault: the address and why it is not valid. The VM turns it into SIGSEGV. */
export class Fault extends Error {
  constructor(readonly addr: number, readonly why: string) {
    super(why);
  }
}

interface Page {
  data: Uint8Array;
  gen: number;
}

/** A mapped range [start, end). */
export interface Region {
  start: number;
  end: number;
  name: string;
}

let nextGen = 1;
const SHARED = -1;
const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const f32b = new Uint8Array(f32.buffer);

export class Memory {
  private pages: Map<number, Page>;
  private gen = nextGen++;
  regions: Region[];
  /** Which bytes of the automatic objects still indeterminate have been written
   *  (src/c/shadow.ts); every store marks it. Absent while nothing is tracked. */
  shadow?: Shadow<ShadowVar>;

  constructor(pages?: Map<number, Page>, regions?: Region[]) {
    this.pages = pages ?? new Map();
    this.regions = regions ?? [];
  }

  /** A copy-on-write copy: both memories share every page until one writes to it. */
  clone(): Memory {
    this.gen = nextGen++;
    const m = new Memory(new Map(this.pages), this.regions.map((r) => ({ ...r })));
    if (this.shadow) m.shadow = this.shadow.clone();
    return m;
  }

  /** A copy for a checkpoint of the whole machine (src/session/checkpoint.ts): pages are
   *  shared copy-on-write as in clone(), except pages mapped from a shm segment, which go
   *  onto the copied segment's bytes (`remap` gives them: the checkpoint copies the kernel
   *  too). `written`: pages this memory wrote since its last copy, which only this copy
   *  keeps alive once the memory writes them again (the checkpoint's cost). */
  copyFor(remap: (data: Uint8Array) => Uint8Array): { copy: Memory; written: number } {
    const pages = new Map<number, Page>();
    let written = 0;
    for (const [n, pg] of this.pages) {
      if (pg.gen === this.gen) written++;
      pages.set(n, pg.gen === SHARED ? { data: remap(pg.data), gen: SHARED } : pg);
    }
    this.gen = nextGen++;
    const copy = new Memory(pages, this.regions.map((r) => ({ ...r })));
    if (this.shadow) copy.shadow = this.shadow.clone();
    return { copy, written };
  }

  map(start: number, end: number, name: string): void {
    this.regions.push({ start, end, name });
  }

  unmap(start: number): void {
    const i = this.regions.findIndex((r) => r.start === start);
    if (i < 0) return;
    const r = this.regions[i];
    this.regions.splice(i, 1);
    // Addresses reach 2^47: page numbers by division, never by a 32-bit shift.
    for (let p = Math.floor(r.start / PAGE_SIZE); p < Math.ceil(r.end / PAGE_SIZE); p++) {
      if (!this.regions.some((q) => q.start < (p + 1) * PAGE_SIZE && q.end > p * PAGE_SIZE)) this.pages.delete(p);
    }
  }

  /** Map bytes shared with other processes (System V shm): writes go straight to them. */
  mapShared(addr: number, data: Uint8Array, name: string): void {
    this.map(addr, addr + data.length, name);
    for (let off = 0; off < data.length; off += PAGE_SIZE) {
      this.pages.set(Math.floor((addr + off) / PAGE_SIZE), { data: data.subarray(off, off + PAGE_SIZE), gen: SHARED });
    }
  }

  /** The address lies in a page shared with other processes (mapShared). */
  isShared(addr: number): boolean {
    return this.pages.get(Math.floor(addr / PAGE_SIZE))?.gen === SHARED;
  }

  /** Some page is shared with other processes: another process can change this memory. */
  sharesPages(): boolean {
    for (const pg of this.pages.values()) if (pg.gen === SHARED) return true;
    return false;
  }

  /** Extend a region (the heap's break). */
  grow(start: number, end: number): void {
    const r = this.regions.find((q) => q.start === start);
    if (r) r.end = Math.max(r.end, end);
  }

  pageCount(): number {
    return this.pages.size;
  }

  private check(addr: number): never {
    if (addr < TEXT_BASE) throw new Fault(addr, `address 0x${addr.toString(16)} is in the NULL page: a NULL pointer was dereferenced`);
    throw new Fault(addr, `address 0x${addr.toString(16)} is not mapped (outside every segment: ${this.describe(addr)})`);
  }

  private describe(addr: number): string {
    let best: Region | undefined;
    let dist = Infinity;
    for (const r of this.regions) {
      const d = addr < r.start ? r.start - addr : addr - r.end + 1;
      if (d < dist) { dist = d; best = r; }
    }
    return best ? `${dist} bytes ${addr < best.start ? "before" : "past the end of"} ${best.name}` : "no segments";
  }

  private valid(addr: number): boolean {
    for (const r of this.regions) if (addr >= r.start && addr < r.end) return true;
    return false;
  }

  private readPage(n: number, addr: number): Uint8Array {
    const p = this.pages.get(n);
    if (p) return p.data;
    if (!this.valid(addr)) this.check(addr);
    return ZERO_PAGE;
  }

  private writePage(n: number, addr: number): Uint8Array {
    const p = this.pages.get(n);
    if (p) {
      if (p.gen === this.gen || p.gen === SHARED) return p.data;
      const copy = { data: p.data.slice(), gen: this.gen };
      this.pages.set(n, copy);
      return copy.data;
    }
    if (!this.valid(addr)) this.check(addr);
    const fresh = { data: new Uint8Array(PAGE_SIZE), gen: this.gen };
    this.pages.set(n, fresh);
    return fresh.data;
  }

  read8(addr: number): number {
    return this.readPage(Math.floor(addr / PAGE_SIZE), addr)[addr & (PAGE_SIZE - 1)];
  }

  /** n bytes at a are stored to: the shadow marks them written (docs/snapshot.md). */
  private stored(a: number, n: number): void {
    const s = this.shadow!;
    if (s.near(a, n)) {
      s.mark(a, n);
      if (s.empty) this.shadow = undefined;
    }
  }

  write8(addr: number, v: number): void {
    if (this.shadow !== undefined) this.stored(addr, 1);
    this.writePage(Math.floor(addr / PAGE_SIZE), addr)[addr & (PAGE_SIZE - 1)] = v & 0xff;
  }

  /** Unsigned little-endian integer of 1, 2 or 4 bytes. */
  readU(addr: number, size: number): number {
    const off = addr & (PAGE_SIZE - 1);
    if (off + size <= PAGE_SIZE) {
      const d = this.readPage(Math.floor(addr / PAGE_SIZE), addr);
      if (size === 1) return d[off];
      if (size === 2) return d[off] | (d[off + 1] << 8);
      return (d[off] | (d[off + 1] << 8) | (d[off + 2] << 16) | (d[off + 3] << 24)) >>> 0;
    }
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.read8(addr + i);
    return v;
  }

  writeU(addr: number, size: number, v: number): void {
    if (this.shadow !== undefined) this.stored(addr, size);
    const off = addr & (PAGE_SIZE - 1);
    if (off + size <= PAGE_SIZE) {
      const d = this.writePage(Math.floor(addr / PAGE_SIZE), addr);
      d[off] = v;
      if (size > 1) d[off + 1] = v >>> 8;
      if (size > 2) { d[off + 2] = v >>> 16; d[off + 3] = v >>> 24; }
      return;
    }
    for (let i = 0; i < size; i++) { this.write8(addr + i, v & 0xff); v = Math.floor(v / 256); }
  }

  /** A 64-bit word as a JS number: for addresses, sizes and times the library reads
   *  (exact below 2^53). A C value of a 64-bit kind is read with readWide. */
  read64(addr: number, signed: boolean): number {
    const lo = this.readU(addr, 4);
    const hi = this.readU(addr + 4, 4);
    if (signed && hi >= 0x80000000) return (hi - 0x100000000) * 0x100000000 + lo;
    return hi * 0x100000000 + lo;
  }

  /** A 64-bit integer, exact (src/c/wide.ts): a number when it is a safe integer. */
  readWide(addr: number, signed: boolean): Val {
    const lo = this.readU(addr, 4);
    const hi = this.readU(addr + 4, 4);
    // |value| < 2^53 exactly when the high word is within 21 bits of zero (or of -1, signed).
    if (hi < 0x200000) return hi * 0x100000000 + lo;
    if (signed && hi >= 0x80000000) {
      if (hi > 0xffe00000 || (hi === 0xffe00000 && lo > 0)) return (hi - 0x100000000) * 0x100000000 + lo;
      return canon(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
    }
    return canon((BigInt(hi) << 32n) | BigInt(lo));
  }

  /** Store the low 64 bits of an integer. */
  write64(addr: number, v: Val): void {
    let lo: number, hi: number;
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      lo = ((v % 0x100000000) + 0x100000000) % 0x100000000;
      hi = Math.floor(v / 0x100000000);
      hi = ((hi % 0x100000000) + 0x100000000) % 0x100000000;
    } else {
      const b = BigInt.asUintN(64, typeof v === "bigint" ? v : BigInt(Math.trunc(v)));
      lo = Number(b & 0xffffffffn);
      hi = Number(b >> 32n);
    }
    this.writeU(addr, 4, lo);
    this.writeU(addr + 4, 4, hi);
  }

  readF(addr: number, size: number): number {
    if (size === 8) { for (let i = 0; i < 8; i++) f64b[i] = this.read8(addr + i); return f64[0]; }
    for (let i = 0; i < 4; i++) f32b[i] = this.read8(addr + i);
    return f32[0];
  }

  writeF(addr: number, size: number, v: number): void {
    if (size === 8) { f64[0] = v; for (let i = 0; i < 8; i++) this.write8(addr + i, f64b[i]); return; }
    f32[0] = v;
    for (let i = 0; i < 4; i++) this.write8(addr + i, f32b[i]);
  }

  readBytes(addr: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; ) {
      const a = addr + i;
      const off = a & (PAGE_SIZE - 1);
      const k = Math.min(n - i, PAGE_SIZE - off);
      out.set(this.readPage(Math.floor(a / PAGE_SIZE), a).subarray(off, off + k), i);
      i += k;
    }
    return out;
  }

  writeBytes(addr: number, bytes: Uint8Array): void {
    if (this.shadow !== undefined) this.stored(addr, bytes.length);
    for (let i = 0; i < bytes.length; ) {
      const a = addr + i;
      const off = a & (PAGE_SIZE - 1);
      const k = Math.min(bytes.length - i, PAGE_SIZE - off);
      this.writePage(Math.floor(a / PAGE_SIZE), a).set(bytes.subarray(i, i + k), off);
      i += k;
    }
  }

  fill(addr: number, byte: number, n: number): void {
    if (this.shadow !== undefined) this.stored(addr, n);
    for (let i = 0; i < n; ) {
      const a = addr + i;
      const off = a & (PAGE_SIZE - 1);
      const k = Math.min(n - i, PAGE_SIZE - off);
      this.writePage(Math.floor(a / PAGE_SIZE), a).fill(byte, off, off + k);
      i += k;
    }
  }

  /** A NUL-terminated string as latin1 text (at most `max` bytes). */
  readCString(addr: number, max = 1 << 20): string {
    let s = "";
    for (let i = 0; i < max; i++) {
      const c = this.read8(addr + i);
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
    return s;
  }

  strlen(addr: number): number {
    for (let i = 0; ; i++) if (this.read8(addr + i) === 0) return i;
  }

  writeString(addr: number, s: string, nul = true): void {
    const b = latin1Bytes(s);
    this.writeBytes(addr, b);
    if (nul) this.write8(addr + b.length, 0);
  }
}

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

/** A scalar of kind `k` at `a`, as a load instruction reads it (sign-extended where signed). */
export function load(mem: Memory, k: K, a: number): Val {
  switch (k) {
    case K.I8: { const v = mem.read8(a); return v > 127 ? v - 256 : v; }
    case K.U8: return mem.read8(a);
    case K.I16: { const v = mem.readU(a, 2); return v > 32767 ? v - 65536 : v; }
    case K.U16: return mem.readU(a, 2);
    case K.I32: return mem.readU(a, 4) | 0;
    case K.U32: return mem.readU(a, 4);
    case K.I64: return mem.readWide(a, true);
    case K.U64: return mem.readWide(a, false);
    case K.F32: return mem.readF(a, 4);
    case K.F64: return mem.readF(a, 8);
  }
}

/** A scalar of kind `k` stored at `a`, truncated to its width as C converts on assignment. */
export function store(mem: Memory, k: K, a: number, v: Val): void {
  if (typeof v === "bigint") { mem.write64(a, v); return; }
  switch (k) {
    case K.I8: case K.U8: mem.write8(a, v); return;
    case K.I16: case K.U16: mem.writeU(a, 2, v & 0xffff); return;
    case K.I32: case K.U32: mem.writeU(a, 4, v >>> 0); return;
    case K.I64: case K.U64: mem.write64(a, v); return;
    case K.F32: mem.writeF(a, 4, v); return;
    case K.F64: mem.writeF(a, 8, v); return;
  }
}
