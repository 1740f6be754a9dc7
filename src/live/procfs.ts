// Reading one process from /proc: its stat line, signal masks, the system call it is
// blocked in, and its descriptor table (fd links and fdinfo). Parsers are separate from
// the reads so that each /proc format has one place that knows it. Linux only.
import { closeSync, openSync, readdirSync, readlinkSync, readSync, statSync } from "node:fs";

export const PROC = "/proc";

/** The fields of /proc/PID/stat we use (proc(5)). */
export interface ProcStat {
  pid: number;
  comm: string;
  /** One letter: R running, S sleeping, D disk sleep, T stopped, t traced, Z zombie, X dead, I idle. */
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
  /** Foreground process group of the controlling terminal, -1 without one. */
  tpgid: number;
  threads: number;
  /** CPU time in user and kernel mode, in clock ticks (1/100 s). */
  utime: number;
  stime: number;
  /** Start time in clock ticks after boot: with the pid, names a process uniquely. */
  starttime: number;
  /** Wait status as waitpid would report it; meaningful once the process is a zombie. */
  exitCode?: number;
}

/** Parses /proc/PID/stat. The name sits in parentheses and may itself hold spaces or ')'. */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`malformed stat line: ${text.slice(0, 60)}`);
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 of proc(5); field k is rest[k - 3].
  const field = (k: number): number => Number(rest[k - 3]);
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0],
    ppid: field(4),
    pgid: field(5),
    sid: field(6),
    tpgid: field(8),
    threads: field(20),
    utime: field(14),
    stime: field(15),
    starttime: field(22),
    exitCode: rest.length >= 50 ? field(52) : undefined,
  };
}

/** Signal masks from /proc/PID/status, as bit sets (bit n-1 = signal n). */
export interface ProcSigMasks {
  pending: bigint;
  blocked: bigint;
  ignored: bigint;
  caught: bigint;
}

/** Parses the Sig* lines of /proc/PID/status; pending joins thread (SigPnd) and process (ShdPnd). */
export function parseStatusSignals(text: string): ProcSigMasks {
  const mask = (key: string): bigint => {
    const m = new RegExp(`^${key}:\\s*([0-9a-fA-F]+)`, "m").exec(text);
    return m ? BigInt(`0x${m[1]}`) : 0n;
  };
  return {
    pending: mask("SigPnd") | mask("ShdPnd"),
    blocked: mask("SigBlk"),
    ignored: mask("SigIgn"),
    caught: mask("SigCgt"),
  };
}

/** A blocked process's current system call, from /proc/PID/syscall. */
export interface ProcSyscall {
  nr: number;
  args: bigint[];
}

/** Parses /proc/PID/syscall: "running", "-1 sp pc" (not in a call), or "nr a0..a5 sp pc". */
export function parseSyscall(text: string): ProcSyscall | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts[0] === "running" || parts.length < 7) return undefined;
  const nr = Number(parts[0]);
  if (!Number.isInteger(nr) || nr < 0) return undefined;
  return { nr, args: parts.slice(1, 7).map((a) => BigInt(a)) };
}

/** One line of /proc/PID/fdinfo/FD. */
export interface FdInfo {
  pos: number;
  /** Open file status flags and access mode, plus O_CLOEXEC when the descriptor has it. */
  flags: number;
  mntId: number;
  /** Inode number (kernels 5.12+); undefined on older kernels. */
  ino?: number;
}

export function parseFdInfo(text: string): FdInfo {
  const get = (key: string): string | undefined => new RegExp(`^${key}:\\s*(\\S+)`, "m").exec(text)?.[1];
  const ino = get("ino");
  return {
    pos: Number(get("pos") ?? 0),
    flags: parseInt(get("flags") ?? "0", 8),
    mntId: Number(get("mnt_id") ?? 0),
    ino: ino === undefined ? undefined : Number(ino),
  };
}

/** What a descriptor refers to, from its /proc/PID/fd link. */
export type FdTarget =
  | { kind: "socket"; inode: number }
  | { kind: "pipe"; inode: number }
  | { kind: "anon"; name: string }
  | { kind: "tty"; path: string }
  | { kind: "path"; path: string };

/** Classifies an fd link: "socket:[123]", "pipe:[45]", "anon_inode:[eventpoll]", "/dev/pts/0", "/tmp/x". */
export function parseFdLink(link: string): FdTarget {
  const m = /^(socket|pipe):\[(\d+)\]$/.exec(link);
  if (m) return { kind: m[1] as "socket" | "pipe", inode: Number(m[2]) };
  if (link.startsWith("anon_inode:")) return { kind: "anon", name: link.slice("anon_inode:".length) };
  if (/^\/dev\/(pts\/\d+|tty\w*|console)$/.test(link)) return { kind: "tty", path: link };
  return { kind: "path", path: link };
}

/** One descriptor of a real process. */
export interface Descriptor {
  pid: number;
  fd: number;
  link: string;
  target: FdTarget;
  info: FdInfo;
  /** Path targets: size, and the first bytes of a regular file. */
  file?: { size: number; preview: string };
}

/** Everything read about one process in one pass. */
export interface ProcReading {
  stat: ProcStat;
  signals?: ProcSigMasks;
  syscall?: ProcSyscall;
  fds: Descriptor[];
  /** Thread ids, when more than one. */
  threads?: number[];
}

/** Thrown when /proc itself cannot be read (not Linux, hidepid, another user's process). */
export class ProcUnreadable extends Error {
  constructor(readonly path: string, readonly code: string) {
    super(procUnreadableMessage(path, code));
  }
}

function procUnreadableMessage(path: string, code: string): string {
  if (code === "EACCES" || code === "EPERM") {
    return `cannot read ${path} (${code}): the process belongs to another user, or /proc is mounted with hidepid. Run the server as yourself.`;
  }
  return `cannot read ${path} (${code})`;
}

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? "EIO";

/** True when the process is gone (ENOENT/ESRCH): it exited and was reaped between two reads. */
export const vanished = (e: unknown): boolean => ["ENOENT", "ESRCH"].includes(errCode(e));

let scratch = Buffer.allocUnsafe(1 << 16);

/** Reads a whole /proc file. Three times faster than readFileSync, which also fstat()s and
 *  allocates per call; a refresh reads hundreds of these. Not re-entrant (sync only). */
export function readProcFile(path: string): string {
  const fd = openSync(path, "r");
  try {
    let n = 0;
    for (;;) {
      if (n === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, n);
        scratch = bigger;
      }
      const k = readSync(fd, scratch, n, scratch.length - n, null);
      if (k === 0) return scratch.toString("latin1", 0, n);
      n += k;
    }
  } finally {
    closeSync(fd);
  }
}

const read = readProcFile;

/** Reads /proc/PID/stat; undefined when the process is gone. */
export function readStat(pid: number, proc = PROC): ProcStat | undefined {
  try {
    return parseStat(read(`${proc}/${pid}/stat`));
  } catch (e) {
    if (vanished(e)) return undefined;
    throw new ProcUnreadable(`${proc}/${pid}/stat`, errCode(e));
  }
}

/** Reads a whole process. Undefined when it vanished meanwhile. Zombies have no descriptors. */
export function readProcess(pid: number, proc = PROC): ProcReading | undefined {
  const stat = readStat(pid, proc);
  if (!stat) return undefined;
  const reading: ProcReading = { stat, fds: [] };
  if (stat.state === "Z" || stat.state === "X") return reading;
  try {
    reading.signals = parseStatusSignals(read(`${proc}/${pid}/status`));
    if (stat.state === "S" || stat.state === "D") reading.syscall = readSyscall(pid, proc);
    reading.fds = readDescriptors(pid, proc);
    if (stat.threads > 1) reading.threads = readThreads(pid, proc);
  } catch (e) {
    if (vanished(e)) return readStat(pid, proc) ? reading : undefined;
    if (e instanceof ProcUnreadable) throw e;
    throw new ProcUnreadable(`${proc}/${pid}`, errCode(e));
  }
  return reading;
}

/** Thread ids of a process, in order. */
export function readThreads(pid: number, proc = PROC): number[] {
  return readdirSync(`${proc}/${pid}/task`).map(Number).sort((a, b) => a - b);
}

function readSyscall(pid: number, proc: string): ProcSyscall | undefined {
  try {
    return parseSyscall(read(`${proc}/${pid}/syscall`));
  } catch {
    return undefined; // needs ptrace access; a missing reason is not an error
  }
}

/** Reads every descriptor of a process: its link and its fdinfo. */
export function readDescriptors(pid: number, proc = PROC): Descriptor[] {
  const dir = `${proc}/${pid}/fd`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if (vanished(e)) return [];
    throw new ProcUnreadable(dir, errCode(e));
  }
  const fds: Descriptor[] = [];
  for (const name of names) {
    const fd = Number(name);
    try {
      const link = readlinkSync(`${dir}/${name}`);
      const info = parseFdInfo(read(`${proc}/${pid}/fdinfo/${name}`));
      const target = parseFdLink(link);
      const file = hasPreview(target) ? readFilePreview(`${dir}/${name}`) : undefined;
      fds.push({ pid, fd, link, target, info, file });
    } catch (e) {
      if (!vanished(e)) throw new ProcUnreadable(`${dir}/${name}`, errCode(e));
      // closed between readdir and readlink: the descriptor is simply gone
    }
  }
  return fds.sort((a, b) => a.fd - b.fd);
}

export const PREVIEW_BYTES = 64;

/** Files worth a stat and a peek; devices (/dev/null...) have neither a size nor a preview. */
export function hasPreview(t: FdTarget): boolean {
  return t.kind === "path" && !t.path.startsWith("/dev/");
}

/** Size and first bytes of the file behind a descriptor. Only regular files are opened
 *  (opening a FIFO or device through /proc could block or have effects). */
export function readFilePreview(path: string): { size: number; preview: string } | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { size: st.size, preview: "" };
    const buf = Buffer.alloc(Math.min(PREVIEW_BYTES, st.size));
    const fd = openSync(path, "r");
    try {
      const n = readSync(fd, buf, 0, buf.length, 0);
      return { size: st.size, preview: buf.subarray(0, n).toString("latin1") };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // deleted or unreadable: the link text still names it
  }
}
