// The render benchmark's snapshot: a forking echo server grown to 200 processes and
// 1,000 descriptors, and the one-syscall step after it. Plain data, no node imports, so
// it also runs inside the browser. test/unit/render/fixtures/big-200p.json is this.
import type { Proc, Snapshot } from "../contract/snapshot";

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
  s.processes.push(proc(100, 1, [TTY, TTY, TTY, LISTEN, null, LOG, LOG], "blocked", { blockedOn: "accept(3)", line: 37 }));
  for (let i = 0; i < 198; i++) {
    const pid = 101 + i;
    const file = 10 + i;
    const sock = 10 + i;
    s.files.push({ id: file, refcount: 1, offset: 0, flags: ["O_RDWR"], object: sock });
    s.objects.push({ id: sock, kind: "socket", refs: 1, state: "connected", local: "127.0.0.1:15213",
      remote: `127.0.0.1:${40000 + i}`, recvQueue: i % 3 ? "" : "hello\n", sendQueue: "" });
    // Every child still holds listenfd (3) and its connfd (4); four also the log (5).
    // With the server's six, that makes 1,000 descriptors.
    const fds = i < 4 ? [TTY, TTY, TTY, LISTEN, file, LOG] : [TTY, TTY, TTY, LISTEN, file];
    s.processes.push(proc(pid, 100, fds, "blocked", { blockedOn: "read(4)", line: 12 }));
  }
  for (const p of s.processes) for (const id of p.fds) if (id !== null && id < 10) s.files[id - 1].refcount++;
  for (let i = 0; i < 100; i++) s.output.push({ pid: 100, fd: 1, text: `Connected to (localhost, ${40000 + i})\n` });
  return s;
}

/** The next step: the n-th child closes its copy of listenfd (fd 3). Like the kernel's
 *  snapshots, it shares every row the step did not change with the step before it. */
export function closeListenfd(s: Snapshot, n: number): Snapshot {
  const pid = 101 + n;
  const processes = s.processes.map((p) => (p.pid === pid ? { ...p, fds: p.fds.map((id, fd) => (fd === 3 ? null : id)) } : p));
  const files = s.files.map((f) => (f.id === 2 ? { ...f, refcount: f.refcount - 1 } : f));
  return { ...s, step: s.step + 1, processes, files, output: [],
    events: [{ kind: "syscall", pid, call: "close", args: [3], ret: 0 }] };
}
