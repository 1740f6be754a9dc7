// What every system call hands back: a result (ret, errno and call-specific data) or
// "blocked" with the reason the calling task now waits. Plain data only.
import type { Errno } from "./errno";
import type { StatInfo } from "./stat";
import type { SigInfo } from "./signum";

export interface SigActionView {
  /** The handler's function name, or "SIG_DFL" / "SIG_IGN". */
  handler: string;
  /** Signals blocked while the handler runs (besides the signal itself), as a sigset. */
  mask: number;
  /** SA_* flags. */
  flags: number;
}

export interface SysRet {
  /** The C return value: -1 on failure (errno set), else the call's result. */
  ret: number;
  errno?: Errno;
  /** read/recv: the bytes read. */
  data?: Uint8Array;
  /** read, write, sendto, recvfrom that moved bytes: the first of them (latin1, at most
   *  BUF_SHOWN) and how many in all, as the syscall event and the trace show them (set by
   *  Kernel.sys, not by a call's own code). */
  buf?: string;
  bufLen?: number;
  /** pipe: [read end, write end]; socketpair: the two ends. */
  fds?: [number, number];
  /** waitpid: the raw wait status stored through the status pointer. */
  status?: number;
  /** sigprocmask: the previous mask. sigaction: the previous action. */
  oldMask?: number;
  /** setitimer/getitimer: the timer's setting (ms) before the call. */
  itimer?: { value: number; interval: number };
  oldAction?: SigActionView;
  /** accept/getsockname/getpeername/recvfrom on AF_INET: "127.0.0.1:port". */
  addr?: string;
  /** accept/getsockname/getpeername on AF_UNIX: the path ("" when unnamed). */
  sun?: string;
  /** select: the ready descriptors (the sets as select leaves them). */
  readable?: number[];
  /** poll: each pollfd's revents, in order. */
  revents?: number[];
  writable?: number[];
  /** shmat: the segment's bytes, shared by every attachment (write into it directly). */
  segment?: Uint8Array;
  /** shmctl(IPC_STAT): the fields a C program reads from struct shmid_ds. */
  shmStat?: { size: number; nattch: number; key: number };
  /** semctl(IPC_STAT): what struct semid_ds carries that a program reads. */
  semStat?: { nsems: number; key: number };
  /** sem_open: the named semaphore was made by this call (the library stores its value). */
  created?: boolean;
  /** semctl(GETALL): every value of the set. */
  semVals?: number[];
  /** stat/fstat: the fields of struct stat the model fills. */
  stat?: StatInfo;
  /** readdir: the names in the directory, sorted. */
  names?: string[];
  /** getsockopt: the option's value (an int). */
  optval?: number;
  /** sigtimedwait: what sent the signal taken, for sigwaitinfo's siginfo_t. */
  siginfo?: SigInfo;
  /** fcntl(F_GETFD/F_GETFL) and others return plain numbers in ret. */
}

export interface SysBlocked {
  /** The call the task is blocked in, e.g. "read(4)", "accept(3)", "waitpid(-1)". */
  blocked: string;
}

export type SysResult = SysRet | SysBlocked;

export const isBlocked = (r: SysResult): r is SysBlocked => "blocked" in r;

export const ok = (ret = 0, extra?: Omit<SysRet, "ret">): SysRet => (extra ? { ret, ...extra } : { ret });
export const fail = (errno: Errno): SysRet => ({ ret: -1, errno });

/** A signal the stepper must run a user handler for (see Kernel.takeSignal). */
export interface SignalDelivery {
  signo: number;
  name: string;
  /** The handler function's name as given to sigaction/signal. */
  handler: string;
  /** The task's mask before delivery: pass it back to sigreturn when the handler returns. */
  savedMask: number;
  /** The task was blocked in a slow call that this signal interrupted. */
  interrupted?: string;
  /** When interrupted: the re-issued call restarts (SA_RESTART) rather than failing with EINTR. */
  restart: boolean;
  /** For a handler installed with SA_SIGINFO: its siginfo_t's contents. */
  info?: SigInfo;
}
