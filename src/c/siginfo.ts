// The siginfo_t a handler installed with SA_SIGINFO receives, written where Linux puts it:
// in the signal frame on the handler's stack (setup_rt_frame). The layout is glibc's on
// x86-64, as the built-in <signal.h> declares it (headers.ts): 128 bytes, si_signo,
// si_errno and si_code first, then the sender's pid and uid, and SIGCHLD's si_status.
import type { SigInfo } from "../kernel/kernel";
import type { Memory } from "./memory";
import type { Val } from "./wide";

export const SIGINFO_SIZE = 128;

const SI_SIGNO = 0;
const SI_CODE = 8;
const SI_PID = 16;
const SI_UID = 20;
const SI_STATUS = 24;

/** Writes signal `signo`'s siginfo_t at `at` (SIGINFO_SIZE bytes, zeroed first). */
export function writeSiginfo(mem: Memory, at: number, signo: number, info: SigInfo): void {
  mem.fill(at, 0, SIGINFO_SIZE);
  mem.writeU(at + SI_SIGNO, 4, signo);
  mem.writeU(at + SI_CODE, 4, info.code >>> 0);
  mem.writeU(at + SI_PID, 4, info.pid);
  mem.writeU(at + SI_UID, 4, info.uid);
  if (info.status !== undefined) mem.writeU(at + SI_STATUS, 4, info.status >>> 0);
}

/** A SA_SIGINFO handler's arguments: the signal, the address of its siginfo_t (written at
 *  `at`, in the signal frame above the handler's own) and no ucontext (NULL). */
export function siginfoArgs(mem: Memory, at: number, signo: number, info: SigInfo): Val[] {
  writeSiginfo(mem, at, signo, info);
  return [signo, at, 0];
}
