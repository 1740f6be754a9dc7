// Signal numbers (x86-64 Linux), their default actions, and signal sets.
// Only the 31 standard signals are modelled; real-time signals (32..64) are not.
// A sigset is a number with bit (signo - 1) set for each member, like the kernel's sigset_t.

export const SIG = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
  SIGSTKFLT: 16, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22,
  SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;

export type SignalName = keyof typeof SIG;
export const NSIG = 32; // valid standard signals are 1..NSIG-1

const names: string[] = [];
for (const [k, v] of Object.entries(SIG)) names[v] = k;

/** "SIGCHLD" for 17; "SIG<n>" for numbers that are not standard signals. */
export function signame(signo: number): string {
  return names[signo] ?? `SIG${signo}`;
}

/** 17 for "SIGCHLD" or "CHLD"; undefined when unknown. */
export function signo(name: string): number | undefined {
  const key = name.startsWith("SIG") ? name : `SIG${name}`;
  return (SIG as Record<string, number>)[key];
}

export const validSignal = (s: number): boolean => Number.isInteger(s) && s >= 1 && s < NSIG;

export type DefaultAction = "terminate" | "core" | "ignore" | "stop" | "continue";

/** Linux default actions (signal(7)). */
export function defaultAction(s: number): DefaultAction {
  switch (s) {
    case SIG.SIGQUIT: case SIG.SIGILL: case SIG.SIGTRAP: case SIG.SIGABRT: case SIG.SIGBUS:
    case SIG.SIGFPE: case SIG.SIGSEGV: case SIG.SIGXCPU: case SIG.SIGXFSZ: case SIG.SIGSYS:
      return "core";
    case SIG.SIGCHLD: case SIG.SIGURG: case SIG.SIGWINCH:
      return "ignore";
    case SIG.SIGCONT:
      return "continue";
    case SIG.SIGSTOP: case SIG.SIGTSTP: case SIG.SIGTTIN: case SIG.SIGTTOU:
      return "stop";
    default:
      return "terminate";
  }
}

export const isStopSignal = (s: number): boolean => defaultAction(s) === "stop";

// Signal sets.
export const sigmask = (s: number): number => (1 << (s - 1)) >>> 0;
export const sigismember = (set: number, s: number): boolean => (set & sigmask(s)) !== 0;
export const sigaddset = (set: number, s: number): number => (set | sigmask(s)) >>> 0;
export const sigdelset = (set: number, s: number): number => (set & ~sigmask(s)) >>> 0;
export const SIGSET_EMPTY = 0;
export const SIGSET_FULL = 0x7fffffff;
/** SIGKILL and SIGSTOP can never be blocked: sigprocmask silently drops them. */
export const UNBLOCKABLE = sigmask(SIG.SIGKILL) | sigmask(SIG.SIGSTOP);

/** Members of a set, lowest number first, as names. */
export function sigsetNames(set: number): string[] {
  const out: string[] = [];
  for (let s = 1; s < NSIG; s++) if (sigismember(set, s)) out.push(signame(s));
  return out;
}

/** Build a set from numbers or names. */
export function sigset(...members: Array<number | string>): number {
  let set = 0;
  for (const m of members) {
    const n = typeof m === "number" ? m : signo(m);
    if (n !== undefined && validSignal(n)) set = sigaddset(set, n);
  }
  return set;
}

// sigaction flags and sigprocmask how (Linux values).
export const SA_NOCLDSTOP = 0x1;
export const SA_NOCLDWAIT = 0x2;
export const SA_SIGINFO = 0x4;
export const SA_ONSTACK = 0x08000000;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;
/** si_code values (Linux's): who or what generated a signal, as a SA_SIGINFO handler is told. */
export const SI_USER = 0;
export const SI_KERNEL = 0x80;
export const SI_TKILL = -6;
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;
export const CLD_STOPPED = 5;
export const CLD_CONTINUED = 6;

/** What a SA_SIGINFO handler's siginfo_t says: si_code, the sender (si_pid, si_uid; 0 for
 *  the kernel) and, for SIGCHLD, the child's exit code or signal (si_status). */
export interface SigInfo {
  code: number;
  pid: number;
  uid: number;
  status?: number;
}

/** The one user every process runs as, an ordinary one as a learner's shell is (getuid,
 *  st_uid, si_uid). */
export const UID = 1000;

/** A signal the kernel itself raises (the alarm timer, the terminal). */
export const KERNEL_INFO: SigInfo = { code: SI_KERNEL, pid: 0, uid: 0 };

export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;
