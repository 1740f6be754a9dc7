// A system call in words, as strace writes it: signal names, socket and open constants,
// the descriptors pipe() returned. One wording for every place that shows a call: the
// view's step caption and events, the exported picture, the CLI's trace and the hovers.
// The tables decode Linux x86-64 values (the ones the kernel model and the C headers use);
// a value no table knows stays a number, as strace leaves unknown bits in hex.

export interface CallRecord {
  call: string;
  args: ReadonlyArray<number | string>;
  ret: number;
  errno?: string;
  /** The two descriptors pipe() and socketpair() stored for the caller (a kernel event
   *  carries them here; the C trace carries them as the call's arguments). */
  fds?: readonly number[];
  /** read, write, sendto, recvfrom: the first bytes the call moved (latin1) and how many the
   *  buffer held in all (the syscall event's buf and bufLen, revision 1.7). */
  buf?: string;
  bufLen?: number;
}

const SIGNALS = ["", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
  "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
  "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
  "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"];

type Bits = ReadonlyArray<readonly [string, number]>;

const OPEN_BITS: Bits = [["O_CREAT", 0o100], ["O_EXCL", 0o200], ["O_NOCTTY", 0o400], ["O_TRUNC", 0o1000],
  ["O_APPEND", 0o2000], ["O_NONBLOCK", 0o4000], ["O_DIRECTORY", 0o200000], ["O_CLOEXEC", 0o2000000]];
const SOCK_BITS: Bits = [["SOCK_NONBLOCK", 0o4000], ["SOCK_CLOEXEC", 0o2000000]];
const WAIT_BITS: Bits = [["WNOHANG", 1], ["WUNTRACED", 2], ["WCONTINUED", 8]];
const IPC_BITS: Bits = [["IPC_CREAT", 0o1000], ["IPC_EXCL", 0o2000]];
const SHMAT_BITS: Bits = [["SHM_RDONLY", 0o10000]];
const MAP_BITS: Bits = [["MAP_SHARED", 1], ["MAP_PRIVATE", 2], ["MAP_ANONYMOUS", 0x20]];

const ACCESS = ["O_RDONLY", "O_WRONLY", "O_RDWR"];
const DOMAINS: Record<number, string> = { 0: "AF_UNSPEC", 1: "AF_UNIX", 2: "AF_INET", 10: "AF_INET6" };
const TYPES: Record<number, string> = { 1: "SOCK_STREAM", 2: "SOCK_DGRAM" };
const PROTOCOLS: Record<number, string> = { 0: "IPPROTO_IP", 6: "IPPROTO_TCP", 17: "IPPROTO_UDP" };
const LEVELS: Record<number, string> = { 1: "SOL_SOCKET", 6: "IPPROTO_TCP" };
const SOCKOPTS: Record<number, string> = { 2: "SO_REUSEADDR", 3: "SO_TYPE", 4: "SO_ERROR", 7: "SO_SNDBUF", 8: "SO_RCVBUF", 9: "SO_KEEPALIVE", 15: "SO_REUSEPORT", 30: "SO_ACCEPTCONN" };
const SHUT: Record<number, string> = { 0: "SHUT_RD", 1: "SHUT_WR", 2: "SHUT_RDWR" };
const HOW: Record<number, string> = { 0: "SIG_BLOCK", 1: "SIG_UNBLOCK", 2: "SIG_SETMASK" };
const WHENCE: Record<number, string> = { 0: "SEEK_SET", 1: "SEEK_CUR", 2: "SEEK_END" };
const FCNTL: Record<number, string> = { 0: "F_DUPFD", 1: "F_GETFD", 2: "F_SETFD", 3: "F_GETFL", 4: "F_SETFL", 1030: "F_DUPFD_CLOEXEC" };
const IPC_CMDS: Record<number, string> = { 0: "IPC_RMID", 1: "IPC_SET", 2: "IPC_STAT" };
const SEM_CMDS: Record<number, string> = { ...IPC_CMDS, 11: "GETPID", 12: "GETVAL", 13: "GETALL", 14: "GETNCNT", 15: "GETZCNT", 16: "SETVAL", 17: "SETALL" };
const RLIMITS: Record<number, string> = { 6: "RLIMIT_NPROC", 7: "RLIMIT_NOFILE" };

type Arg = number | string;
/** How one argument reads; `all` is the whole list, for arguments whose meaning depends on another. */
type Show = (a: Arg, all: readonly Arg[]) => string;

/** A string as C source would write it; a number as it is. */
const plain: Show = (a) => (typeof a === "string" ? JSON.stringify(a) : String(a));
/** A name the program gave (a handler, an address): shown bare. */
const bare: Show = (a) => String(a);
const named = (table: Record<number, string>): Show => (a) => (typeof a === "number" && table[a] !== undefined ? table[a] : plain(a, []));

/** Bits by name joined with '|', the rest in octal (modes) or hex; 0 when none are set. */
function bits(n: number, table: Bits, rest: (r: number) => string = (r) => `0x${r.toString(16)}`): string[] {
  const out: string[] = [];
  let left = n >>> 0;
  for (const [name, bit] of table) if ((left & bit) === bit) { out.push(name); left &= ~bit; }
  if (left) out.push(rest(left));
  return out;
}
const flags = (table: Bits, rest?: (r: number) => string): Show => (a) =>
  typeof a !== "number" ? bare(a, []) : bits(a, table, rest).join("|") || "0";
const octal = (n: number): string => `0${n.toString(8)}`;

export function signalName(n: number): string {
  return SIGNALS[n] || `SIG${n}`;
}
const signal: Show = (a) => (typeof a === "number" ? signalName(a) : a);
/** A signal set (bit n-1 for signal n) as strace shows it: [INT CHLD]. */
const sigset: Show = (a) => {
  if (typeof a !== "number") return bare(a, []);
  const names: string[] = [];
  for (let s = 1; s < 64; s++) if (Math.floor(a / 2 ** (s - 1)) % 2) names.push(signalName(s).replace(/^SIG/, ""));
  return `[${names.join(" ")}]`;
};
const openFlags: Show = (a) => (typeof a !== "number" ? bare(a, []) : [ACCESS[a & 3] ?? "O_ACCMODE", ...bits(a & ~3, OPEN_BITS)].join("|"));
const mode: Show = (a) => (typeof a === "number" ? octal(a) : bare(a, []));
const sockType: Show = (a) => (typeof a !== "number" ? bare(a, []) : [TYPES[a & 0xf] ?? String(a & 0xf), ...bits(a & ~0xf, SOCK_BITS)].join("|"));
/** fcntl's third argument reads by its command. */
const fcntlArg: Show = (a, all) => all[1] === 2 ? flags([["FD_CLOEXEC", 1]])(a, all) : all[1] === 4 ? openFlags(a, all) : plain(a, all);
const sockopt: Show = (a, all) => (all[1] === 1 ? named(SOCKOPTS)(a, all) : plain(a, all));
const ipcKey: Show = (a) => (a === 0 ? "IPC_PRIVATE" : plain(a, []));
const ipcFlags = flags(IPC_BITS, octal);

/** Each call's arguments in order; a missing entry (or argument past the list) shows plainly. */
const SHAPES: Record<string, Show[]> = {
  open: [plain, openFlags, mode],
  fcntl: [plain, named(FCNTL), fcntlArg],
  lseek: [plain, plain, named(WHENCE)],
  waitpid: [plain, flags(WAIT_BITS)],
  kill: [plain, signal],
  raise: [signal],
  signal: [signal, bare],
  sigaction: [signal, bare],
  rt_sigaction: [signal, bare],
  sigprocmask: [named(HOW), sigset],
  rt_sigprocmask: [named(HOW), sigset],
  sigsuspend: [sigset],
  socket: [named(DOMAINS), sockType, named(PROTOCOLS)],
  socketpair: [named(DOMAINS), sockType, named(PROTOCOLS)],
  bind: [plain, bare],
  connect: [plain, bare],
  sendto: [plain, plain, bare],
  setsockopt: [plain, named(LEVELS), sockopt],
  shutdown: [plain, named(SHUT)],
  mkfifo: [plain, mode],
  shmget: [ipcKey, plain, ipcFlags],
  shmat: [plain, flags(SHMAT_BITS)],
  shmctl: [plain, named(IPC_CMDS)],
  semget: [ipcKey, plain, ipcFlags],
  semctl: [plain, plain, named(SEM_CMDS)],
  setrlimit: [named(RLIMITS)],
  mmap: [plain, flags(MAP_BITS)],
  futex: [plain, bare],
  select: [plain, bare],
};

/** The calls whose second argument is a buffer of bytes: strace shows it, after the
 *  descriptor, as a C string. writev and readv show the bytes gathered from or spread over
 *  their buffers as one string (strace lists the iovec array). */
const BUFFER_CALLS = new Set(["read", "write", "sendto", "recvfrom", "writev", "readv", "pread", "pwrite"]);
const READS = new Set(["read", "readv", "pread", "recvfrom"]);
const ESCAPES: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0b: "\\v", 0x0c: "\\f", 0x0d: "\\r", 0x22: '\\"', 0x5c: "\\\\" };

/** Bytes (latin1) as strace quotes them: "hello\n", the escapes above, other bytes outside
 *  printable ASCII in octal with as few digits as read back the same (three before a digit
 *  0-7: "\0012" is byte 1 then '2'), and `...` after the quote when the buffer held more
 *  (`total`) than is shown. */
export function quoteBytes(bytes: string, total = bytes.length): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i) & 0xff;
    if (ESCAPES[b]) out += ESCAPES[b];
    else if (b >= 0x20 && b < 0x7f) out += bytes[i];
    else {
      const next = bytes.charCodeAt(i + 1);
      out += "\\" + (next >= 0x30 && next <= 0x37 ? b.toString(8).padStart(3, "0") : b.toString(8));
    }
  }
  return `${out}"${total > bytes.length ? "..." : ""}`;
}

/** The buffer as strace shows it, or undefined when there is nothing to show: the call
 *  failed (strace would print an address) or a record from before revision 1.7. A read that
 *  returned 0 (and a write of nothing) moved no bytes, which is known without them: "". */
function bufferOf(c: CallRecord): string | undefined {
  if (!BUFFER_CALLS.has(c.call) || c.ret < 0) return undefined;
  if (c.buf !== undefined) return quoteBytes(c.buf, c.bufLen ?? c.buf.length);
  if (c.ret === 0 && (READS.has(c.call) || c.args[1] === 0)) return '""';
  return undefined;
}

/** The descriptors a pipe() or socketpair() made, and the arguments left to show. */
function pairOf(c: CallRecord): { pair?: string; args: readonly Arg[] } {
  if (c.call !== "pipe" && c.call !== "socketpair") return { args: c.args };
  if (c.fds) return { pair: `[${c.fds.join(", ")}]`, args: c.args };
  // The C trace's form: the arguments are the two descriptors (empty when the call failed).
  return { pair: c.args.length ? `[${c.args.join(", ")}]` : undefined, args: [] };
}

/** "pipe([3, 4]) = 0", "rt_sigaction(SIGCHLD, handler) = 0", "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3",
 *  'write(1, "hello\n", 6) = 6', "read(0, 8192) = -1 EINTR". */
export function syscallText(c: CallRecord): string {
  const { pair, args } = pairOf(c);
  const shape = SHAPES[c.call] ?? [];
  let shown = args.map((a, i) => (shape[i] ?? plain)(a, args));
  // pipe2's flags follow the pair, and only when set (pipe() has none); socketpair's pair comes last.
  if (c.call === "pipe") shown = [...(pair ? [pair] : []), ...args.filter((a) => a !== 0).map((a) => flags(OPEN_BITS)(a, args))];
  else if (pair) shown.push(pair);
  const buf = bufferOf(c);
  if (buf !== undefined) shown.splice(1, 0, buf);
  return `${c.call}(${shown.join(", ")}) = ${retText(c)}${c.errno ? ` ${c.errno}` : ""}`;
}

/** Calls that return an address: strace shows it in hex, as the program's pointer shows it. */
const ADDRESS_CALLS = new Set(["mmap", "shmat", "brk"]);

/** Calls that never return to the caller: strace shows their value as "?". */
const NO_RETURN = new Set(["exit", "exit_group"]);

function retText(c: CallRecord): string {
  if (NO_RETURN.has(c.call)) return "?";
  return ADDRESS_CALLS.has(c.call) && c.ret >= 0 ? `0x${c.ret.toString(16)}` : String(c.ret);
}
