// A FIFO of bytes: the buffer behind pipes, socket receive queues and terminal input.
// Reads take from the front; `ver` changes on every change so views can be cached.
import { latin1Text } from "./latin1";

export class ByteQueue {
  private buf: Uint8Array;
  private head = 0;
  private tail = 0;
  ver = 0;
  private text?: { ver: number; s: string };

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
  }

  get length(): number {
    return this.tail - this.head;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.tail + bytes.length > this.buf.length) {
      const len = this.length;
      const need = len + bytes.length;
      const next = need > this.buf.length ? new Uint8Array(Math.max(need, this.buf.length * 2)) : this.buf;
      next.set(this.buf.subarray(this.head, this.tail), 0);
      this.buf = next;
      this.head = 0;
      this.tail = len;
    }
    this.buf.set(bytes, this.tail);
    this.tail += bytes.length;
    this.ver++;
  }

  /** Remove and return up to n bytes from the front. */
  take(n: number): Uint8Array {
    const m = Math.min(n, this.length);
    const out = this.buf.slice(this.head, this.head + m);
    this.head += m;
    if (this.head === this.tail) this.head = this.tail = 0;
    if (m > 0) this.ver++;
    return out;
  }

  /** Up to n bytes from the front, left in place (recv's MSG_PEEK). */
  peek(n: number): Uint8Array {
    return this.buf.slice(this.head, this.head + Math.min(n, this.length));
  }

  /** Index of the first byte equal to b, or -1. */
  indexOf(b: number): number {
    const i = this.buf.subarray(this.head, this.tail).indexOf(b);
    return i;
  }

  clear(): void {
    if (this.length === 0) return;
    this.head = this.tail = 0;
    this.ver++;
  }

  /** The contents as latin1 text (cached until the next change). */
  latin1(): string {
    if (this.text?.ver !== this.ver) this.text = { ver: this.ver, s: latin1Text(this.buf.subarray(this.head, this.tail)) };
    return this.text.s;
  }
}
