// Signals a thread asks for rather than handles: sigwait(3), sigwaitinfo(2), sigtimedwait(2)
// over the kernel's sigtimedwait (src/kernel/sigwait.ts), and pthread_kill(3), a signal for
// one thread of the process (tgkill). As glibc: sigwait calls again after EINTR and returns
// the error number, as pthread_kill does, leaving errno alone; sigwaitinfo and sigtimedwait
// report a signal sent with tgkill (raise, pthread_kill) as SI_USER, since glibc rewrites
// si_code so that a program cannot tell; pthread_kill of a thread that has ended but is not
// joined yet is 0 with no system call (glibc 2.34 and later), of glibc's own signals EINVAL.
import { ERRNO, SI_TKILL, SI_USER, signame, SigInfo } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { writeSiginfo } from "../siginfo";
import { readSet } from "./signal";
import { setErrno, sys } from "./sys";
import { timespecMs } from "./time";

/** The signal's sender as glibc's sigwaitinfo tells it. */
const asUser = (info: SigInfo): SigInfo => (info.code === SI_TKILL ? { ...info, code: SI_USER } : info);

/** sigtimedwait's relative timeout in logical ms (rounded up: it never ends early); null for
 *  none (NULL), undefined when invalid (tv_nsec outside 0..999999999 or tv_sec < 0: EINVAL). */
function timeoutMs(c: Ctx, ts: number): number | null | undefined {
  return ts ? timespecMs(c, ts, true) : null;
}

/** The kernel's sigtimedwait for the set at setp: the signal taken (its siginfo_t written at
 *  info), or -1 with errno. */
function waitFor(c: Ctx, setp: number, info: number, ms: number | null): number | Ctl {
  const set = readSet(c, setp);
  return sys(c, "rt_sigtimedwait", [set], c.k.sigtimedwait(c.t.tid, set, ms), (r) => {
    if (info) writeSiginfo(c.mem, info, r.ret, asUser(r.siginfo ?? { code: SI_USER, pid: 0, uid: 0 }));
    return r.ret;
  });
}

const errnoNow = (c: Ctx): number => c.mem.readU(c.t.errnoAddr, 4);

/** A failure returned as the error number, errno as it was before the call. */
function asResult(c: Ctx, v: number | Ctl, saved: number): number | Ctl {
  if (v !== -1) return v;
  const e = errnoNow(c);
  c.mem.writeU(c.t.errnoAddr, 4, saved);
  return e;
}

function sigwait(c: Ctx, setp: number, sigp: number): number | Ctl {
  const saved = errnoNow(c);
  let r = waitFor(c, setp, 0, null);
  // A handler for another signal ran meanwhile: wait again (the next call sleeps anew).
  if (r === -1 && errnoNow(c) === ERRNO.EINTR) r = waitFor(c, setp, 0, null);
  if (typeof r !== "number" || r < 0) return asResult(c, r, saved);
  c.mem.writeU(sigp, 4, r);
  return 0;
}

function sigtimedwait(c: Ctx, setp: number, info: number, ts: number): number | Ctl {
  const ms = timeoutMs(c, ts);
  if (ms === undefined) {
    setErrno(c, "EINVAL");
    return -1;
  }
  return waitFor(c, setp, info, ms);
}

/** glibc's own signals (SIGCANCEL 32, SIGSETXID 33): pthread_kill refuses them first. */
const GLIBC_SIGNALS = new Set([32, 33]);

function pthreadKill(c: Ctx, tid: number, signo: number): number | Ctl {
  if (GLIBC_SIGNALS.has(signo)) return ERRNO.EINVAL;
  // A thread that ended and is not joined yet: glibc sends nothing (strace shows no tgkill)
  // and answers 0, whatever the signal.
  if (tid in c.p.finished) return 0;
  const saved = errnoNow(c);
  return asResult(c, sys(c, "tgkill", [c.p.pid, tid, signame(signo)], c.k.tgkill(c.t.tid, tid, signo)), saved);
}

export const sigwaits: Builtin[] = [
  { name: "sigwait", fn: (c, a) => sigwait(c, a[0], a[1]) },
  { name: "sigwaitinfo", fn: (c, a) => waitFor(c, a[0], a[1], null) },
  { name: "sigtimedwait", fn: (c, a) => sigtimedwait(c, a[0], a[1], a[2]) },
  { name: "pthread_kill", fn: (c, a) => pthreadKill(c, a[0], a[1]) },
];
