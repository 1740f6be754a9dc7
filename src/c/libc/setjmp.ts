// <setjmp.h>: setjmp/longjmp and sigsetjmp/siglongjmp. A jmp_buf in process memory holds
// where the call to setjmp was (frame depth, frame pointer, function, instruction) and the
// operand values the statement had pushed below the call, so a later longjmp can unwind
// the thread's frames back to it and make setjmp return again. Plain data: fork copies it,
// and the child's one thread has the forking thread's stack, frame for frame at the same
// addresses, so the saving frame is known by where it is, not by which task ran it: its
// frame pointer lies in this thread's stack (each thread has its own, never reused), and
// the frame at its depth still has that frame pointer and function.
// glibc's setjmp saves no signal mask (it is _setjmp); sigsetjmp(env, 1) saves it with
// rt_sigprocmask, and the jump back restores it the same way. Jumping out of a signal
// handler skips sigreturn: the handler's mask stays unless the jump restores one, which
// is why the textbook's restart example uses sigsetjmp/siglongjmp.
import { SIG_BLOCK, SIG_SETMASK } from "../../kernel/kernel";
import { Builtin, CALLED, Ctx, Ctl } from "../ctl";
import { StopError } from "../control";
import { sys } from "./sys";
import type { TraceEntry } from "../trace";

/** Slots (8 bytes each) of a jmp_buf; 25 of them make glibc's 200 bytes. Slot 0 is unused:
 *  it held the saving task's id, which a forked child's copy of the thread does not share. */
const DEPTH = 1, PC = 2, FP = 3, FN = 4, SP = 5, SAVED = 6, MASK = 7, NVALS = 8, VALS = 9;
const MAX_VALS = 25 - VALS;

const slot = (env: number, i: number): number => env + i * 8;

/** setjmp's half: remember this call (its n arguments are on top of the operand stack). */
function save(c: Ctx, env: number, n: number, savemask: boolean): number | Ctl {
  const t = c.t;
  const f = t.frames[t.frames.length - 1];
  const height = t.stack.length - n;
  const vals = t.stack.slice(f.base, height);
  if (vals.length > MAX_VALS) throw new StopError(`setjmp inside an expression with ${vals.length} values pending: the stepper keeps at most ${MAX_VALS}`);
  const m = c.mem;
  m.write64(slot(env, DEPTH), t.frames.length);
  m.write64(slot(env, PC), f.pc);
  m.write64(slot(env, FP), f.fp);
  m.write64(slot(env, FN), f.fn);
  m.write64(slot(env, SP), t.sp);
  // A pending value is a double's bits, or a wide integer's (flagged, with its sign: 2 bits each).
  let wide = 0;
  vals.forEach((v, i) => {
    if (typeof v === "number") m.writeF(slot(env, VALS + i), 8, v);
    else { m.write64(slot(env, VALS + i), v); wide += (v < 0n ? 3 : 1) * 4 ** i; }
  });
  m.write64(slot(env, NVALS), vals.length + wide * 256);
  m.write64(slot(env, SAVED), savemask ? 1 : 0);
  if (!savemask) return 0;
  return sys(c, "rt_sigprocmask", [SIG_BLOCK], c.k.sigprocmask(t.tid, SIG_BLOCK, null), (r) => {
    m.write64(slot(env, MASK), r.oldMask ?? 0);
    return 0;
  });
}

/** longjmp's half: unwind to the saved call and make it return val (1 if val is 0). */
function jump(c: Ctx, env: number, val: number, name: string): number | Ctl {
  const t = c.t;
  const m = c.mem;
  const depth = m.read64(slot(env, DEPTH), false);
  const target = t.frames[depth - 1];
  const refused = inactive(c, env, depth);
  if (refused) throw new StopError(`${name} to a jmp_buf ${refused}: undefined behaviour in C`);
  if (m.read64(slot(env, SAVED), false)) {
    const r = sys(c, "rt_sigprocmask", [SIG_SETMASK], c.k.sigprocmask(t.tid, SIG_SETMASK, m.read64(slot(env, MASK), false)));
    if (typeof r !== "number") return r;
  }
  abandonHandlers(c, depth);
  t.frames.length = depth;
  t.sys = undefined;
  t.blockedOn = undefined;
  t.stack.length = target.base;
  const word = m.read64(slot(env, NVALS), false);
  const n = word % 256;
  for (let i = 0, wide = Math.floor(word / 256); i < n; i++, wide = Math.floor(wide / 4)) {
    const flag = wide % 4;
    t.stack.push(flag ? m.readWide(slot(env, VALS + i), flag === 3) : m.readF(slot(env, VALS + i), 8));
  }
  t.stack.push(val === 0 ? 1 : val);
  t.sp = m.read64(slot(env, SP), false);
  target.pc = m.read64(slot(env, PC), false) + 1;
  return CALLED;
}

/** Why the setjmp saved in env cannot be jumped to from this thread, or undefined if it can. */
function inactive(c: Ctx, env: number, depth: number): string | undefined {
  const t = c.t;
  const fp = c.mem.read64(slot(env, FP), false);
  if (depth < 1) return "setjmp never saved (or zeroed since)";
  if (fp < t.stackLo || fp >= t.stackHi) return "saved by another thread (each thread can jump only within its own stack)";
  const target = t.frames[depth - 1];
  if (!target || target.fp !== fp || target.fn !== c.mem.read64(slot(env, FN), false)) {
    return "whose setjmp is not active in this thread (its function returned)";
  }
  return undefined;
}

/**
 * Handler frames jumped over never return: the kernel drops them without sigreturn. A slow
 * call a handler interrupted is never resumed; on Linux it ended with ERESTARTSYS or
 * ERESTARTNOHAND, which reads as -1 EINTR unless SA_RESTART would have restarted it (then
 * nothing): recorded so, at the line of the interrupted call.
 */
function abandonHandlers(c: Ctx, depth: number): void {
  const t = c.t;
  const at = t.frames.map((f, i) => ({ f, i })).filter(({ f, i }) => f.sig && i >= depth);
  if (!at.length) return;
  const dropped = c.k.dropSignalFrames(t.tid, at.length);
  at.forEach(({ i }, j) => {
    const d = dropped[j];
    const m = d?.interrupted && !d.restart ? /^(\w+)\((.*)\)$/.exec(d.interrupted) : null;
    if (!m) return;
    const args = m[2] ? m[2].split(",").map((a) => (/^-?\d+$/.test(a.trim()) ? Number(a) : a.trim())) : [];
    const entry: TraceEntry = { pid: c.p.pid, line: lineBelow(c, i), call: m[1], args, ret: -1, errno: "EINTR" };
    if (t.frames.slice(0, i).some((f) => f.sig)) entry.handler = true;
    if (t.tid !== c.p.pid) entry.tid = t.tid;
    c.m.trace.push(entry);
  });
}

/** The source line the thread was at below frame i: its innermost user frame there. */
function lineBelow(c: Ctx, i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const f = c.t.frames[j];
    const fn = c.p.prog.funcs[f.fn];
    if (fn.user) return fn.code[Math.min(f.pc, fn.code.length - 1)]?.line ?? fn.line;
  }
  return c.t.line;
}

export const setjmps: Builtin[] = [
  { name: "setjmp", fn: (c, a) => save(c, a[0], 1, false) },
  { name: "_setjmp", fn: (c, a) => save(c, a[0], 1, false) },
  { name: "sigsetjmp", fn: (c, a) => save(c, a[0], 2, a[1] !== 0) },
  { name: "longjmp", fn: (c, a) => jump(c, a[0], a[1], "longjmp") },
  { name: "_longjmp", fn: (c, a) => jump(c, a[0], a[1], "_longjmp") },
  { name: "siglongjmp", fn: (c, a) => jump(c, a[0], a[1], "siglongjmp") },
];
