// The Snapshot: the one contract between the model and everything that shows it
// (webview, CLI --json, tests, lessons). Plain JSON only: no classes, no Maps, no
// undefined-vs-missing games, so it survives postMessage and JSON.stringify unchanged.
// Schema documented in docs/snapshot.md; bump SNAPSHOT_VERSION on any breaking change.

export const SNAPSHOT_VERSION = 1;

/** A syscall event keeps at most this many bytes of the buffer a call moved: strace's
 *  default string size (-s 32), so a Snapshot does not grow with big writes. */
export const BUF_SHOWN = 32;

export interface Snapshot {
  version: number;
  /** Index of this snapshot in the session history (0 = before the first step). */
  step: number;
  /** Logical clock in milliseconds (sleep, alarm). */
  clock: number;
  /** Process table in pid order; zombies stay until reaped; init is pid 1. */
  processes: Proc[];
  /** The open file table (open file descriptions), by id. */
  files: OpenFile[];
  /** The v-node table: every object some open file (or shm attachment) still refers to. */
  objects: KObject[];
  /** What the last step did, in order. */
  events: KEvent[];
  /** Bytes that reached the terminal, in order, with the writer's pid. */
  output: OutputChunk[];
  /** The terminal's foreground process group. */
  foregroundPgid: number;
  /** Revision 1.2: System V semaphore sets, by semid (absent while there are none). */
  semaphores?: SemaphoreSet[];
}

/** A System V semaphore set (semget); it lives until IPC_RMID. */
export interface SemaphoreSet {
  semid: number;
  key: number;
  /** The semaphores' values, by number. */
  values: number[];
  /** Pids of the processes asleep in semop on this set. */
  waiting: number[];
}

export type ProcState = "ready" | "running" | "blocked" | "stopped" | "zombie";

export interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  name: string;
  kind: "program" | "client" | "init";
  state: ProcState;
  /** Why a blocked process waits, as a call: "accept(3)", "read(4)", "waitpid(-1)". */
  blockedOn?: string;
  /** Current source line (1-based) of the process's running thread, when known. */
  line?: number;
  /** Index = descriptor number, value = OpenFile.id or null for a free slot. */
  fds: Array<number | null>;
  /** Descriptors with FD_CLOEXEC set. */
  cloexec: number[];
  signals: ProcSignals;
  stdio: { stdout: { mode: "line" | "full" | "unbuffered"; buffered: string } };
  /** Raw wait status (as waitpid would store it) once the process is a zombie. */
  exitStatus?: number;
  /** Thread ids when the process has more than one thread. */
  threads?: number[];
  /** Shared memory segments attached (shm ids). */
  shm?: number[];
  /** The main thread's call stack in the learner's code, outermost first (innermost
   *  last), each frame with the locals in scope there. Stepped processes only. */
  frames?: StackFrame[];
  /** The learner's globals, this process's own copy (after fork each has its own). */
  globals?: Variable[];
}

/** A variable as C would print its value: "42", "65 'A'", "\"hi\"", "0x601040",
 *  "{.x = 1, .y = 2}", "{1, 2, 3, ...}"; `type` as C spells it ("char *", "int[4]").
 *  "?" (revision 1.3): a local declared without a value, not written yet (indeterminate);
 *  (revision 1.8) also a member or element of one inside the value ("{.a = 1, .b = ?}"),
 *  and a char array's text then "?" where unwritten bytes follow it ("\"hello\"?"). */
export interface Variable {
  name: string;
  type: string;
  value: string;
}

export interface StackFrame {
  function: string;
  /** The frame's current line (the innermost: the process's line; callers: the call's). */
  line: number;
  locals: Variable[];
}

export interface ProcSignals {
  /** Signal names pending delivery, e.g. ["SIGCHLD"]. */
  pending: string[];
  /** The blocked mask. */
  blocked: string[];
  /** Dispositions that differ from SIG_DFL: name -> handler name, "SIG_IGN". */
  handlers: Record<string, string>;
  /** The signal whose handler is running now, innermost last. */
  running?: string;
  /** Signals that arrived while already pending and were therefore lost (cumulative). */
  lost: string[];
}

export interface OpenFile {
  id: number;
  refcount: number;
  offset: number;
  /** Access mode and status flags: "O_RDONLY" | "O_WRONLY" | "O_RDWR", "O_APPEND", "O_NONBLOCK". */
  flags: string[];
  object: number;
  /** For pipes: which end this open file is. */
  end?: "read" | "write";
}

export type KObject = FileObject | PipeObject | SocketObject | TtyObject | ShmObject;

interface KObjectBase {
  id: number;
  /** Open files (and for shm, attachments) that refer to this object. */
  refs: number;
}

export interface FileObject extends KObjectBase {
  kind: "file";
  path: string;
  size: number;
  /** The first bytes of the file, as text (latin1), for previews. */
  preview: string;
}

export interface PipeObject extends KObjectBase {
  kind: "pipe";
  capacity: number;
  /** Bytes in the buffer, as text (latin1). */
  buffer: string;
  readers: number;
  writers: number;
}

export interface SocketObject extends KObjectBase {
  kind: "socket";
  /** Revision 1.2: "AF_UNIX" for a local socket; absent for AF_INET. */
  family?: "AF_UNIX";
  /** Revision 1.2: "SOCK_DGRAM" for a UDP socket; absent for a stream socket. */
  type?: "SOCK_DGRAM";
  state: "unbound" | "bound" | "listening" | "connected" | "closed";
  /** "127.0.0.1:15213" once bound or connected; an AF_UNIX socket's path ("" while unnamed). */
  local?: string;
  /** The peer's address once connected (AF_UNIX: its path, "" when unnamed). */
  remote?: string;
  backlog?: number;
  /** Listening socket: ids of connected sockets waiting to be accepted. */
  pending?: number[];
  /** Connected socket: bytes waiting to be read here, and what the peer still has to read. */
  recvQueue?: string;
  /** Revision 1.2, SOCK_DGRAM: the datagrams waiting here, oldest first, each whole with its sender. */
  datagrams?: Array<{ from: string; data: string }>;
  sendQueue?: string;
  /** Connected socket: the socket object at the other end. */
  peer?: number;
  /** The peer closed its end (reads return EOF once recvQueue is empty). */
  peerClosed?: boolean;
  shutRd?: boolean;
  shutWr?: boolean;
}

export interface TtyObject extends KObjectBase {
  kind: "tty";
  name: string;
  /** Keyboard input typed but not yet read. */
  input: string;
}

export interface ShmObject extends KObjectBase {
  kind: "shm";
  shmid: number;
  key: number;
  size: number;
  attached: number;
  /** Marked for removal by IPC_RMID; goes when the last process detaches. */
  removed: boolean;
  /** The first bytes, hex. */
  preview: string;
}

export type KEvent =
  | { kind: "syscall"; pid: number; call: string; args: Array<number | string>; ret: number; errno?: string;
      /** The descriptors pipe() and socketpair() returned (revision 1.4; absent before). */
      fds?: number[];
      /** read, write, sendto, recvfrom (send and recv among them): the bytes the call moved,
       *  latin1 (one char per byte, as OutputChunk.text), at most the first BUF_SHOWN of them,
       *  as strace's default -s 32 shows them (revision 1.7; absent before). For write and
       *  sendto the buffer given, for read and recvfrom the bytes read. Absent when the call
       *  failed or moved nothing. */
      buf?: string;
      /** With buf: how many bytes the buffer held in all (more than buf's length when cut). */
      bufLen?: number }
  | { kind: "fork"; pid: number; child: number }
  | { kind: "exit"; pid: number; status: number }
  | { kind: "reap"; pid: number; child: number; status: number }
  /** `byDefault` (revision 1.9; absent before): with action "ignored", the signal was
   *  ignored by its default action (SIG_DFL of SIGCHLD, SIGURG, SIGWINCH), not by SIG_IGN:
   *  the difference the zombie lesson turns on. */
  | { kind: "signal"; pid: number; signal: string; action: "pending" | "lost" | "handled" | "ignored" | "terminated" | "stopped" | "continued" | "core"; byDefault?: boolean }
  | { kind: "block"; pid: number; on: string }
  /** A blocked process can run again: `on`, the call it was blocked in (revision 1.5;
   *  absent before), can go on; `by` (revision 1.9; absent before), the signal (or
   *  "pthread_cancel") that interrupted it rather than what it waited for coming. */
  | { kind: "wake"; pid: number; on?: string; by?: string }
  /** init (pid) adopts `child`, whose parent `parent` (revision 1.9; absent before) exited. */
  | { kind: "adopt"; pid: number; child: number; parent?: number }
  | { kind: "note"; pid: number; text: string };

export interface OutputChunk {
  /** The writer; 0 for the terminal's echo of what was typed at it (`typed`). */
  pid: number;
  /** The writing thread, when it is not the process's main thread (optional: readers may ignore it). */
  tid?: number;
  fd: number;
  text: string;
  /** The terminal's echo of keys typed at it (revision 1.6; absent before): no process wrote
   *  it, `pid` and `fd` are 0. A terminal in canonical mode shows what is typed as it is typed. */
  typed?: true;
}
