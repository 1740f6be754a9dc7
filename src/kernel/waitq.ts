// Wait queues, as xv6's sleep(chan)/wakeup(chan): a blocked task sleeps on the channels
// of the objects its call waits for, and a change to an object wakes only that object's
// sleepers. What a task waits for is plain data (a WaitCond naming the object), never a
// closure, so the kernel's state can be copied whole (checkpoints of the timeline).
//
// A change marks its channel (touch); the kernel's door calls wakeup() once the call is
// done, which re-checks only the sleepers of the marked channels. The test of each kind
// of wait lives with its object (pipe.ts, socket.ts, ...), registered here by kind, so
// this file needs none of them.
import type { KState, Task, WaitCond } from "./kstate";

/** A channel: an object ("o12"), the children of a process ("c5"), the terminal, the clock. */
export type Chan = string;

export const objChan = (id: number): Chan => `o${id}`;
export const childChan = (pid: number): Chan => `c${pid}`;
export const TTY_CHAN: Chan = "tty";
export const CLOCK_CHAN: Chan = "clock";

type Ready = (k: KState, t: Task, c: WaitCond) => boolean;
const tests = new Map<WaitCond["kind"], Ready>();
/** Exclusive channels by their prefix: how many sleepers a change there can let go. */
const rooms = new Map<string, (k: KState, id: number) => number>();

/**
 * Channels `${prefix}${id}` whose sleepers all wait for the same limited thing (room in an
 * accept queue): a change there wakes only as many as `room` says can go, oldest first, and
 * looks at no other sleeper (Linux's exclusive waits), instead of all of them only for one to
 * go and the rest to sleep again, which makes n waiters cost n squared.
 */
export function exclusiveChan(prefix: string, room: (k: KState, id: number) => number): (id: number) => Chan {
  rooms.set(prefix, room);
  return (id) => `${prefix}${id}`;
}

/** How many sleepers of an exclusive channel may go now; undefined for other channels. */
function roomOf(k: KState, ch: Chan): number | undefined {
  const m = /^([a-z]+)(\d+)$/.exec(ch);
  const room = m ? rooms.get(m[1]) : undefined;
  return room ? room(k, +m![2]) : undefined;
}

/** Say how a kind of wait is tested (each concept file registers its own). */
export function waitTest<K extends WaitCond["kind"]>(kind: K, ready: (k: KState, t: Task, c: Extract<WaitCond, { kind: K }>) => boolean): void {
  tests.set(kind, ready as Ready);
}

/** Whether the call t sleeps in can make progress now. */
function ready(k: KState, t: Task): boolean {
  const c = t.wait;
  if (!c) return false;
  const test = tests.get(c.kind);
  return test ? test(k, t, c) : false;
}

/** Put t to sleep on `chans` until its condition holds. */
export function sleepOn(k: KState, t: Task, chans: Chan[]): void {
  unqueue(k, t);
  t.chans = chans;
  for (const ch of chans) {
    let q = k.waitq.get(ch);
    if (!q) k.waitq.set(ch, (q = new Set()));
    q.add(t.tid);
  }
}

/** Take t off every queue it sleeps on (it woke, was interrupted, or is gone). */
export function unqueue(k: KState, t: Task): void {
  for (const ch of t.chans ?? []) {
    const q = k.waitq.get(ch);
    if (!q) continue;
    q.delete(t.tid);
    if (q.size === 0) k.waitq.delete(ch);
  }
  t.chans = undefined;
}

/** Something on channel ch changed: its sleepers are re-checked at the next wakeup(). */
export function touch(k: KState, ch: Chan): void {
  if (k.waitq.has(ch)) k.touched.add(ch);
}

/** The sleepers of the touched channels whose condition now holds, in tid order. */
export function takeReady(k: KState): Task[] {
  const out: Task[] = [];
  while (k.touched.size) {
    const seen = new Set<number>();
    for (const ch of k.touched) {
      const q = k.waitq.get(ch);
      if (!q) continue;
      let room = roomOf(k, ch);
      if (room === undefined) {
        for (const tid of q) seen.add(tid);
        continue;
      }
      // Oldest first (a sleeper joins the end of the queue), only as many as can go.
      for (const tid of q) {
        if (room <= 0) break;
        const t = k.tasks.get(tid);
        if (t && t.state === "blocked" && ready(k, t)) { seen.add(tid); room--; }
      }
    }
    k.touched.clear();
    for (const tid of [...seen].sort((a, b) => a - b)) {
      const t = k.tasks.get(tid);
      if (t && t.state === "blocked" && ready(k, t)) out.push(t);
    }
  }
  return out;
}
