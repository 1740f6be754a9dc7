// Who waits for the learner at the keyboard: a process blocked reading a descriptor that
// refers to the terminal. In canonical mode it goes on only when a whole line is typed (or
// Ctrl-D), which nothing in the model does by itself: the view offers its input line for
// it, and the stepper's messages and the code lenses point there.
import type { Proc, Snapshot } from "./snapshot";

/** The descriptor `p` waits on in read(fd), when it waits in a read. */
function readFd(p: Proc): number | undefined {
  const m = p.state === "blocked" ? /^read\((\d+)\)$/.exec(p.blockedOn ?? "") : null;
  return m ? Number(m[1]) : undefined;
}

/** The open files of `s` that refer to the terminal, found once per Snapshot: the view
 *  asks for every process of a step (200 blocked readers against 1,000 open files would
 *  otherwise be a search per process). */
const ttyFilesOf = new WeakMap<Snapshot, Set<number>>();
function ttyFiles(s: Snapshot): Set<number> {
  let out = ttyFilesOf.get(s);
  if (!out) {
    const ttys = new Set(s.objects.filter((o) => o.kind === "tty").map((o) => o.id));
    out = new Set(s.files.filter((f) => ttys.has(f.object)).map((f) => f.id));
    ttyFilesOf.set(s, out);
  }
  return out;
}

/** `p` is blocked in a read of the terminal (its descriptor's v-node is the tty). */
export function readsTerminal(s: Snapshot, p: Proc): boolean {
  const fd = readFd(p);
  if (fd === undefined) return false;
  const id = p.fds[fd];
  return id !== null && id !== undefined && ttyFiles(s).has(id);
}

/** The live processes waiting for a line typed at the terminal, by pid. */
export function terminalReaders(s: Snapshot): Proc[] {
  return s.processes.filter((p) => p.kind === "program" && readsTerminal(s, p));
}

/** Some live process of `s` has the terminal open: a line typed now waits for its next
 *  read (type-ahead); with none, nothing would ever read it. */
export function terminalOpen(s: Snapshot): boolean {
  const ttys = ttyFiles(s);
  return s.processes.some((p) => p.kind === "program" && p.state !== "zombie" && p.fds.some((id) => id !== null && ttys.has(id)));
}
