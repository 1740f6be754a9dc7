// What the host sends the view: only the part of the history the view does not hold yet.
// The view's copy is what the host sent it last; a session usually appends one step, and
// stepping back rebuilds the history by replay (new objects, same content), so steps are
// compared by identity first and by a content hash when identity fails. Used by the host
// (src/extension/view), the CLI and the tests.
import type { OutputChunk, Snapshot } from "./snapshot";
import { PROTOCOL_VERSION, type HostMessage } from "./protocol";
import { encodeStep } from "./wire";

const hashes = new WeakMap<Snapshot, number>();

/** A 53-bit hash of the snapshot's JSON, computed once per snapshot object. */
function contentHash(s: Snapshot): number {
  let h = hashes.get(s);
  if (h !== undefined) return h;
  const text = JSON.stringify(s);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  hashes.set(s, h);
  return h;
}

export function sameStep(a: Snapshot, b: Snapshot): boolean {
  return a === b || (a.step === b.step && contentHash(a) === contentHash(b));
}

export type HistoryMessage = Extract<HostMessage, { type: "history" }>;

/** The message that brings a view holding `sent` to `history`, showing step `current`.
 *  `start`: the output before the first step and how many steps are gone (a restored history). */
export function historyMessage(sent: readonly Snapshot[], history: readonly Snapshot[], current: number, title?: string,
  start: { before?: OutputChunk[]; dropped?: number } = {}): HistoryMessage {
  // A caller that keeps a window of its history drops old steps: find where it starts now.
  let shift = 0;
  if (sent.length && history.length && sent[0] !== history[0]) {
    const k = sent.indexOf(history[0]);
    if (k > 0) shift = k;
  }
  let from = 0;
  const n = Math.min(history.length, sent.length - shift);
  while (from < n && sameStep(sent[shift + from], history[from])) from++;
  if (from === 0) shift = 0;
  const steps = history.slice(from).map((s, i) => encodeStep(s, from + i > 0 ? history[from + i - 1] : undefined));
  const msg: HistoryMessage = { v: PROTOCOL_VERSION, type: "history", from, steps, length: history.length, current, title };
  if (shift) msg.shift = shift;
  if (from === 0 && start.before?.length) msg.before = start.before;
  if (from === 0 && start.dropped) msg.dropped = start.dropped;
  return msg;
}
