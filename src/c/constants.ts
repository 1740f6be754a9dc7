// Object-like constants of the system headers, as the compiler's built-in identifiers.
// Numbers are Linux x86-64's; the kernel model exports the ones it interprets.
import * as k from "../kernel/kernel";
import type { Val } from "./wide";

/** <pthread.h>'s values the library reads back (glibc's). */
export const PTHREAD_CREATE_DETACHED = 1;
export const PTHREAD_MUTEX_RECURSIVE = 1;
export const PTHREAD_MUTEX_ERRORCHECK = 2;

const ints: Record<string, number> = {
  ...k.SIG, ...k.ERRNO, ...k.O_FLAGS,
  WNOHANG: k.WNOHANG, WUNTRACED: k.WUNTRACED, WCONTINUED: 8,
  SIG_BLOCK: k.SIG_BLOCK, SIG_UNBLOCK: k.SIG_UNBLOCK, SIG_SETMASK: k.SIG_SETMASK,
  SA_NOCLDSTOP: k.SA_NOCLDSTOP, SA_NOCLDWAIT: k.SA_NOCLDWAIT, SA_SIGINFO: k.SA_SIGINFO, SA_RESTART: k.SA_RESTART,
  SA_NODEFER: k.SA_NODEFER, SA_RESETHAND: k.SA_RESETHAND, NSIG: 65,
  SI_USER: k.SI_USER, SI_KERNEL: k.SI_KERNEL, SI_TKILL: k.SI_TKILL, CLD_EXITED: k.CLD_EXITED, CLD_KILLED: k.CLD_KILLED,
  CLD_DUMPED: k.CLD_DUMPED, CLD_STOPPED: k.CLD_STOPPED, CLD_CONTINUED: k.CLD_CONTINUED,
  F_DUPFD: k.F_DUPFD, F_DUPFD_CLOEXEC: k.F_DUPFD_CLOEXEC, F_GETFD: k.F_GETFD, F_SETFD: k.F_SETFD, F_GETFL: k.F_GETFL, F_SETFL: k.F_SETFL, FD_CLOEXEC: k.FD_CLOEXEC,
  SEEK_SET: k.SEEK_SET, SEEK_CUR: k.SEEK_CUR, SEEK_END: k.SEEK_END, PIPE_BUF: k.PIPE_BUF, O_ACCMODE: k.O_ACCMODE,
  AF_UNSPEC: 0, AF_UNIX: k.AF_UNIX, AF_LOCAL: k.AF_UNIX, AF_INET: k.AF_INET, PF_INET: k.AF_INET, AF_INET6: 10,
  SOCK_STREAM: k.SOCK_STREAM, SOCK_DGRAM: k.SOCK_DGRAM, SOL_SOCKET: k.SOL_SOCKET, SO_REUSEADDR: k.SO_REUSEADDR, SO_TYPE: k.SO_TYPE, MSG_PEEK: k.MSG_PEEK, MSG_DONTWAIT: k.MSG_DONTWAIT, MSG_WAITALL: k.MSG_WAITALL, MSG_NOSIGNAL: k.MSG_NOSIGNAL, SO_ERROR: k.SO_ERROR, SO_ACCEPTCONN: k.SO_ACCEPTCONN,
  SO_KEEPALIVE: k.SO_KEEPALIVE, SO_REUSEPORT: k.SO_REUSEPORT, SO_RCVBUF: k.SO_RCVBUF, SO_SNDBUF: k.SO_SNDBUF, IPPROTO_TCP: k.IPPROTO_TCP, IPPROTO_UDP: k.IPPROTO_UDP, IPPROTO_IP: 0, PF_UNIX: k.AF_UNIX, PF_LOCAL: k.AF_UNIX, SOCK_NONBLOCK: k.SOCK_NONBLOCK, SOCK_CLOEXEC: k.SOCK_CLOEXEC,
  SHUT_RD: k.SHUT_RD, SHUT_WR: k.SHUT_WR, SHUT_RDWR: k.SHUT_RDWR, SOMAXCONN: k.SOMAXCONN,
  INADDR_ANY: 0, INADDR_LOOPBACK: 0x7f000001, INET_ADDRSTRLEN: 16, INET6_ADDRSTRLEN: 46,
  AI_PASSIVE: 1, AI_CANONNAME: 2, AI_NUMERICHOST: 4, AI_V4MAPPED: 8, AI_ALL: 0x10, AI_ADDRCONFIG: 0x20, AI_NUMERICSERV: 0x400,
  NI_NUMERICHOST: 1, NI_NUMERICSERV: 2, NI_MAXHOST: 1025, NI_MAXSERV: 32,
  EAI_BADFLAGS: -1, EAI_NONAME: -2, EAI_AGAIN: -3, EAI_FAIL: -4, EAI_FAMILY: -6, EAI_SOCKTYPE: -7, EAI_SERVICE: -8, EAI_MEMORY: -10, EAI_SYSTEM: -11,
  IPC_PRIVATE: k.IPC_PRIVATE, IPC_CREAT: k.IPC_CREAT, IPC_EXCL: k.IPC_EXCL, IPC_RMID: k.IPC_RMID, IPC_SET: k.IPC_SET,
  IPC_STAT: k.IPC_STAT, SHM_RDONLY: k.SHM_RDONLY, IPC_NOWAIT: k.IPC_NOWAIT, SEM_UNDO: k.SEM_UNDO,
  GETPID: k.GETPID, GETVAL: k.GETVAL, GETALL: k.GETALL, GETNCNT: k.GETNCNT, GETZCNT: k.GETZCNT, SETVAL: k.SETVAL, SETALL: k.SETALL,
  SEM_VALUE_MAX: 2147483647,
  STDIN_FILENO: 0, STDOUT_FILENO: 1, STDERR_FILENO: 2, EXIT_SUCCESS: 0, EXIT_FAILURE: 1,
  F_OK: k.F_OK, R_OK: k.R_OK, W_OK: k.W_OK, X_OK: k.X_OK,
  ITIMER_REAL: k.ITIMER_REAL, ITIMER_VIRTUAL: k.ITIMER_VIRTUAL, ITIMER_PROF: k.ITIMER_PROF,
  EOF: -1, BUFSIZ: 8192, _IOFBF: 0, _IOLBF: 1, _IONBF: 2, FD_SETSIZE: 1024, FILENAME_MAX: 4096, PATH_MAX: 4096,
  RAND_MAX: 2147483647, INT_MAX: 2147483647, INT_MIN: -2147483648, CHAR_BIT: 8,
  INT32_MAX: 2147483647, INT32_MIN: -2147483648, INT16_MAX: 32767, INT16_MIN: -32768, INT8_MAX: 127, INT8_MIN: -128,
  UINT16_MAX: 65535, UINT8_MAX: 255, USHRT_MAX: 65535,
  SCHAR_MAX: 127, SCHAR_MIN: -128, UCHAR_MAX: 255, SHRT_MAX: 32767, SHRT_MIN: -32768,
  S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IRWXU: 0o700, S_IRGRP: 0o40, S_IWGRP: 0o20, S_IROTH: 0o4, S_IWOTH: 0o2,
  S_IFMT: k.S_IFMT, S_IFSOCK: k.S_IFSOCK, S_IFREG: k.S_IFREG, S_IFDIR: k.S_IFDIR, S_IFCHR: k.S_IFCHR, S_IFIFO: k.S_IFIFO,
  S_IXGRP: 0o10, S_IRWXG: 0o70, S_IXOTH: 0o1, S_IRWXO: 0o7, DT_UNKNOWN: 0, DT_FIFO: 1, DT_CHR: 2, DT_DIR: 4, DT_REG: 8, DT_SOCK: 12,
  DEF_MODE: 0o666, DEF_UMASK: 0o22, EWOULDBLOCK: k.ERRNO.EAGAIN,
  RLIMIT_NPROC: 6, RLIMIT_NOFILE: 7, PROT_NONE: 0, PROT_READ: 1, PROT_WRITE: 2, PROT_EXEC: 4,
  MAP_SHARED: 1, MAP_PRIVATE: 2, MAP_ANONYMOUS: 0x20, MAP_ANON: 0x20,
  CLOCK_REALTIME: 0, CLOCK_MONOTONIC: 1, CLOCK_PROCESS_CPUTIME_ID: 2, CLOCK_THREAD_CPUTIME_ID: 3, CLOCK_MONOTONIC_RAW: 4,
  CLOCK_REALTIME_COARSE: 5, CLOCK_MONOTONIC_COARSE: 6, CLOCK_BOOTTIME: 7, CLOCK_REALTIME_ALARM: 8, CLOCK_BOOTTIME_ALARM: 9,
  CLOCK_TAI: 11, CLOCKS_PER_SEC: 1000000,
  PTHREAD_CANCEL_ENABLE: 0, PTHREAD_CANCEL_DISABLE: 1, PTHREAD_CANCEL_DEFERRED: 0, PTHREAD_CANCEL_ASYNCHRONOUS: 1,
  POLLIN: 0x1, POLLPRI: 0x2, POLLOUT: 0x4, POLLERR: 0x8, POLLHUP: 0x10, POLLNVAL: 0x20, POLLRDNORM: 0x40,
  POLLRDBAND: 0x80, POLLWRNORM: 0x100, POLLWRBAND: 0x200, POLLRDHUP: 0x2000,
  PTHREAD_BARRIER_SERIAL_THREAD: -1, PTHREAD_PROCESS_PRIVATE: 0, PTHREAD_PROCESS_SHARED: 1,
  memory_order_relaxed: 0, memory_order_consume: 1, memory_order_acquire: 2, memory_order_release: 3,
  memory_order_acq_rel: 4, memory_order_seq_cst: 5,
  PTHREAD_CREATE_JOINABLE: 0, PTHREAD_CREATE_DETACHED,
  PTHREAD_MUTEX_NORMAL: 0, PTHREAD_MUTEX_RECURSIVE, PTHREAD_MUTEX_ERRORCHECK, PTHREAD_MUTEX_DEFAULT: 0,
};

/** <float.h>'s limits and <math.h>'s constants: floating point, float or double as C types them. */
export const FLOAT_CONSTANTS: Record<string, { value: number; size: 4 | 8 }> = {
  DBL_MAX: { value: Number.MAX_VALUE, size: 8 },
  DBL_MIN: { value: 2.2250738585072014e-308, size: 8 },
  DBL_EPSILON: { value: Number.EPSILON, size: 8 },
  FLT_MAX: { value: 3.4028234663852886e38, size: 4 },
  FLT_MIN: { value: 1.1754943508222875e-38, size: 4 },
  FLT_EPSILON: { value: 1.1920928955078125e-7, size: 4 },
  HUGE_VAL: { value: Infinity, size: 8 },
  INFINITY: { value: Infinity, size: 4 },
  NAN: { value: NaN, size: 4 },
  M_PI: { value: Math.PI, size: 8 },
  M_E: { value: Math.E, size: 8 },
  M_SQRT2: { value: Math.SQRT2, size: 8 },
  M_LN2: { value: Math.LN2, size: 8 },
};

/** <limits.h> and <stdint.h> limits beyond int, exact (src/c/wide.ts), with their types. */
const LONG_MAX = 2n ** 63n - 1n, ULONG_MAX = 2n ** 64n - 1n;
const limits: Record<string, { value: Val; type: "uint" | "long" | "ulong" }> = {
  UINT_MAX: { value: 4294967295, type: "uint" }, UINT32_MAX: { value: 4294967295, type: "uint" },
  LONG_MAX: { value: LONG_MAX, type: "long" }, LONG_MIN: { value: -LONG_MAX - 1n, type: "long" },
  LLONG_MAX: { value: LONG_MAX, type: "long" }, LLONG_MIN: { value: -LONG_MAX - 1n, type: "long" },
  INT64_MAX: { value: LONG_MAX, type: "long" }, INT64_MIN: { value: -LONG_MAX - 1n, type: "long" },
  SSIZE_MAX: { value: LONG_MAX, type: "long" }, INTPTR_MAX: { value: LONG_MAX, type: "long" },
  ULONG_MAX: { value: ULONG_MAX, type: "ulong" }, ULLONG_MAX: { value: ULONG_MAX, type: "ulong" },
  UINT64_MAX: { value: ULONG_MAX, type: "ulong" }, SIZE_MAX: { value: ULONG_MAX, type: "ulong" },
  UINTPTR_MAX: { value: ULONG_MAX, type: "ulong" },
};

/** Pointer-valued constants: NULL and the special signal dispositions ((void *)-1 is all ones). */
export const POINTER_CONSTANTS: Record<string, Val> = {
  NULL: 0, SIG_DFL: 0, SIG_IGN: 1, SIG_ERR: ULONG_MAX, MAP_FAILED: ULONG_MAX, SEM_FAILED: 0,
  PTHREAD_CANCELED: ULONG_MAX,
};

/** Every constant's name: integer, pointer or floating point. */
export function constantNames(): string[] {
  return [...Object.keys(ints), ...Object.keys(limits), ...Object.keys(POINTER_CONSTANTS), ...Object.keys(FLOAT_CONSTANTS)];
}

export function intConstant(name: string): { value: Val; type: "int" | "uint" | "long" | "ulong" } | undefined {
  if (name in ints) return { value: ints[name], type: "int" };
  return limits[name];
}

/** Macros the system headers define with braces or syntax (not plain numbers). */
export const SYSTEM_MACROS: Array<[string, string]> = [
  ["PTHREAD_MUTEX_INITIALIZER", "{ 0 }"],
  ["PTHREAD_ONCE_INIT", "0"],
  ["PTHREAD_COND_INITIALIZER", "{ { 0 } }"],
  ["PTHREAD_RWLOCK_INITIALIZER", "{ { 0 } }"],
  // The environment array is the process's own, found through the library.
  ["environ", "(*__forklab_environ())"],
  ["h_addr", "h_addr_list[0]"],
  ["__attribute__(x)", ""],
  ["__extension__", ""],
  ["__restrict", ""],
  ["restrict", ""],
  ["noreturn", ""],
  ["_Noreturn", ""],
  // C11's keyword, which tree-sitter-c does not know: the same as C23's thread_local.
  ["_Thread_local", "thread_local"],
  ["inline", ""],
  // <sys/stat.h>: the file-type tests and the seconds of the three times.
  ["S_ISREG(m)", "(((m) & 0170000) == 0100000)"],
  ["S_ISDIR(m)", "(((m) & 0170000) == 0040000)"],
  ["S_ISCHR(m)", "(((m) & 0170000) == 0020000)"],
  ["S_ISBLK(m)", "(((m) & 0170000) == 0060000)"],
  ["S_ISFIFO(m)", "(((m) & 0170000) == 0010000)"],
  ["S_ISLNK(m)", "(((m) & 0170000) == 0120000)"],
  ["S_ISSOCK(m)", "(((m) & 0170000) == 0140000)"],
  ["st_atime", "st_atim.tv_sec"],
  ["st_mtime", "st_mtim.tv_sec"],
  ["st_ctime", "st_ctim.tv_sec"],
  // GCC's __sync builtins and <stdatomic.h>: one library call with the object's size (libc/atomic.ts).
  ["__sync_fetch_and_add(p, v)", "__forklab_atomic(0, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_fetch_and_sub(p, v)", "__forklab_atomic(1, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_fetch_and_or(p, v)", "__forklab_atomic(2, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_fetch_and_and(p, v)", "__forklab_atomic(3, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_fetch_and_xor(p, v)", "__forklab_atomic(4, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_add_and_fetch(p, v)", "__forklab_atomic(5, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_sub_and_fetch(p, v)", "__forklab_atomic(6, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_fetch_and_nand(p, v)", "__forklab_atomic(13, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_lock_test_and_set(p, v)", "__forklab_atomic(7, (p), sizeof(*(p)), (v), 0)"],
  ["__sync_lock_release(p)", "((void)__forklab_atomic(11, (p), sizeof(*(p)), 0, 0))"],
  ["__sync_val_compare_and_swap(p, o, n)", "__forklab_atomic(8, (p), sizeof(*(p)), (o), (n))"],
  ["__sync_bool_compare_and_swap(p, o, n)", "((_Bool)__forklab_atomic(9, (p), sizeof(*(p)), (o), (n)))"],
  ["__sync_synchronize()", "((void)0)"],
  ["atomic_fetch_add(p, v)", "__forklab_atomic(0, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_add_explicit(p, v, o)", "__forklab_atomic(0, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_sub(p, v)", "__forklab_atomic(1, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_sub_explicit(p, v, o)", "__forklab_atomic(1, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_or(p, v)", "__forklab_atomic(2, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_or_explicit(p, v, o)", "__forklab_atomic(2, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_and(p, v)", "__forklab_atomic(3, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_and_explicit(p, v, o)", "__forklab_atomic(3, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_xor(p, v)", "__forklab_atomic(4, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_fetch_xor_explicit(p, v, o)", "__forklab_atomic(4, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_load(p)", "__forklab_atomic(10, (p), sizeof(*(p)), 0, 0)"],
  ["atomic_load_explicit(p, o)", "__forklab_atomic(10, (p), sizeof(*(p)), 0, 0)"],
  ["atomic_store(p, v)", "((void)__forklab_atomic(11, (p), sizeof(*(p)), (v), 0))"],
  ["atomic_store_explicit(p, v, o)", "((void)__forklab_atomic(11, (p), sizeof(*(p)), (v), 0))"],
  ["atomic_init(p, v)", "((void)__forklab_atomic(11, (p), sizeof(*(p)), (v), 0))"],
  ["atomic_exchange(p, v)", "__forklab_atomic(7, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_exchange_explicit(p, v, o)", "__forklab_atomic(7, (p), sizeof(*(p)), (v), 0)"],
  ["atomic_compare_exchange_strong(p, e, d)", "((_Bool)__forklab_atomic(12, (p), sizeof(*(p)), (long)(e), (d)))"],
  ["atomic_compare_exchange_weak(p, e, d)", "((_Bool)__forklab_atomic(12, (p), sizeof(*(p)), (long)(e), (d)))"],
  ["atomic_compare_exchange_strong_explicit(p, e, d, s, f)", "((_Bool)__forklab_atomic(12, (p), sizeof(*(p)), (long)(e), (d)))"],
  ["atomic_compare_exchange_weak_explicit(p, e, d, s, f)", "((_Bool)__forklab_atomic(12, (p), sizeof(*(p)), (long)(e), (d)))"],
  ["atomic_flag_test_and_set(f)", "((_Bool)__forklab_atomic(7, &(f)->__val, 1, 1, 0))"],
  ["atomic_flag_clear(f)", "((void)__forklab_atomic(11, &(f)->__val, 1, 0, 0))"],
  ["atomic_thread_fence(o)", "((void)0)"],
  // The specifier form _Atomic(T) is the type T made atomic, as `_Atomic T` (the qualifier,
  // which the grammar reads and the model, running one thread at a time, needs nothing of).
  ["_Atomic(t)", "t"],
  ["ATOMIC_FLAG_INIT", "{ 0 }"],
  ["ATOMIC_VAR_INIT(v)", "(v)"],
  // <stdarg.h>: va_list points at the variadic frame's extra arguments, 8 bytes each.
  ["va_start(ap, last)", "((ap) = __va_start())"],
  ["va_arg(ap, type)", "(*(type *)(((ap) += 8) - 8))"],
  ["va_end(ap)", "((void)0)"],
  ["va_copy(dst, src)", "((dst) = (src))"],
  // <inttypes.h>'s printf and scanf length modifiers, as glibc gives them on x86-64.
  ...inttypesMacros(),
];

function inttypesMacros(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const conv of ["d", "i", "u", "o", "x", "X"]) {
    for (const [size, len] of [["8", ""], ["16", ""], ["32", ""], ["64", "l"], ["MAX", "l"], ["PTR", "l"]]) {
      out.push([`PRI${conv}${size}`, `"${len}${conv}"`]);
      if (conv !== "X") out.push([`SCN${conv}${size}`, `"${size === "8" ? "hh" : size === "16" ? "h" : len}${conv}"`]);
    }
  }
  return out;
}
