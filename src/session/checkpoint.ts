// A checkpoint of the whole machine: a deep copy of a session's state (kernel, C machine,
// clients, scheduler) that can be restored any number of times. The state is plain data
// (blocked calls wait on data, never closures), so a copy of the object graph is exact:
// every object is copied once, so two references to one object stay two references to one
// copy (a socket's peer, a task and its process, the caches keyed by identity).
// What is not copied:
// - functions (the host's callbacks: loading a program, reading a file, Stop): code, not state;
// - objects named `shared` (the compiled Programs: never written while a program runs);
// - memory pages: shared copy-on-write with the live machine (Memory.copyFor);
// - append-only arrays (the system call trace, notes): the checkpoint keeps the array and
//   its length, and a restore takes that prefix (entries are never changed once pushed).
import { Memory } from "../c/memory";

/** An append-only array as it stood when the checkpoint was taken. */
interface Prefix {
  array: unknown[];
  length: number;
}

export interface Frozen {
  /** The copied state: restore() copies it again, so it can be restored many times. */
  readonly state: object;
  readonly prefixes: readonly Prefix[];
  readonly shared: readonly object[];
  /** Bytes this checkpoint alone keeps alive, roughly: objects at 64 bytes, buffers as they are,
   *  memory pages written since the last copy. */
  readonly bytes: number;
}

/** Copy `state` for a checkpoint. */
export function freeze(state: object, appendOnly: unknown[][], shared: object[]): Frozen {
  const seen = new Map<unknown, unknown>();
  for (const o of shared) seen.set(o, o);
  for (const a of appendOnly) seen.set(a, a);
  const copier = new Copier(seen);
  return { state: copier.copy(state), prefixes: appendOnly.map((array) => ({ array, length: array.length })), shared, bytes: copier.bytes };
}

/** A fresh copy of the frozen state, with each append-only array cut back to its prefix. */
export function restore(f: Frozen): object {
  const seen = new Map<unknown, unknown>();
  for (const o of f.shared) seen.set(o, o);
  for (const p of f.prefixes) seen.set(p.array, p.array.slice(0, p.length));
  return new Copier(seen).copy(f.state);
}

/** A deep copy of an object graph that keeps its shape (identity, prototypes, Maps, Sets,
 *  typed arrays sharing one buffer). */
class Copier {
  bytes = 0;

  constructor(private readonly seen: Map<unknown, unknown>) {}

  copy<T>(v: T): T {
    if (typeof v !== "object" || v === null) return v;
    const done = this.seen.get(v);
    if (done !== undefined) return done as T;
    return this.fresh(v as object) as T;
  }

  private fresh(o: object): object {
    if (Array.isArray(o)) {
      const out: unknown[] = new Array(o.length);
      this.seen.set(o, out);
      this.bytes += 16 + 8 * o.length;
      for (let i = 0; i < o.length; i++) {
        const x = o[i];
        out[i] = typeof x === "object" && x !== null ? this.copy(x) : x;
      }
      return out;
    }
    if (o instanceof Map) {
      const out = new Map();
      this.seen.set(o, out);
      this.bytes += 64 + 32 * o.size;
      for (const [k, x] of o) out.set(this.copy(k), this.copy(x));
      return out;
    }
    if (o instanceof Set) {
      const out = new Set();
      this.seen.set(o, out);
      this.bytes += 64 + 16 * o.size;
      for (const x of o) out.add(this.copy(x));
      return out;
    }
    if (o instanceof Memory) {
      const { copy, written } = o.copyFor((d) => this.copy(d));
      this.seen.set(o, copy);
      this.bytes += written * 4096;
      return copy;
    }
    if (o instanceof ArrayBuffer) {
      const out = o.slice(0);
      this.seen.set(o, out);
      this.bytes += o.byteLength;
      return out;
    }
    if (ArrayBuffer.isView(o)) {
      const out = this.view(o);
      this.seen.set(o, out);
      return out;
    }
    if (o instanceof Date || o instanceof RegExp || o instanceof WeakMap || o instanceof WeakSet || o instanceof Promise) {
      throw new Error(`checkpoint: cannot copy a ${o.constructor.name}`);
    }
    // A plain object or a class instance: same prototype, own fields copied.
    const out = Object.create(Object.getPrototypeOf(o)) as Record<string, unknown>;
    this.seen.set(o, out);
    const src = o as Record<string, unknown>;
    const keys = Object.keys(src);
    this.bytes += 32 + 16 * keys.length;
    for (const k of keys) {
      const x = src[k];
      out[k] = typeof x === "object" && x !== null ? this.copy(x) : x;
    }
    return out;
  }

  /** A typed array or DataView onto the copy of its buffer, so views sharing a buffer
   *  (a shm segment and the pages mapped from it) still share one. */
  private view(v: ArrayBufferView): ArrayBufferView {
    const buf = this.copy(v.buffer);
    if (v instanceof DataView) return new DataView(buf, v.byteOffset, v.byteLength);
    const n = (v as Uint8Array).length;
    // Node's Buffer (a Uint8Array) is made by Buffer.from, not its constructor.
    if (typeof Buffer !== "undefined" && Buffer.isBuffer(v)) return Buffer.from(buf, v.byteOffset, n);
    const Ctor = v.constructor as new (b: ArrayBufferLike, off: number, len: number) => ArrayBufferView;
    return new Ctor(buf, v.byteOffset, n);
  }
}
