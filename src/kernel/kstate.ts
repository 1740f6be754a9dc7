// The kernel's whole mutable state, as the concept files share it (xv6 keeps these in
// globals; we keep them in one object so that several kernels can live side by side).
import type { KEvent, OutputChunk } from "../contract/snapshot";
import type { ByteQueue } from "./bytequeue";
import type { SigActionView } from "./result";
import type { SigInfo } from "./signum";
import type { FifoState } from "./fifo";
import type { Errno } from "./errno";
import { PIPE_CAPACITY } from "./fcntl";

export interface KernelOptions {
  /** Most processes and threads of programs (zombies included, init and clients not counted); fork and pthread_create fail with EAGAIN beyond. */
  maxProcs?: number;
  /** RLIMIT_NOFILE: descriptors per process; open/dup/pipe/accept fail with EMFILE beyond. */
  maxFds?: number;
  /** Pipe capacity in bytes, a whole number of pages (Linux default 65536). */
  pipeCapacity?: number;
  /** Bytes a connected socket's receive queue holds before the writer blocks. */
  socketBuffer?: number;
  /** Whether default "core" signals set the 0x80 core flag (ulimit -c > 0). Debian's default is 0. */
  coreDumps?: boolean;
  /** The pid of the first process after init (default 2). The fidelity harness numbers the
   *  model's processes in Linux's range, so that a pid a program prints can be told from a
   *  small number in its output and renamed like a real one. */
  firstPid?: number;
}

export type Limits = Required<KernelOptions>;

export const DEFAULT_LIMITS: Limits = {
  maxProcs: 4096,
  maxFds: 1024,
  pipeCapacity: PIPE_CAPACITY,
  socketBuffer: 65536,
  coreDumps: false,
  firstPid: 2,
};

export type TaskState = "ready" | "blocked";

/** What a blocked call waits for, naming the object by id. Each kind's test lives with its
 *  object (pipe.ts, socket.ts, tty.ts, wait.ts, clock.ts, select.ts). */
export type WaitCond =
  /** pause, sigsuspend, init's endless wait: only a signal ends it. */
  | { kind: "signal" }
  /** sleep, usleep: logical time reaches the deadline. */
  | { kind: "timer"; deadline: number }
  /** waitpid(pid, options): a matching child changed state, or none is left. */
  | { kind: "child"; pid: number; options: number }
  /** read of the terminal: a whole line typed, or Ctrl-D. */
  | { kind: "ttyline" }
  | { kind: "piperead"; pipe: number }
  /** A free page, or no reader left. */
  | { kind: "pipewrite"; pipe: number }
  | { kind: "accept"; sock: number }
  /** The listener's accept queue has room, or the listener is gone from the port. */
  | { kind: "connect"; listener: number; port: number }
  | { kind: "sockread"; sock: number }
  | { kind: "sockwrite"; sock: number }
  /** semop: every operation can be done at once, or the set is gone. */
  | { kind: "semop"; semid: number; ops: SemOp[] }
  /** sigwait, sigwaitinfo, sigtimedwait: a signal of `set` is pending for the task, or the
   *  deadline (if any) passed. */
  | { kind: "sigwait"; set: number; deadline?: number }
  /** A POSIX semaphore's futex: woken by a sem_post on the same word (futex.ts), or
   *  (sem_timedwait) the deadline passed. */
  | { kind: "futex"; key: string; woken: boolean; deadline?: number }
  /** select: one of the descriptors is ready, or the deadline (if any) passed. */
  | { kind: "select"; read: number[]; write: number[]; deadline?: number }
  /** open(2) of a FIFO: a partner holds the other end, or opened it since the wait began. */
  | { kind: "fifoopen"; path: string; reader: boolean; start: number };

/** One operation of semop(2): struct sembuf. */
export interface SemOp {
  num: number;
  op: number;
  flg: number;
}

/** A System V semaphore set (sem.ts). */
export interface SemSet {
  semid: number;
  key: number;
  vals: number[];
  /** sempid: the last process to operate on each semaphore. */
  pids: number[];
}

/** A handler frame: what sigreturn restores. */
export interface SigFrame {
  signo: number;
  /** The slow call the handler interrupted, if any, and whether it restarts. */
  interrupted?: string;
  restart: boolean;
}

/** A thread of control (Linux task). The main thread's tid equals the pid. */
export interface Task {
  tid: number;
  proc: KProc;
  state: TaskState;
  blockedOn?: string;
  /** While blocked: what the call waits for (data, so the state can be copied). */
  wait?: WaitCond;
  /** While blocked: the wait channels it sleeps on (waitq.ts). */
  chans?: string[];
  /** Blocked signals (per thread, as in Linux). */
  mask: number;
  /** Signals sent to this thread alone (tgkill: pthread_kill, raise), pending: only it takes
   *  them, before the process's shared ones (Linux's task pending set). */
  pending?: number;
  /** Handler frames, innermost last. */
  frames: SigFrame[];
  /** Woken from a blocking call by a signal that has a handler: the call it was in. */
  intr?: string;
  /** Set by sigreturn for the re-issued call: fail with EINTR, or restart. */
  after?: { call: string; restart: boolean };
  /** sigsuspend, sigwait: the mask to restore when it returns. */
  suspendMask?: number;
  /** A timed wait in progress (sleep, select, sem_timedwait): the call and its deadline. */
  timer?: { call: string; deadline: number };
  /** A write that blocked part way: bytes already written. */
  partial?: { call: string; done: number };
  /** The result a waker decided for this sleeper's call (IPC_RMID gives semop's sleepers EIDRM). */
  decided?: { call: string; errno: Errno };
}

export interface KProc {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  name: string;
  kind: "program" | "client" | "init";
  /** Live threads; empty once a zombie. */
  tasks: Task[];
  fds: Array<KFile | null>;
  cloexec: boolean[];
  /** Dispositions by signal number; missing = SIG_DFL. */
  actions: Array<SigActionView | undefined>;
  /** Shared pending set. */
  pending: number;
  /** By signal number: what generated the pending one (the first: later ones are lost). */
  info: Array<SigInfo | undefined>;
  /** Signals lost because they were already pending (cumulative, for the Snapshot). */
  lost: string[];
  zombie: boolean;
  status: number;
  stopped: boolean;
  /** A stop or continue the parent has not collected with WUNTRACED/WCONTINUED yet. */
  report?: { status: number };
  /** Logical time at which SIGALRM is due. */
  alarmAt?: number;
  /** setitimer's interval (ms): SIGALRM again this long after each one; alarm() clears it. */
  alarmEvery?: number;
  /** SEM_UNDO adjustments, "semid.num" -> what exit adds back. */
  semadj?: Map<string, number>;
  /** Attached shm segments: address -> shmid. */
  shm: Map<number, number>;
  nextShmAddr: number;
  /** Order of becoming this parent's child (fork or adoption): wait scans children oldest first. */
  childSeq: number;
}

export interface KFile {
  id: number;
  refs: number;
  offset: number;
  /** Access mode | status flags (O_APPEND, O_NONBLOCK). */
  flags: number;
  obj: KObj;
  end?: "read" | "write";
}

interface ObjBase {
  id: number;
  refs: number;
  /** Writes to this object are the program's visible output (the terminal, a stdout pipe or file). */
  capture?: boolean;
}

export interface Inode {
  path: string;
  data: Uint8Array;
  size: number;
  /** The v-node while some open file refers to this inode. */
  vnode?: VFile;
  /** Bumped on every change (snapshot caching). */
  ver: number;
  /** Permission bits given at creation (after the umask); stat reports them. */
  mode?: number;
  /** Inode number, given at the first stat. */
  ino?: number;
  /** An opened directory (not in the name map). */
  dir?: boolean;
  /** A named pipe (mkfifo): its open state. */
  fifo?: FifoState;
  /** A socket file (bind of an AF_UNIX socket to this path): the socket's object id. The
   *  name outlives the socket (connect then fails with ECONNREFUSED) until it is unlinked. */
  sock?: number;
}

export interface VFile extends ObjBase { kind: "file"; inode: Inode }

/** One page of a pipe's buffer (Linux's struct pipe_buffer): the bytes it still holds and
 *  where they end in the page (a read takes from the front, so end - len were read). */
export interface PipePage {
  len: number;
  end: number;
}

export interface Pipe extends ObjBase {
  kind: "pipe";
  buf: ByteQueue;
  /** Bytes it can hold: capacity / 4096 pages. */
  capacity: number;
  /** The pages buf's bytes are in, oldest first. */
  pages: PipePage[];
  readers: number;
  writers: number;
  /** Bytes written here are consumed at once by the outside world (stdout piped to the session). */
  sink?: boolean;
}

export type SockState = "unbound" | "bound" | "listening" | "connected" | "closed";

/** A datagram's place in a SOCK_DGRAM socket's receive queue: its length and its sender. */
export interface Datagram {
  len: number;
  from: string;
}

export interface Sock extends ObjBase {
  kind: "socket";
  /** AF_INET (loopback) or AF_UNIX. */
  family: "inet" | "unix";
  /** SOCK_STREAM, or SOCK_DGRAM (UDP). */
  type: "stream" | "dgram";
  state: SockState;
  /** AF_UNIX: the path it is bound to (a socket file), if any. */
  path?: string;
  port?: number;
  host?: string;
  remote?: string;
  backlog: number;
  /** Listening: connections completed and waiting for accept (the accept queue). */
  acceptq: Sock[];
  /** Connected: bytes waiting to be read here (SOCK_DGRAM: the datagrams' bytes, end to end). */
  recv: ByteQueue;
  /** SOCK_DGRAM: where each datagram in recv ends, oldest first (message boundaries). */
  dgrams: Datagram[];
  peer?: Sock;
  /** The peer sent FIN (closed or shut down for writing). */
  peerClosed: boolean;
  /** The peer's socket is gone entirely: the next write draws an RST, writes after it fail. */
  peerGone: boolean;
  /** An error to report once (sk_err), e.g. EPIPE after an RST. */
  err?: "EPIPE" | "ECONNRESET" | "ECONNREFUSED";
  shutRd: boolean;
  shutWr: boolean;
  reuseaddr: boolean;
  /** SO_KEEPALIVE, SO_REUSEPORT, SO_RCVBUF and SO_SNDBUF as set (they change nothing here, but read back). */
  options?: Record<number, number>;
  /** A connection accepted from this listener but never attached to an open file yet. */
  listener?: Sock;
}

export interface TtyDevice {
  name: string;
  input: ByteQueue;
  /** Ctrl-D typed: the next read that finds no input returns 0. */
  eof: number;
  foreground: number;
  /** The session whose controlling terminal this is (the programs' session, 1). */
  sid: number;
  vnode?: TtyV;
}

export interface TtyV extends ObjBase { kind: "tty"; dev: TtyDevice }

export interface ShmSeg extends ObjBase {
  kind: "shm";
  shmid: number;
  key: number;
  size: number;
  data: Uint8Array;
  removed: boolean;
}

export type KObj = VFile | Pipe | Sock | TtyV | ShmSeg;

export interface KState {
  limits: Limits;
  clock: number;
  nextPid: number;
  nextFileId: number;
  nextObjId: number;
  nextShmid: number;
  nextEphemeral: number;
  childSeq: number;
  procs: Map<number, KProc>;
  tasks: Map<number, Task>;
  files: Map<number, KFile>;
  objects: Map<number, KObj>;
  fs: Map<string, Inode>;
  /** TCP ports -> the sockets bound there. */
  ports: Map<number, Sock[]>;
  /** UDP ports (a namespace of their own) -> the socket bound there. */
  udpPorts: Map<number, Sock>;
  shm: Map<number, ShmSeg>;
  /** System V semaphore sets by semid. */
  sems: Map<number, SemSet>;
  nextSemid: number;
  /** POSIX named semaphores (sem_open): name -> the shm segment holding the sem_t. */
  semNames: Map<string, number>;
  tty: TtyDevice;
  events: KEvent[];
  output: OutputChunk[];
  /** Processes whose Snapshot view may have changed since the last snapshot. */
  dirty: Set<number>;
  /** Tasks made ready since the stepper last asked (takeWoken), so it need not poll every task. */
  woken: Set<number>;
  /** Wait queues: channel -> tids sleeping on it (waitq.ts). */
  waitq: Map<string, Set<number>>;
  /** Channels changed since the last wakeup: only their sleepers are re-checked. */
  touched: Set<string>;
  /** Processes of kind "program" in the table, zombies included (the process limit). */
  nprograms: number;
  /** Threads of programs besides their main threads: they count against the limit too, as in Linux. */
  nthreads: number;
  /** The run queue: tids of the programs' tasks that may run now (ready, not stopped), ascending. */
  runq: number[];
  /** Pids whose tasks left the table (exit, exec, thread exit) since the stepper last asked. */
  gone: Set<number>;
}

/** Record an event; the processes it names are marked for the next snapshot. */
export function emit(k: KState, e: KEvent): void {
  k.events.push(e);
  k.dirty.add(e.pid);
  if ("child" in e) k.dirty.add(e.child);
}
