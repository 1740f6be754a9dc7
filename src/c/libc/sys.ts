// Helpers the built-ins share: issuing a system call (trace, errno, blocking) and
// reading C strings and structures from process memory.
import { isBlocked, SysResult, SysRet, ERRNO, Errno } from "../../kernel/kernel";
import { BLOCKED, GONE, Ctl, Ctx } from "../ctl";
import { HEAP_BASE } from "../memory";
import { blockSize, heapBorn, heapDied, REDZONE } from "../heapcheck";

/**
 * Finish a system call: BLOCKED leaves the thread waiting (the VM re-issues the same
 * call); otherwise record it in the trace with the caller's line, set errno on failure,
 * and hand the result to `then` (which may copy data out) or return ret.
 */
export function sys(c: Ctx, call: string, args: Array<number | string>, r: SysResult, then?: (r: SysRet) => number, text?: string): number | Ctl {
  if (isBlocked(r)) {
    c.t.blockedOn = r.blocked;
    return BLOCKED;
  }
  c.m.record(c.p, c.t, call, args, r, text);
  // The call may have ended the caller (SIGPIPE, a signal to itself, exit).
  if (!c.m.alive(c.t.tid)) return GONE;
  return then && r.ret >= 0 ? then(r) : r.ret;
}

export function setErrno(c: Ctx, e: Errno): void {
  c.mem.writeU(c.t.errnoAddr, 4, ERRNO[e]);
}

/** The C string at addr; one that runs off the end of its object (a heap block or a named
 *  array without a NUL inside it) is told, as a sanitizer would. */
export function str(c: Ctx, addr: number): string {
  const s = c.mem.readCString(addr);
  c.m.memAccess(c.p, c.t, addr, s.length + 1, `reads a string of ${s.length + 1} bytes`);
  return s;
}

/** At most max bytes of the C string at addr (printf's %.Ns), told as str tells. */
export function strn(c: Ctx, addr: number, max: number): string {
  const s = c.mem.readCString(addr, max);
  const n = s.length < max ? s.length + 1 : s.length;
  if (n > 0) c.m.memAccess(c.p, c.t, addr, n, `reads a string of ${n} bytes`);
  return s;
}

/** A library function's access of n bytes at addr (`what`: "strcpy writes"): told when it
 *  leaves its object, as a sanitizer's interceptor would. */
export function span(c: Ctx, addr: number, n: number, what: string): void {
  if (n > 0) c.m.memAccess(c.p, c.t, addr, n, what);
}

/** Write a C string (with its NUL unless nul is false) as library function `fn` does, told by span. */
export function putString(c: Ctx, addr: number, s: string, fn: string, nul = true): void {
  span(c, addr, s.length + (nul ? 1 : 0), `${fn} writes`);
  c.mem.writeString(addr, s, nul);
}

/** Copy bytes into process memory. */
export function put(c: Ctx, addr: number, data: Uint8Array): void {
  c.mem.writeBytes(addr, data);
}

/** Allocate from the process heap (malloc): the address, or 0 with errno ENOMEM when the
 *  heap would pass the model's address-space limit (as under ulimit -v). `zero`: the block
 *  must read as zeros (calloc); fresh heap past the old break already does, untouched. */
export function heapAlloc(c: Ctx, size: number, zero = false): number {
  const h = c.p.heap;
  if (!Number.isSafeInteger(size) || size < 0 || size > c.m.options.maxHeap) return outOfMemory(c, size);
  const asked = size;
  size = Math.max(16, Math.ceil(size / 16) * 16) + REDZONE;
  const i = h.free.findIndex(([, s]) => s >= size);
  let a: number;
  if (i >= 0) {
    const [fa, fs] = h.free[i];
    a = fa;
    if (fs > size) h.free[i] = [fa + size, fs - size];
    else h.free.splice(i, 1);
    if (zero) c.mem.fill(a, 0, size);
  } else {
    if (h.brk + size - HEAP_BASE > c.m.options.maxHeap) return outOfMemory(c, asked);
    a = h.brk;
    h.brk += size;
    c.mem.grow(HEAP_BASE, h.brk);
  }
  h.blocks[a] = size;
  heapBorn(h, a, asked, size, c.m.userLine(c.p, c.t));
  return a;
}

function outOfMemory(c: Ctx, size: number): number {
  setErrno(c, "ENOMEM");
  const mib = c.m.options.maxHeap >> 20;
  c.m.limitNote(c.p, c.t, "heap", () => `an allocation of ${size} bytes returned NULL with errno ENOMEM: the heap would pass the model's ${mib} MiB address-space limit (as under ulimit -v); check malloc's result`);
  return 0;
}

export function heapFree(c: Ctx, a: number): boolean {
  const h = c.p.heap;
  const size = h.blocks[a];
  if (size === undefined) return false;
  delete h.blocks[a];
  h.free.push([a, size]);
  heapDied(h, a, c.m.userLine(c.p, c.t));
  return true;
}

/** realloc: a new block with the old one's bytes (as many as fit), the old one freed; 0 when
 *  out of memory, the old block then left as it was. */
export function heapRealloc(c: Ctx, old: number, size: number): number {
  const p = heapAlloc(c, size);
  if (p === 0) return 0;
  if (old) {
    c.mem.writeBytes(p, c.mem.readBytes(old, Math.min(blockSize(c.p.heap, old) ?? 0, size)));
    heapFree(c, old);
  }
  return p;
}

/** A string the library returns (strerror and friends), allocated once per process. */
export function cstr(c: Ctx, s: string): number {
  let a = c.p.statics[s];
  if (a === undefined) {
    a = heapAlloc(c, s.length + 1);
    c.mem.writeString(a, s);
    c.p.statics[s] = a;
  }
  return a;
}
