// Who waits for the learner at the keyboard: a process blocked reading a descriptor that
// refers to the terminal. In canonical mode it goes on only when a whole line is typed (or
// Ctrl-D), which nothing in the model does by itself: the view offers its input line for
// it, and the stepper's messages and the code lenses point there.
import type { KObject, Proc, Snapshot } from "./snapshot";

/** The descriptor `p` waits on in read(fd), when it waits in a read. */
function readFd(p: Proc): number | undefined {
  const m = p.state === "blocked" ? /^read\((\d+)\)$/.exec(p.blockedOn ?? "") : null;
  return m ? Number(m[1]) : undefined;
}

/** Each open file's v-node kind (a tty, a pipe, a socket...), found once per Snapshot: the
 *  view asks for every process of a step (200 blocked readers against 1,000 open files would
 *  otherwise be a search per process). */
const kindsOf = new WeakMap<Snapshot, Map<number, KObject["kind"]>>();
export function fileKind(s: Snapshot, id: number): KObject["kind"] | undefined {
  let kinds = kindsOf.get(s);
  if (!kinds) {
    const objects = new Map(s.objects.map((o) => [o.id, o.kind]));
    kinds = new Map();
    for (const f of s.files) {
      const k = objects.get(f.object);
      if (k) kinds.set(f.id, k);
    }
    kindsOf.set(s, kinds);
  }
  return kinds.get(id);
}

/** `p` is blocked in a read of the terminal (its descriptor's v-node is the tty). */
export function readsTerminal(s: Snapshot, p: Proc): boolean {
  const fd = readFd(p);
  if (fd === undefined) return false;
  const id = p.fds[fd];
  return id !== null && id !== undefined && fileKind(s, id) === "tty";
}

/** The live processes waiting for a line typed at the terminal, by pid. */
export function terminalReaders(s: Snapshot): Proc[] {
  return s.processes.filter((p) => p.kind === "program" && readsTerminal(s, p));
}

/** Some live process of `s` has the terminal open: a line typed now waits for its next
 *  read (type-ahead); with none, nothing would ever read it. */
export function terminalOpen(s: Snapshot): boolean {
  return s.processes.some((p) => p.kind === "program" && p.state !== "zombie" && p.fds.some((id) => id !== null && fileKind(s, id) === "tty"));
}
