// One vocabulary for both sides: the call names we compare, the aliases Linux or the model
// may use for them, and which arguments are compared (descriptors and small integers;
// buffers, addresses and lengths are not, since their values are not the program's meaning).

import { signame, signo } from "../kernel/signum";

/** Linux (and libc-wrapper) names -> the name we compare. */
const ALIASES: Record<string, string> = {
  clone: "fork", clone3: "fork", vfork: "fork", pipe2: "pipe", openat: "open", creat: "open", exit_group: "exit",
  _exit: "exit", wait4: "waitpid", wait: "waitpid", accept4: "accept", dup3: "dup2",
  rt_sigaction: "sigaction", signal: "sigaction", rt_sigprocmask: "sigprocmask",
  rt_sigsuspend: "sigsuspend", clock_nanosleep: "sleep", nanosleep: "sleep", usleep: "sleep",
  pselect6: "select", ppoll: "poll", sendto: "send", recvfrom: "recv", unlinkat: "unlink", mkdirat: "mkdir", pread64: "pread", pwrite64: "pwrite", rt_sigpending: "sigpending",
  tgkill: "kill", tkill: "kill", semtimedop: "semop",
};

/**
 * The calls compared: those both strace sees and the model records. A call outside this
 * set on either side (libc's fstat, the model's bookkeeping) is left out of the comparison.
 */
export const COMPARED_CALLS = new Set([
  "fork", "exit", "waitpid", "kill", "getpid", "getppid", "setpgid", "getpgrp", "setsid", "execve",
  "open", "close", "read", "write", "pread", "pwrite", "lseek", "dup", "dup2", "pipe", "unlink", "mkdir", "rmdir", "fcntl",
  "socket", "socketpair", "bind", "listen", "accept", "connect", "setsockopt", "getsockopt", "shutdown", "send", "recv",
  "writev", "readv", "poll",
  "getsockname", "getpeername", "select", "sigaction", "sigprocmask", "sigsuspend",
  "sigpending", "pause", "alarm", "sleep", "shmget", "shmat", "shmdt", "shmctl",
  // semget's result is a system-wide id (other programs' sets count): only semop's and semctl's are compared.
  "semop", "semctl",
]);

export function canonicalCall(name: string): string {
  return ALIASES[name] ?? name;
}

/**
 * Which argument positions are compared, by canonical call. Positions index the
 * arguments as C passes them (strace prints them in that order too). Calls not listed
 * compare no arguments, only their result.
 */
const COMPARED_ARGS: Record<string, number[]> = {
  close: [0], read: [0], write: [0], pread: [0], pwrite: [0], lseek: [0], dup: [0], dup2: [0, 1],
  accept: [0], bind: [0], listen: [0], connect: [0], setsockopt: [0], getsockopt: [0], writev: [0], readv: [0], shutdown: [0, 1],
  send: [0], recv: [0], open: [0], waitpid: [0, 2], kill: [0, 1], exit: [0],
  pipe: [0, 1], socketpair: [0, 1], sigaction: [0], sigprocmask: [0], alarm: [0], shmat: [0], shmctl: [0, 1],
  semctl: [2],
};

export function comparedArgs(call: string): number[] {
  return COMPARED_ARGS[call] ?? [];
}

/** exit's argument as wait reports it (status & 0377): exit(-1) is 255, exit(256) is 0. */
export function exitCode(v: number): number {
  return v & 0xff;
}

/** Calls whose non-negative result is a pid (renamed by fork order before comparing). */
export const RETURNS_PID = new Set(["fork", "waitpid", "getpid", "getppid", "getpgrp", "setsid"]);

/** Calls that can block for an unbounded time: interrupted or cut short by the end of a run. */
export const SLOW_CALLS = new Set(["semop", "accept", "read", "recv", "waitpid", "pause", "sigsuspend", "select", "poll", "sleep", "write", "send", "connect"]);

/** wait4's option bits by the names strace prints (linux/wait.h). */
const WAIT_OPTIONS: Record<string, number> = {
  WNOHANG: 1, WUNTRACED: 2, WSTOPPED: 2, WEXITED: 4, WCONTINUED: 8, WNOWAIT: 0x1000000,
  __WNOTHREAD: 0x20000000, __WALL: 0x40000000, __WCLONE: 0x80000000,
};

/** "WNOHANG|WUNTRACED" or 3 -> 3. strace prints the bits it has no name for as one hex
 *  number ("WNOHANG|WCONTINUED|0x3030" for a program's waitpid(-1, &st, 12345)). */
export function waitOptions(v: string | number): number {
  if (typeof v === "number") return v;
  if (/^-?\d+$/.test(v)) return Number(v);
  const bit = (f: string): number => /^0x[0-9a-f]+$/i.test(f) ? Number(f) : WAIT_OPTIONS[f] ?? 0;
  return v.split("|").reduce((n, f) => (n | bit(f.trim())) >>> 0, 0);
}

/** 17, "17", "CHLD" or "SIGCHLD" -> "SIGCHLD". */
export function signalName(v: string | number): string {
  if (typeof v === "number" || /^\d+$/.test(v)) return signame(Number(v));
  const n = signo(v);
  return n === undefined ? v : signame(n);
}

export const SIGNAL_ARG: Record<string, number> = { kill: 1, sigaction: 0 };

const SIGPROCMASK_HOW: Record<string, number> = { SIG_BLOCK: 0, SIG_UNBLOCK: 1, SIG_SETMASK: 2 };
const SHUTDOWN_HOW: Record<string, number> = { SHUT_RD: 0, SHUT_WR: 1, SHUT_RDWR: 2 };
/** semctl(2)'s commands (sys/sem.h, linux/ipc.h). */
export const SEMCTL_CMD: Record<string, number> = {
  IPC_RMID: 0, IPC_SET: 1, IPC_STAT: 2, IPC_INFO: 3, GETPID: 11, GETVAL: 12, GETALL: 13, GETNCNT: 14, GETZCNT: 15,
  SETVAL: 16, SETALL: 17, SEM_STAT: 18, SEM_INFO: 19, SEM_STAT_ANY: 20,
};

/** A named constant argument as a number, whichever way a side spells it (strace: a name, the model: a number). */
function howArg(names: Record<string, number>, v: string | number): number | string {
  return typeof v === "number" ? v : names[v] ?? (/^\d+$/.test(v) ? Number(v) : v);
}

/** sigprocmask's `how` as a number. */
export function sigprocmaskHow(v: string | number): number | string {
  return howArg(SIGPROCMASK_HOW, v);
}

/** The argument at position k of a call, as compared: sigprocmask's and shutdown's `how`,
 *  and semctl's command (strace may add the IPC_64 flag glibc passes), by number. */
export function howOf(call: string, k: number, v: string | number): number | string {
  if (call === "sigprocmask") return sigprocmaskHow(v);
  if (call === "shutdown" && k === 1) return howArg(SHUTDOWN_HOW, v);
  if (call === "semctl" && k === 2) return howArg(SEMCTL_CMD, typeof v === "string" ? v.replace(/^IPC_64\|/, "") : v);
  return v;
}

/** pthread functions that are one system call of the program's: pthread_sigmask's
 *  rt_sigprocmask, pthread_kill's tgkill (normalize.ts keeps only that one of its calls). */
const PTHREAD_SIGNAL_CALLS = new Set(["pthread_sigmask", "pthread_kill"]);

/** libc functions whose own system calls are their business, not the program's (threads' set-up). */
export function isNoisy(callee: string): boolean {
  return NOISY_FUNCS.has(callee) || (callee.startsWith("pthread_") && !PTHREAD_SIGNAL_CALLS.has(callee));
}

/** stdio and other libc functions whose writes (and reads) are buffer flushes or refills. */
export const STDIO_FUNCS = new Set([
  "printf", "puts", "putchar", "fputs", "fputc", "putc", "fprintf", "vprintf", "vfprintf", "fwrite",
  "fflush", "exit", "fclose", "fgets", "fgetc", "getc", "getchar", "fread", "scanf", "fscanf",
  "perror", "__printf_chk", "__fprintf_chk", "_IO_putc", "__stack_chk_fail",
]);

/** libc functions that open private descriptors of their own (netlink, nscd, gai.conf). */
export const NOISY_FUNCS = new Set([
  "getaddrinfo", "freeaddrinfo", "getnameinfo", "gai_strerror", "gethostbyname", "gethostbyaddr",
  "gethostbyname_r", "gethostbyaddr_r", "getservbyname", "getpwnam", "getpwuid", "inet_ntop",
  "setlocale", "strerror", "syslog", "openlog", "sem_wait", "sem_post", "sem_timedwait", "sem_init",
  // A named semaphore is a file in /dev/shm that glibc opens, maps and unlinks.
  "sem_open", "sem_close", "sem_unlink",
  // The time zone: glibc reads /etc/localtime once, on the first of these.
  "localtime", "localtime_r", "gmtime", "gmtime_r", "ctime", "ctime_r", "mktime", "timegm", "tzset", "strftime",
]);
