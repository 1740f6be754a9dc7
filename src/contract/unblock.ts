// Whether a process of a Snapshot can run a line now, and if not why and what would let it
// go on, in the learner's terms. Said by the stepper's refusals (src/session/stepper.ts),
// the code lenses (src/coach/lenses.ts), the Step Process command's list and the view's
// process form: one wording everywhere. Here, under the Snapshot's types, because the view
// reads it too and imports nothing from the model.
import type { KObject, Proc, Snapshot } from "./snapshot";
import { fileKind, readsTerminal } from "./terminal";

/** What lets a process reading the terminal go on (the view's input line, webview/typein.ts). */
export const TYPE_HINT = "type a line for the terminal in the view (Enter sends it; Ctrl-D is end of file)";

/** What a blocked read waits on: the kind of v-node behind its descriptor, when known. */
export type ReadSource = KObject["kind"] | undefined;

/** What would let a process blocked in `call` go on, in the learner's terms; `terminal`
 *  when the call reads the terminal (contract/terminal.ts readsTerminal); `from`, what a
 *  read reads (readSource): a pipe's reader waits for a writer, a socket's for its peer. */
export function unblockHint(call: string | undefined, terminal = false, from?: ReadSource): string {
  if (terminal) return TYPE_HINT;
  const name = (call ?? "").replace(/\s*\(.*$/, "");
  switch (name) {
    case "accept": return "connect a client";
    case "read": case "recvfrom": case "recv": case "readline":
      if (from === "pipe") return "it waits for a writer to write into the pipe (or for every write end to close: then read returns 0, EOF)";
      if (from === "socket") return "it waits for data from the other end of the connection (a client line)";
      return "it waits for data (a client line, or a writer)";
    case "wait": case "wait4": case "waitpid": return "it waits for a child to exit";
    case "pause": case "sigsuspend": case "sigwait": return "it waits for a signal";
    case "sem_wait": return "it waits for a sem_post";
    case "sem_timedwait": return "it waits for a sem_post, or for its deadline (then ETIMEDOUT)";
    case "pthread_cond_wait": return "it waits for another thread to signal the condition";
    case "pthread_cond_timedwait": return "it waits for another thread to signal the condition, or for its deadline (then ETIMEDOUT)";
    case "write": case "sendto": return "it waits for the reader to make room";
    case "connect": return "it waits for the server to accept";
    case "nanosleep": case "sleep": return "it is sleeping";
    default: return "another process must act first";
  }
}

/** "pid 7 is blocked in read(4): it waits for data ..." */
export function whyBlocked(pid: number, call: string | undefined, terminal = false, from?: ReadSource): string {
  return `pid ${pid} is blocked${call ? ` in ${call}` : ""}: ${unblockHint(call, terminal, from)}`;
}

/** The kind of v-node `p`'s blocked read(fd) or recv(fd) reads, when it is blocked in one. */
export function readSource(snap: Snapshot, p: Proc): ReadSource {
  const m = p.state === "blocked" ? /^(?:read|recv|recvfrom)\((\d+)\)$/.exec(p.blockedOn ?? "") : null;
  const id = m ? p.fds[Number(m[1])] : undefined;
  return id === null || id === undefined ? undefined : fileKind(snap, id);
}

/** Why `p`, a process of `snap`, cannot run a line now (blocked, stopped, exited), or
 *  undefined when it can. A read of the terminal says where to type (readsTerminal). */
export function whyNotStep(p: Proc, snap: Snapshot): string | undefined {
  switch (p.state) {
    case "zombie": return `pid ${p.pid} has exited (a zombie until its parent reaps it)`;
    case "stopped": return `pid ${p.pid} is stopped: send it SIGCONT`;
    case "blocked": return whyBlocked(p.pid, p.blockedOn, readsTerminal(snap, p), readSource(snap, p));
    default: return undefined;
  }
}
