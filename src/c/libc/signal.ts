// <signal.h>: dispositions go to the kernel by handler name; a sigset_t in memory holds
// the kernel's mask in its first word (bit signo-1), as on Linux.
import { signame, sigmask, SIG } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { BUILTIN_BASE, TEXT_BASE } from "../memory";
import { cstr, setErrno, str, sys } from "./sys";
import { emit } from "./stdio";

/** struct sigaction on x86-64 glibc: handler at 0, sa_mask at 8 (128 bytes), sa_flags at 136. */
const SA_MASK = 8;
const SA_FLAGS = 136;

/** A handler pointer as the kernel names it. */
export function handlerName(c: Ctx, addr: number): string {
  if (addr === 0) return "SIG_DFL";
  if (addr === 1) return "SIG_IGN";
  const i = (addr - TEXT_BASE) / 16;
  const f = c.p.prog.funcs[i];
  if (Number.isInteger(i) && f) return f.name;
  if (addr >= BUILTIN_BASE) return "SIG_DFL";
  return `0x${addr.toString(16)}`;
}

export function handlerAddr(c: Ctx, name: string | undefined): number {
  if (!name || name === "SIG_DFL") return 0;
  if (name === "SIG_IGN") return 1;
  const i = c.p.prog.funcIndex.get(name);
  return i === undefined ? 0 : TEXT_BASE + i * 16;
}

export const readSet = (c: Ctx, a: number): number => c.mem.readU(a, 4);
const writeSet = (c: Ctx, a: number, v: number): void => { c.mem.fill(a, 0, 128); c.mem.writeU(a, 4, v >>> 0); };
const EINVAL = 22;

/** sigprocmask(how, set, old) for the calling thread: 0, or -1 with errno. */
function setMask(c: Ctx, how: number, set: number, old: number): number | Ctl {
  return sys(c, "rt_sigprocmask", [how], c.k.sigprocmask(c.t.tid, how, set ? readSet(c, set) : null), (r) => {
    if (old) writeSet(c, old, r.oldMask ?? 0);
    return 0;
  });
}

function validSig(c: Ctx, s: number): boolean {
  if (s >= 1 && s < 32) return true;
  setErrno(c, "EINVAL");
  return false;
}

export const signals: Builtin[] = [
  {
    name: "signal", fn: (c, a) => {
      const name = handlerName(c, a[1]);
      return sys(c, "rt_sigaction", [signame(a[0]), name], c.k.signal(c.t.tid, a[0], name), (r) => handlerAddr(c, r.oldAction?.handler));
    },
  },
  {
    name: "sigaction", fn: (c, a) => {
      const [signo, act, old] = a;
      const view = act ? { handler: handlerName(c, c.mem.read64(act, false)), mask: readSet(c, act + SA_MASK), flags: c.mem.readU(act + SA_FLAGS, 4) } : null;
      return sys(c, "rt_sigaction", [signame(signo), view ? view.handler : "NULL"], c.k.sigaction(c.t.tid, signo, view), (r) => {
        if (old) {
          c.mem.fill(old, 0, 152);
          c.mem.write64(old, handlerAddr(c, r.oldAction?.handler));
          writeSet(c, old + SA_MASK, r.oldAction?.mask ?? 0);
          c.mem.writeU(old + SA_FLAGS, 4, r.oldAction?.flags ?? 0);
        }
        return 0;
      });
    },
  },
  { name: "kill", fn: (c, a) => sys(c, "kill", [a[0], signame(a[1])], c.k.kill(c.t.tid, a[0], a[1])) },
  { name: "raise", fn: (c, a) => sys(c, "kill", [c.p.pid, signame(a[0])], c.k.tgkill(c.t.tid, c.t.tid, a[0])) },
  { name: "sigprocmask", fn: (c, a) => setMask(c, a[0], a[1], a[2]) },
  {
    // The same call (Linux's masks are per thread), with the error as the result.
    name: "pthread_sigmask", fn: (c, a) => {
      const r = setMask(c, a[0], a[1], a[2]);
      return r === -1 ? EINVAL : r;
    },
  },
  { name: "sigsuspend", fn: (c, a) => sys(c, "rt_sigsuspend", [], c.k.sigsuspend(c.t.tid, readSet(c, a[0]))) },
  { name: "sigpending", fn: (c, a) => sys(c, "rt_sigpending", [], c.k.sigpending(c.t.tid), (r) => { writeSet(c, a[0], (r.oldMask ?? 0) >>> 0); return 0; }) },
  { name: "sigemptyset", fn: (c, a) => { writeSet(c, a[0], 0); return 0; } },
  { name: "sigfillset", fn: (c, a) => { writeSet(c, a[0], 0x7fffffff); return 0; } },
  { name: "sigaddset", fn: (c, a) => { if (!validSig(c, a[1])) return -1; writeSet(c, a[0], readSet(c, a[0]) | sigmask(a[1])); return 0; } },
  { name: "sigdelset", fn: (c, a) => { if (!validSig(c, a[1])) return -1; writeSet(c, a[0], readSet(c, a[0]) & ~sigmask(a[1])); return 0; } },
  { name: "sigismember", fn: (c, a) => (validSig(c, a[1]) ? ((readSet(c, a[0]) & sigmask(a[1])) !== 0 ? 1 : 0) : -1) },
  { name: "strsignal", fn: (c, a) => cstr(c, SIGNAL_TEXT[a[0]] ?? `Unknown signal ${a[0]}`) },
  {
    name: "psignal", fn: (c, a) => {
      const pre = a[1] ? str(c, a[1]) + ": " : "";
      return emit(c, c.p.streams[c.p.prog.stderr], `${pre}${SIGNAL_TEXT[a[0]] ?? "Unknown signal"}\n`, 0);
    },
  },
];

const SIGNAL_TEXT: Record<number, string> = {
  [SIG.SIGHUP]: "Hangup", [SIG.SIGINT]: "Interrupt", [SIG.SIGQUIT]: "Quit", [SIG.SIGILL]: "Illegal instruction",
  [SIG.SIGABRT]: "Aborted", [SIG.SIGFPE]: "Floating point exception", [SIG.SIGKILL]: "Killed",
  [SIG.SIGUSR1]: "User defined signal 1", [SIG.SIGSEGV]: "Segmentation fault", [SIG.SIGUSR2]: "User defined signal 2",
  [SIG.SIGPIPE]: "Broken pipe", [SIG.SIGALRM]: "Alarm clock", [SIG.SIGTERM]: "Terminated", [SIG.SIGCHLD]: "Child exited",
  [SIG.SIGCONT]: "Continued", [SIG.SIGSTOP]: "Stopped (signal)", [SIG.SIGTSTP]: "Stopped",
};
