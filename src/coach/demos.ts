// "Run demo...": one demo per classic mistake (and its fix). A demo names an example and
// the world it runs in, and the interesting moment as a predicate on the Snapshot: the
// stepper steps with the scheduler until the moment holds, so the learner lands on the
// line where the tables show the mistake.
import type { Proc, Snapshot, SocketObject } from "../contract/snapshot";
import type { Policy } from "../session/session";
import type { Scenario } from "../contract/scenario";

export interface Demo {
  id: string;
  title: string;
  /** What the learner should look at when the demo stops. */
  look: string;
  /** File name in examples/. */
  example: string;
  /** A scenario file in examples/, an inline Scenario, or none. */
  scenario?: string | Scenario;
  policy?: Policy;
  /** The interesting moment: true of the Snapshot the demo stops at. */
  moment: (s: Snapshot, history: readonly Snapshot[]) => boolean;
}

/** The program's first process (the one the session started). */
export function mainProc(s: Snapshot): Proc | undefined {
  return s.processes.filter((p) => p.kind === "program").sort((a, b) => a.pid - b.pid)[0];
}

const programs = (s: Snapshot) => s.processes.filter((p) => p.kind === "program");
const children = (s: Snapshot, pid: number) => programs(s).filter((p) => p.ppid === pid);
const zombies = (s: Snapshot) => programs(s).filter((p) => p.state === "zombie");

/** Descriptors of `p` that lead to a connected socket. */
export function connectedFds(s: Snapshot, p: Proc): number[] {
  const out: number[] = [];
  p.fds.forEach((id, fd) => {
    const f = id === null ? undefined : s.files.find((x) => x.id === id);
    const o = f && s.objects.find((x) => x.id === f.object);
    if (o?.kind === "socket" && o.state === "connected") out.push(fd);
  });
  return out;
}

/** Object behind descriptor `fd` of `p`. */
function objectOf(s: Snapshot, p: Proc, fd: number) {
  const id = p.fds[fd];
  const f = id === null || id === undefined ? undefined : s.files.find((x) => x.id === id);
  return f ? { file: f, object: s.objects.find((x) => x.id === f.object) } : undefined;
}

const reaps = (h: readonly Snapshot[]) => h.reduce((n, s) => n + s.events.filter((e) => e.kind === "reap").length, 0);

const fiveTogether: Scenario = {
  argv: ["15213"],
  clients: ["one", "two", "three", "four", "five"].map((line) => ({ actions: [{ send: line }, { close: true, group: "five" }] })),
  signals: [{ signal: "SIGINT", afterClientsClosed: 5 }],
};

export const DEMOS: Demo[] = [
  {
    id: "forgot-close",
    title: "Parent forgets close(connfd)",
    look: "A child has exited, yet the parent still holds a descriptor for its connection (and every other one): the open file stays at refcount 1, the socket stays connected and the client never sees EOF.",
    example: "echoserverp-noclose.c",
    scenario: "echoserverp-noclose.scenario.json",
    moment: (s) => {
      const m = mainProc(s);
      return !!m && connectedFds(s, m).length >= 2 && zombies(s).length >= 1;
    },
  },
  {
    id: "zombies",
    title: "Zombies without a handler",
    look: "Three children have exited, but nobody called wait: they stay in the process table as zombies.",
    example: "zombies.c",
    scenario: "zombies.scenario.json",
    moment: (s) => { const m = mainProc(s); return !!m && children(s, m.pid).length === 3 && children(s, m.pid).every((c) => c.state === "zombie"); },
  },
  {
    id: "lost-sigchld",
    title: "Lost SIGCHLD with wait (five children exit at once)",
    look: "Five SIGCHLDs arrived while one was pending, so four were lost; the handler ran once, called wait once, and four zombies remain.",
    example: "sigchld-lost.c",
    moment: (s, h) => {
      const m = mainProc(s);
      return !!m && reaps(h) === 1 && zombies(s).length === 4 && m.signals.running === undefined && m.signals.lost.includes("SIGCHLD");
    },
  },
  {
    id: "waitpid-loop",
    title: "The waitpid loop fix (five clients close at once)",
    look: "Five children exited at once and several SIGCHLDs were lost, yet the handler's while (waitpid(-1, 0, WNOHANG) > 0) loop reaped all five: no zombies.",
    example: "echoserverp.c",
    scenario: fiveTogether,
    moment: (s, h) => reaps(h) === 5 && zombies(s).length === 0 && (mainProc(s)?.signals.running === undefined),
  },
  {
    id: "pipe-no-eof",
    title: "A pipe that never reaches EOF",
    look: "The child wrote and exited, but the parent kept its own write end open: the pipe is empty, still has a writer, and the parent blocks in read for ever.",
    example: "pipe-eof.c",
    moment: (s) => {
      const m = mainProc(s);
      // The session lets time pass at once when all are blocked, so the block is seen as this step's event.
      const block = m && s.events.find((e) => e.kind === "block" && e.pid === m.pid && /^read\(\d+\)/.test(e.on));
      if (!m || block?.kind !== "block") return false;
      const pipe = objectOf(s, m, Number(/\d+/.exec(block.on)![0]))?.object;
      return pipe?.kind === "pipe" && pipe.buffer === "" && pipe.writers >= 1 && children(s, m.pid).every((c) => c.state === "zombie");
    },
  },
  {
    id: "sigpipe",
    title: "SIGPIPE: writing to a pipe with no reader",
    look: "Every read end is closed, so the child's write raised SIGPIPE and the default action killed it.",
    example: "sigpipe.c",
    moment: (s) => programs(s).some((p) => p.state === "zombie" && ((p.exitStatus ?? 0) & 0x7f) === 13),
  },
  {
    id: "printf-fork",
    title: "printf before fork",
    look: "stdout is a pipe, so \"hello from before fork\\n\" was still in the stdio buffer when fork copied the process: both buffers hold it and it will be printed twice.",
    example: "printf-fork.c",
    scenario: { stdout: "pipe" },
    moment: (s) => programs(s).filter((p) => p.state !== "zombie" && p.stdio.stdout.buffered.includes("hello from before fork")).length === 2,
  },
  {
    id: "dup2",
    title: "dup2 redirection",
    look: "dup2(fd, 1) made descriptor 1 share fd's open file (refcount 2): printf's output now goes into the file, as a shell's > does.",
    example: "dup2-redirect.c",
    moment: (s) => {
      const m = mainProc(s);
      const one = m && objectOf(s, m, 1);
      return !!one && one.object?.kind === "file" && one.file.refcount === 2;
    },
  },
  {
    id: "fork-in-thread",
    title: "fork in a multithreaded process",
    look: "The parent has two threads, the child only the one that called fork; the mutex the other thread holds was copied locked.",
    example: "fork-in-thread.c",
    moment: (s) => {
      const m = mainProc(s);
      return !!m && (m.threads?.length ?? 1) >= 2 && children(s, m.pid).some((c) => c.state !== "zombie" && (c.threads?.length ?? 1) === 1);
    },
  },
  {
    id: "iterative",
    title: "Iterative server: one client at a time",
    look: "The server is busy with the first client; the second one's connection waits in the listening socket's queue until the first is done.",
    example: "echoserveri.c",
    scenario: "echoserveri.scenario.json",
    moment: (s) => {
      const m = mainProc(s);
      const listening = s.objects.find((o): o is SocketObject => o.kind === "socket" && o.state === "listening");
      return !!m && !!listening && (listening.pending?.length ?? 0) >= 1 && connectedFds(s, m).length >= 1;
    },
  },
  {
    id: "forking",
    title: "Forking server: clients served at once",
    look: "Each client has its own child process, each holding its connected socket, while the parent is back in accept.",
    example: "echoserverp.c",
    scenario: "echoserverp.scenario.json",
    moment: (s) => {
      const m = mainProc(s);
      return !!m && children(s, m.pid).filter((c) => c.state !== "zombie" && connectedFds(s, c).length >= 1).length >= 2;
    },
  },
];

export function demo(id: string): Demo | undefined {
  return DEMOS.find((d) => d.id === id);
}
