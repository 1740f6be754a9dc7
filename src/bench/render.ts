// `forklab bench render`: how long the view takes, in Chromium, to draw a big forking
// server (200 processes, 1,000 descriptors) from nothing, and to update after one
// syscall (a child's close(listenfd)). The time covers the view's whole handling of the
// host's message: validation, layout, DOM update, and the browser's style and layout.
import type { Bench, Figure } from "./figure";
import type { Proc, Snapshot } from "../kernel/snapshot";
import { deliver, launchChromium, openView } from "./view-page";

function proc(pid: number, ppid: number, fds: Array<number | null>, state: Proc["state"], extra: Partial<Proc> = {}): Proc {
  return {
    pid, ppid, pgid: 100, name: "echoserverp", kind: "program", state, fds, cloexec: [],
    signals: { pending: [], blocked: [], handlers: { SIGCHLD: "sigchld_handler" }, lost: [] },
    stdio: { stdout: { mode: "line", buffered: "" } }, ...extra,
  };
}

/** A forking echo server with 198 children: 200 processes (with init), 1,000 descriptors. */
export function bigSnapshot(): Snapshot {
  const TTY = 1, LISTEN = 2, LOG = 3;
  const s: Snapshot = {
    version: 1, step: 500, clock: 0, foregroundPgid: 100, events: [], output: [],
    processes: [proc(1, 0, [], "blocked", { kind: "init", name: "init", pgid: 1, blockedOn: "waitpid(-1)" })],
    files: [
      { id: TTY, refcount: 0, offset: 0, flags: ["O_RDWR"], object: 1 },
      { id: LISTEN, refcount: 0, offset: 0, flags: ["O_RDWR"], object: 2 },
      { id: LOG, refcount: 0, offset: 4096, flags: ["O_WRONLY", "O_APPEND"], object: 3 },
    ],
    objects: [
      { id: 1, kind: "tty", refs: 1, name: "/dev/pts/0", input: "" },
      { id: 2, kind: "socket", refs: 1, state: "listening", local: "0.0.0.0:15213", backlog: 1024, pending: [] },
      { id: 3, kind: "file", refs: 1, path: "server.log", size: 4096, preview: "connection 1\nconnection 2\n" },
    ],
  };
  s.processes.push(proc(100, 1, [TTY, TTY, TTY, LISTEN, null, LOG], "blocked", { blockedOn: "accept(3)", line: 37 }));
  for (let i = 0; i < 198; i++) {
    const pid = 101 + i;
    const file = 10 + i;
    const sock = 10 + i;
    s.files.push({ id: file, refcount: 1, offset: 0, flags: ["O_RDWR"], object: sock });
    s.objects.push({ id: sock, kind: "socket", refs: 1, state: "connected", local: "127.0.0.1:15213",
      remote: `127.0.0.1:${40000 + i}`, recvQueue: i % 3 ? "" : "hello\n", sendQueue: "" });
    // Every child still holds listenfd (3) and its connfd (4); four also the log (5).
    const fds = i < 4 ? [TTY, TTY, TTY, LISTEN, file, LOG] : [TTY, TTY, TTY, LISTEN, file];
    s.processes.push(proc(pid, 100, fds, "blocked", { blockedOn: "read(4)", line: 12 }));
  }
  for (const p of s.processes) for (const id of p.fds) if (id !== null && id < 10) s.files[id - 1].refcount++;
  for (let i = 0; i < 100; i++) s.output.push({ pid: 100, fd: 1, text: `Connected to (localhost, ${40000 + i})\n` });
  return s;
}

/** The next step: one child closes its copy of listenfd. */
export function afterOneClose(s: Snapshot): Snapshot {
  const next = JSON.parse(JSON.stringify(s)) as Snapshot;
  next.step = s.step + 1;
  const child = next.processes.find((p) => p.pid === 150) as Proc;
  child.fds[3] = null;
  (next.files.find((f) => f.id === 2) as { refcount: number }).refcount--;
  next.events = [{ kind: "syscall", pid: 150, call: "close", args: [3], ret: 0 }];
  return next;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const show = (snapshot: Snapshot, previous?: Snapshot) => ({ v: 1, type: "show", snapshot, previous, steps: snapshot.step + 1, timeline: [] });

export const renderBench: Bench = async (progress) => {
  const big = bigSnapshot();
  const next = afterOneClose(big);
  const chrome = await launchChromium();
  try {
    const full: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await openView(chrome);
      full.push(await deliver(page, show(big)));
      await page.close();
    }
    progress(`full render of 200 processes: ${full.map((t) => t.toFixed(1)).join(" ")} ms`);
    const page = await openView(chrome);
    await deliver(page, show(big));
    const delta: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Alternate forwards and back: each delivery is a one-syscall change.
      delta.push(await deliver(page, i % 2 ? show(big, next) : show(next, big)));
    }
    progress(`one-syscall update: median of ${delta.length}`);
    // The first full render pays for compiling the script; the median of the rest is the figure.
    const figures: Figure[] = [
      { name: "render.full_200p.ms", value: median(full.slice(1)), unit: "ms" },
      { name: "render.delta.ms", value: median(delta), unit: "ms" },
    ];
    return figures;
  } finally {
    await chrome.close();
  }
};
