// What the view saves with vscode.setState so a reload (WebviewPanelSerializer) brings back
// the whole history it had, not only the last picture. The state is itself a history
// message from step 0, so the view and the host read it back with the code that reads the
// host's messages. It is bounded: a history too long to keep whole keeps its last steps,
// the output of the steps it drops (so the terminal stays right), and says how many went.
import type { OutputChunk } from "../contract/snapshot";
import type { ViewHistory } from "./history";
import { PROTOCOL_VERSION, type HostMessage } from "../contract/protocol";
import type { WireStep } from "../contract/wire";

export type SavedState = Extract<HostMessage, { type: "history" }>;

export interface StateBounds {
  /** At most this many steps. */
  steps: number;
  /** At most about this many characters of JSON (the deltas' sizes add up to it). */
  chars: number;
  /** Output chunks kept from the steps left out. */
  chunks: number;
}

export const STATE_BOUNDS: StateBounds = { steps: 5000, chars: 4_000_000, chunks: 2000 };

const sizes = new WeakMap<object, number>();

function sizeOf(w: WireStep): number {
  let n = sizes.get(w);
  if (n === undefined) {
    n = JSON.stringify(w).length;
    sizes.set(w, n);
  }
  return n;
}

/** The state to save for this history: all of it, or its last steps when it is too long. */
export function savedState(h: ViewHistory, bounds: StateBounds = STATE_BOUNDS): SavedState | undefined {
  if (!h.length) return undefined;
  // Keep steps from the end while they fit; the first one kept goes in full.
  let first = h.length - 1;
  let chars = sizeOf(h.wire[first]);
  while (first > 0 && h.length - first < bounds.steps) {
    const more = sizeOf(h.wire[first - 1]);
    if (chars + more > bounds.chars) break;
    chars += more;
    first--;
  }
  const steps: WireStep[] = h.wire.slice(first);
  steps[0] = h.steps[first];
  const state: SavedState = { v: PROTOCOL_VERSION, type: "history", from: 0, steps, length: steps.length,
    current: Math.max(0, h.current - first), title: h.title };
  const before: OutputChunk[] = h.terminal.before(first);
  if (before.length) state.before = before.slice(-bounds.chunks);
  if (h.dropped + first) state.dropped = h.dropped + first;
  return state;
}
