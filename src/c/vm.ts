// The machine that runs compiled C for every modelled process. A process's whole state is
// plain data (memory pages, threads with operand stacks and frames, heap bookkeeping,
// stdio buffers), so fork copies it and nothing is held in JS closures or generators.
// A step runs one thread until its source line changes, it blocks, or it ends.
import { Kernel, SIG, SEEK_CUR, isBlocked, SysResult, ERRNO, errnoName, type SigInfo } from "../kernel/kernel";
import { Fault, STACK_TOP, STACK_SIZE, HEAP_BASE, TEXT_BASE, BUILTIN_BASE, PAGE_SIZE, load, store } from "./memory";
import { Bin, Ins, Op, Program } from "./program";
import { K, convert } from "./types";
import { binop, negate, complement, DivideByZero } from "./arith";
import { Val, toNum } from "./wide";
import { AGAIN, BLOCKED, CALLED, GONE, Builtin, Ctl, Ctx, ONCE_DONE } from "./ctl";
import type { Frame, Thread, UserProc } from "./uproc";
import { StopError, Stream } from "./control";
import { seedRandom } from "./libc/random";
import { DEFAULT_ENV } from "./libc/environ";
import { latin1Bytes } from "../kernel/latin1";
import type { TraceEntry } from "./trace";
import { frameEntered, memoryFault, unsetText, unwrittenPart, watched } from "./sanitizer";
import { SIGINFO_SIZE, siginfoArgs } from "./siginfo";
import { DEFAULT_BUDGET, HARD_FACTOR, INTERRUPT_EVERY, MAX_BYTES_PER_STEP, MAX_CALLS_PER_STEP, overBound, StepInterrupted } from "./stepbounds";
import { actOnCancel, cancelDue } from "./libc/cancel";
import { condWaiting } from "./libc/cond";
import { rwlockFree } from "./libc/rwlock";
import { threadBlock } from "./threadlocal";
import { abortNow } from "./libc/stdlib";
import { writeFailed } from "./libc/stdio";

/** Bytes of each scalar kind (K), for the sanitizer's checks of loads and stores. */
const KSIZE = [1, 1, 2, 2, 4, 4, 8, 8, 4, 8];

/** Written text that may hold a pid (three digits or more): kept in the trace, so that the
 *  fidelity harness can rename the pid and count the write's bytes as renamed. */
const MAYBE_PID = /\d{3}/;

export interface Note {
  pid: number;
  line: number;
  text: string;
}

export type StepMode = "into" | "over" | "out" | "line";

export interface StepResult {
  /** What ended the step; "budget": a bound per step (instructions, system calls, output). */
  reason: "line" | "blocked" | "exited" | "budget" | "gone";
  /** Instructions executed. */
  count: number;
}

export interface MachineOptions {
  /** Instructions one step may run before it stops with a note (infinite loops on one line). */
  stepBudget?: number;
  /** Pages (4 KiB) all processes together may hold; past it the process that grew is
   *  killed (SIGKILL), as Linux's OOM killer would. Keeps the model's own memory bounded. */
  maxPages?: number;
  /** Bytes of heap one process may reserve; past it malloc returns NULL with ENOMEM (as under ulimit -v). */
  maxHeap?: number;
  /** Programs exec can load by name (other examples), and built-in commands. */
  loadProgram?: (name: string) => Program | undefined;
  /** Files next to the program, copied into the model's file system at their first open. */
  readFile?: (path: string) => string | Uint8Array | undefined;
  /** Asked every INTERRUPT_EVERY instructions of a step: true abandons the step halfway
   *  with a StepInterrupted (the learner's Stop during one long line). */
  interrupted?: () => boolean;
}

const DEFAULT_MAX_PAGES = 65536; // 256 MiB of model memory
const DEFAULT_MAX_HEAP = 64 << 20;
const STACK_GAP = 0x1000000;

export class Machine {
  readonly procs = new Map<number, UserProc>();
  readonly trace: TraceEntry[] = [];
  readonly notes: Note[] = [];
  /** Bytes all processes wrote to descriptor 1, in order (for run --json). */
  readonly options: Required<Omit<MachineOptions, "loadProgram" | "readFile" | "interrupted">> & MachineOptions;
  private stopAtNextLine = false;
  /** Pages all processes hold (each process's part is its UserProc.counted). */
  pagesInUse = 0;
  /** Bounds already explained (each kind once per run, not once per failure or process). */
  private noted = new Set<string>();
  /** Steps in a row, of any thread, that ended on a bound (a run stops at STUCK_STEPS). */
  boundedInARow = 0;
  /** The step in progress: system calls and bytes written so far. */
  private stepCalls = 0;
  private stepBytes = 0;
  /** Set by a step that ended on a bound: the thread, its line and how many such steps in a row. */
  lastBound?: { tid: number; line: number; steps: number; what: string; text: string };
  /** Bytes all write calls have written so far (a session drains output by it). */
  written = 0;
  /** Processes a Scenario started besides the program (a server its client needs), and
   *  their children: their output is not the program's. */
  readonly outside = new Set<number>();
  /** Paths already looked up through options.readFile (each only once: an unlinked file stays gone). */
  private seeded = new Set<string>();

  constructor(readonly kernel: Kernel, options: MachineOptions = {}) {
    this.options = { ...options, stepBudget: options.stepBudget ?? DEFAULT_BUDGET, maxPages: options.maxPages ?? DEFAULT_MAX_PAGES, maxHeap: options.maxHeap ?? DEFAULT_MAX_HEAP };
  }

  /** Before an open: a path the model's file system lacks comes from the host's folder, once. */
  seed(path: string): void {
    if (this.seeded.has(path) || !this.options.readFile) return;
    this.seeded.add(path);
    if (this.kernel.readFile(path) !== undefined) return;
    const data = this.options.readFile(path);
    if (data !== undefined) this.kernel.writeFile(path, data);
  }

  // ---------------------------------------------------------------- processes

  /** Load a program into process `pid` (a fresh spawn or an exec), ready at main. */
  load(pid: number, prog: Program, argv: string[], env: string[] = DEFAULT_ENV): UserProc {
    const mem = prog.image.clone();
    mem.map(HEAP_BASE, HEAP_BASE, "the heap");
    const p: UserProc = {
      pid, prog, mem, threads: [], heap: { brk: HEAP_BASE, blocks: {}, free: [], born: {}, dead: {}, starts: [] }, streams: {}, nextStack: 0, mutexes: {}, conds: {}, finished: {}, strtok: 0, rand: seedRandom(1), statics: {}, argv, atexit: [], env, counted: 0,
    };
    // exec: the old image's pages go.
    const old = this.procs.get(pid);
    if (old) this.pagesInUse -= old.counted;
    for (const [addr, fd] of [[prog.stdin, 0], [prog.stdout, 1], [prog.stderr, 2]]) {
      p.streams[addr] = { fd, mode: fd === 2 ? "unbuffered" : "unset", out: "", in: "", eof: false, err: false, write: fd !== 0, read: fd === 0 };
    }
    const t = this.newThread(p, pid);
    // argv strings and the argv array at the top of the main stack.
    let sp = t.sp;
    const ptrs: number[] = [];
    for (const a of argv) {
      sp -= a.length + 1;
      mem.writeString(sp, a);
      ptrs.push(sp);
    }
    sp = Math.floor(sp / 16) * 16 - (argv.length + 1) * 8;
    sp = Math.floor(sp / 16) * 16;
    ptrs.forEach((a, i) => mem.write64(sp + i * 8, a));
    mem.write64(sp + argv.length * 8, 0);
    t.sp = sp - 16;
    const main = prog.funcIndex.get("main");
    const start = prog.funcIndex.get("_start")!;
    t.frames.push({ fn: start, pc: 0, fp: t.sp, callerSp: t.sp, base: 0 });
    t.stack.push(argv.length, sp);
    if (main === undefined) this.note(p, 0, "the program has no main function");
    t.line = main !== undefined && prog.funcs[main].user ? prog.funcs[main].line : 0;
    this.procs.set(pid, p);
    this.account(p);
    return p;
  }

  newThread(p: UserProc, tid: number): Thread {
    const hi = STACK_TOP - p.nextStack * STACK_GAP;
    const lo = hi - STACK_SIZE;
    p.nextStack++;
    p.mem.map(lo, hi, p.threads.length ? `the stack of thread ${tid}` : "the stack");
    const t: Thread = { tid, stack: [], frames: [], sp: hi - 64, stackLo: lo, stackHi: hi, errnoAddr: hi - 16, line: 0 };
    const tls = p.threads.length ? threadBlock(p, t.sp) : undefined;
    if (tls !== undefined) { t.tls = tls; t.sp = tls; }
    p.threads.push(t);
    return t;
  }

  /** fork: the child gets a copy of everything, with only the calling thread. */
  cloneProc(parent: UserProc, t: Thread, childPid: number): { proc: UserProc; thread: Thread } {
    const mem = parent.mem.clone();
    const copyThread: Thread = {
      ...t, tid: childPid, stack: t.stack.slice(), frames: t.frames.map((f) => ({ ...f, sig: f.sig ? { ...f.sig } : undefined })),
      sys: undefined, blockedOn: undefined, stuck: t.stuck ? { ...t.stuck } : undefined,
      cancel: t.cancel ? { ...t.cancel } : undefined,
    };
    const streams: Record<number, Stream> = {};
    for (const [a, s] of Object.entries(parent.streams)) streams[+a] = { ...s };
    const proc: UserProc = {
      pid: childPid, prog: parent.prog, mem, threads: [copyThread], heap: { brk: parent.heap.brk, blocks: { ...parent.heap.blocks }, free: parent.heap.free.map((f) => [f[0], f[1]] as [number, number]),
        born: { ...parent.heap.born }, dead: { ...parent.heap.dead }, starts: parent.heap.starts.slice() },
      streams, nextStack: parent.nextStack, mutexes: { ...parent.mutexes }, conds: {}, finished: {}, strtok: parent.strtok, rand: parent.rand.slice(), statics: { ...parent.statics }, argv: parent.argv, atexit: parent.atexit.slice(), env: parent.env.slice(),
      counted: 0,
    };
    this.account(proc);
    // Only the calling thread survives: other threads' stacks stay mapped but unused.
    this.procs.set(childPid, proc);
    if (this.outside.has(parent.pid)) this.outside.add(childPid);
    return { proc, thread: copyThread };
  }

  thread(tid: number): { proc: UserProc; thread: Thread } | undefined {
    const pid = this.kernel.task(tid)?.pid ?? tid;
    const p = this.procs.get(pid);
    const t = p?.threads.find((x) => x.tid === tid);
    return p && t ? { proc: p, thread: t } : undefined;
  }

  /** Forget processes and threads the kernel has ended (exit, a signal, exec, thread exit):
   *  only those the kernel names, so the cost does not grow with the number of processes. */
  reap(): void {
    for (const pid of this.kernel.takeGone()) {
      const p = this.procs.get(pid);
      if (!p) continue;
      const info = this.kernel.task(pid);
      p.threads = p.threads.filter((t) => { const ti = this.kernel.task(t.tid); return ti && ti.state !== "zombie"; });
      // The main thread may end first (pthread_exit in main): the process lives while any thread does.
      if (info?.state === "zombie" || p.threads.length === 0) {
        this.pagesInUse -= p.counted;
        this.procs.delete(pid);
      }
    }
  }

  /** Bring p's part of pagesInUse up to date (its memory grew or shrank). */
  private account(p: UserProc): void {
    const n = p.mem.pageCount();
    this.pagesInUse += n - p.counted;
    p.counted = n;
  }

  /** Explain a bound once per run (every later hit is the same story); `text` is only built then. */
  limitNote(p: UserProc, t: Thread, kind: string, text: () => string): void {
    if (this.noted.has(kind)) return;
    this.noted.add(kind);
    this.note(p, this.userLine(p, t), text());
  }

  note(p: UserProc | number, line: number, text: string): void {
    this.notes.push({ pid: typeof p === "number" ? p : p.pid, line, text });
  }

  /** The current source line of a thread: its innermost frame in user code. */
  userLine(p: UserProc, t: Thread): number {
    for (let i = t.frames.length - 1; i >= 0; i--) {
      const f = t.frames[i];
      const fn = p.prog.funcs[f.fn];
      if (fn.user) {
        const ins = fn.code[Math.min(f.pc, fn.code.length - 1)];
        return ins ? ins.line : fn.line;
      }
    }
    return t.line;
  }

  // ---------------------------------------------------------------- signals

  /** Run a pending signal's user handler: push its frame on the thread. */
  deliverSignals(p: UserProc, t: Thread): boolean {
    const d = this.kernel.takeSignal(t.tid);
    if (!d) return false;
    const idx = p.prog.funcIndex.get(d.handler);
    if (idx === undefined) {
      this.note(p, this.userLine(p, t), `signal handler '${d.handler}' is not a function of this program`);
      this.kernel.sigreturn(t.tid, d.savedMask);
      return false;
    }
    this.pushFrame(p, t, idx, [d.signo], { savedMask: d.savedMask, sys: t.sys, signo: d.signo }, 0, d.info);
    t.sys = undefined;
    t.blockedOn = undefined;
    return true;
  }

  /**
   * Where Linux delivers a pending signal in the middle of a step: on the way back to user
   * mode from a call (also one that was about to sleep: it is interrupted instead), and on
   * the return from a handler. The handler's first line ends the step, as at a step's start.
   */
  private deliverNow(p: UserProc, t: Thread): boolean {
    if (t.wait || !this.kernel.signalWaiting(t.tid) || !this.deliverSignals(p, t)) return false;
    this.stopAtNextLine = true;
    return true;
  }

  /** Call a user function from a builtin (atexit): the builtin's instruction runs again after it returns. */
  callFromLibrary(p: UserProc, t: Thread, addr: number, args: number[]): void {
    const idx = (addr - TEXT_BASE) / 16;
    if (!Number.isInteger(idx) || idx < 0 || idx >= p.prog.funcs.length) throw new Fault(addr, `a call through a function pointer whose value 0x${addr.toString(16)} is not a function`);
    this.pushFrame(p, t, idx, args);
    t.frames[t.frames.length - 1].noResult = true;
  }

  /** `info`: a SA_SIGINFO handler's (siginfo.ts). */
  private pushFrame(p: UserProc, t: Thread, fnIndex: number, args: Val[], sig?: Frame["sig"], doubles = 0, info?: SigInfo): void {
    const fn = p.prog.funcs[fnIndex];
    let top = t.sp;
    let va: number | undefined;
    if (fn.variadic) {
      // The extra arguments go in memory above the frame, as va_arg reads them: 8 bytes
      // each, doubles as doubles (the call's mask says which), integers sign-extended.
      const extra = args.slice(fn.params.length);
      top = va = Math.floor((t.sp - extra.length * 8) / 16) * 16;
      extra.forEach((v, i) => {
        if (doubles & (1 << (fn.params.length + i))) p.mem.writeF(va! + i * 8, 8, toNum(v));
        else p.mem.write64(va! + i * 8, v);
      });
    }
    const fp = Math.floor((top - fn.frameSize - (sig ? SIGINFO_SIZE : 0)) / 16) * 16;
    if (fp < t.stackLo) throw new Fault(fp, `stack overflow calling ${fn.name}: the stack's ${STACK_SIZE / 1024} KiB are used up (runaway recursion?)`);
    if (sig && info) args = siginfoArgs(p.mem, fp + fn.frameSize, sig.signo, info);
    for (let i = 0; i < fn.params.length; i++) {
      const prm = fn.params[i];
      const v = args[i] ?? 0;
      if (prm.copy) p.mem.writeBytes(fp + prm.offset, p.mem.readBytes(toNum(v), prm.copy));
      else store(p.mem, prm.kind, fp + prm.offset, v);
    }
    t.frames.push({ fn: fnIndex, pc: 0, fp, callerSp: t.sp, base: t.stack.length, sig, va, init: 0 });
    t.sp = fp;
    frameEntered(p.mem, fn, fp, top);
  }

  // ---------------------------------------------------------------- stepping

  /**
   * Run thread `tid` for one step. "into": until a line of user code other than the
   * current one starts (entering a call counts); "over": calls on this line run to
   * completion; "out": until the current user function returns.
   */
  step(tid: number, mode: StepMode = "into"): StepResult {
    const found = this.thread(tid);
    if (!found) return { reason: "gone", count: 0 };
    const { proc: p, thread: t } = found;
    this.stepCalls = 0;
    this.stepBytes = 0;
    this.lastBound = undefined;
    let r: StepResult;
    try {
      if (this.deliverSignals(p, t)) {
        this.stopAtNextLine = true;
      }
      // Asynchronous cancellation acts wherever the thread is.
      if (t.cancel?.async && cancelDue(t)) {
        actOnCancel(this.ctx(p, t));
        r = this.gone(p, t);
      } else r = this.run(p, t, mode);
    } catch (e) {
      // Not the program's fault: the step is abandoned, for the owner to rebuild.
      if (e instanceof StepInterrupted) throw e;
      r = this.crash(p, t, e);
    } finally {
      this.stopAtNextLine = false;
    }
    if (this.procs.get(p.pid) === p) {
      this.account(p);
      if (this.pagesInUse > this.options.maxPages) this.oomKill(p, t);
    }
    this.boundedInARow = r.reason === "budget" ? this.boundedInARow + 1 : 0;
    return r;
  }

  /** The processes together hold more pages than the model allows: kill the one that grew. */
  private oomKill(p: UserProc, t: Thread): void {
    const mib = (this.options.maxPages * PAGE_SIZE) >> 20;
    this.note(p, this.userLine(p, t), `out of memory: the model's processes together use more than ${mib} MiB; like Linux's OOM killer, the model kills pid ${p.pid} (the process that grew) with SIGKILL`);
    this.kernel.externalKill(p.pid, SIG.SIGKILL);
    this.reap();
  }

  /** An access of n bytes at a: a sanitizer's note when it leaves its object, a heap block or
   *  a named array (sanitizer.ts); once per kind of error and line. `what`: "reads", "writes",
   *  "updates", or a library call's ("reads a string of 9 bytes", "strcpy writes"). */
  memAccess(p: UserProc, t: Thread, a: number, n: number, what: string): void {
    const fault = memoryFault(p, t, a, n);
    if (!fault) return;
    const line = this.userLine(p, t);
    this.limitNote(p, t, `${fault.kind}:${line}`, () =>
      `${fault.kind}: line ${line} ${what}${/bytes$/.test(what) ? "" : ` ${n} byte${n === 1 ? "" : "s"}`} at 0x${a.toString(16)}, ${fault.text}`);
  }

  /** A local declared without a value (`v`: a scalar's slot, or the part of one none of
   *  whose bytes was written, unwrittenPart) is read before any write: told once per
   *  variable and line. C leaves the value indeterminate; the model reads what the stack holds. */
  private unsetRead(p: UserProc, t: Thread, v: { name: string; line: number } | undefined, what: string): void {
    if (!v) return;
    const line = this.userLine(p, t);
    this.limitNote(p, t, `use-of-uninitialized-value:${line}:${v.name}:${v.line}`, () => unsetText(line, what, v));
  }

  /** The step ran into a per-step bound at the current line: say so once, and stop the step here. */
  private bound(p: UserProc, t: Thread, what: string, count: number): StepResult {
    const line = this.userLine(p, t);
    const text = `line ${line} is still running after ${what}; a loop on one line? Step again to go on`;
    if (t.stuck?.line !== line) {
      t.stuck = { line, steps: 0 };
      // Once per line and run: forked copies stuck on the same line tell the same story.
      this.limitNote(p, t, `line ${line}`, () => text);
    }
    t.stuck.steps++;
    this.lastBound = { tid: t.tid, line, steps: t.stuck.steps, what, text };
    return { reason: "budget", count };
  }

  private crash(p: UserProc, t: Thread, e: unknown): StepResult {
    const line = this.userLine(p, t);
    let signo: number;
    if (e instanceof Fault) {
      signo = SIG.SIGSEGV;
      this.note(p, line, `SIGSEGV: line ${line} accessed ${e.why}. Linux would kill the process with "Segmentation fault".`);
    } else if (e instanceof DivideByZero) {
      signo = SIG.SIGFPE;
      this.note(p, line, `SIGFPE: line ${line} divided an integer by zero.`);
    } else if (e instanceof StopError) {
      this.note(p, line, e.message);
      this.kernel.exit(t.tid, 1);
      this.reap();
      return { reason: "exited", count: 0 };
    } else {
      const msg = e instanceof Error ? e.message : String(e);
      this.note(p, line, `internal error in the stepper at line ${line}: ${msg}`);
      this.kernel.exit(t.tid, 1);
      this.reap();
      return { reason: "exited", count: 0 };
    }
    this.kernel.tgkill(t.tid, t.tid, signo);
    // The default action ends the process; a handler (rare) would rerun the access forever.
    if (this.kernel.task(t.tid)?.state !== "zombie" && this.kernel.task(t.tid)) this.kernel.exit(t.tid, 128 + signo);
    this.reap();
    return { reason: "exited", count: 0 };
  }

  private run(p: UserProc, t: Thread, mode: StepMode): StepResult {
    const funcs = p.prog.funcs;
    const mem = p.mem;
    const st = t.stack;
    const startDepth = t.frames.length;
    const startLine = this.userLine(p, t);
    let count = 0;
    const budget = this.options.stepBudget;
    const interrupted = this.options.interrupted;
    // A count to reach, not a mask on the count: LINE instructions count too and are not
    // checked, so a loop could step over every multiple of a mask.
    let nextCheck = interrupted ? INTERRUPT_EVERY : Infinity;
    let f = t.frames[t.frames.length - 1];
    let fn = funcs[f.fn];
    let code: Ins[] = fn.code;
    for (;;) {
      const ins = code[f.pc];
      if (ins.op === Op.LINE) {
        if (fn.user && (count > 0 || this.stopAtNextLine)) {
          const depth = t.frames.length;
          let stop: boolean;
          if (this.stopAtNextLine) stop = true;
          else if (mode === "over") stop = depth < startDepth || (depth === startDepth && ins.a !== startLine);
          else if (mode === "out") stop = depth < startDepth;
          else stop = depth !== startDepth || ins.a !== startLine;
          if (stop) { t.line = ins.a; t.stuck = undefined; return { reason: "line", count }; }
          // The same line again (a loop on one line): stop if this step already did a lot.
          if (this.stepCalls > MAX_CALLS_PER_STEP || this.stepBytes > MAX_BYTES_PER_STEP) return this.bound(p, t, overBound(this.stepCalls, this.stepBytes, 1)!, count);
        }
        f.pc++;
        count++;
        continue;
      }
      if (++count > budget) return this.bound(p, t, `${budget.toLocaleString("en")} instructions`, count);
      if (count >= nextCheck) {
        nextCheck = count + INTERRUPT_EVERY;
        if (interrupted!()) throw new StepInterrupted();
      }
      switch (ins.op) {
        case Op.PUSH: st.push(ins.a); f.pc++; break;
        case Op.LOCAL: st.push(f.fp + ins.a); f.pc++; break;
        case Op.LOAD: {
          // c > 0: a local declared without a value, whose reads are told until its first write.
          if (ins.c !== 0 && (f.init! & (1 << (ins.c - 1))) === 0) this.unsetRead(p, t, fn.unset![ins.c - 1], "reads");
          const a = toNum(st.pop()!);
          if (watched(p, f, fn, a, KSIZE[ins.a])) this.memAccess(p, t, a, KSIZE[ins.a], "reads");
          if (mem.shadow?.near(a, KSIZE[ins.a]) && fn.user) this.unsetRead(p, t, unwrittenPart(mem.shadow, a, KSIZE[ins.a]), "reads");
          st.push(load(mem, ins.a, a));
          f.pc++;
          break;
        }
        case Op.STORE: {
          if (ins.c !== 0) f.init = f.init! | (1 << (ins.c - 1));
          const v = st.pop()!;
          const a = toNum(st.pop()!);
          if (watched(p, f, fn, a, KSIZE[ins.a])) this.memAccess(p, t, a, KSIZE[ins.a], "writes");
          store(mem, ins.a, a, v);
          st.push(v);
          f.pc++;
          break;
        }
        case Op.INCDEC: {
          const slot = (ins.c >> 1) - 1;
          if (slot >= 0 && (f.init! & (1 << slot)) === 0) this.unsetRead(p, t, fn.unset![slot], "updates");
          if (slot >= 0) f.init = f.init! | (1 << slot);
          const a = toNum(st.pop()!);
          if (watched(p, f, fn, a, KSIZE[ins.a])) this.memAccess(p, t, a, KSIZE[ins.a], "updates");
          if (mem.shadow?.near(a, KSIZE[ins.a]) && fn.user) this.unsetRead(p, t, unwrittenPart(mem.shadow, a, KSIZE[ins.a]), "updates");
          const old = load(mem, ins.a, a);
          const nv = ins.a >= K.F32 ? binop(Bin.ADD, ins.a, old, ins.b) : ins.a >= K.I64 ? binop(Bin.ADD, ins.a, old, ins.b) : convert((old as number) + ins.b, ins.a, ins.a);
          store(mem, ins.a, a, nv);
          st.push(ins.c & 1 ? old : nv);
          f.pc++;
          break;
        }
        case Op.DUP: st.push(st[st.length - 1]); f.pc++; break;
        case Op.POP: st.pop(); f.pc++; break;
        case Op.SWAP: { const b = st.pop()!, a = st.pop()!; st.push(b, a); f.pc++; break; }
        case Op.BIN: { const b = st.pop()!, a = st.pop()!; st.push(binop(ins.a, ins.b, a, b)); f.pc++; break; }
        case Op.NEG: st.push(negate(st.pop()!, ins.b)); f.pc++; break;
        case Op.BNOT: st.push(complement(st.pop()!, ins.b)); f.pc++; break;
        case Op.LNOT: st.push(st.pop() ? 0 : 1); f.pc++; break;
        case Op.CONV: st.push(convert(st.pop()!, ins.a, ins.b)); f.pc++; break;
        case Op.JMP: f.pc = ins.a; break;
        case Op.JZ: f.pc = st.pop() ? f.pc + 1 : ins.a; break;
        case Op.JNZ: f.pc = st.pop() ? ins.a : f.pc + 1; break;
        case Op.CALL:
        case Op.CALLI: {
          let idx = ins.a;
          const n = ins.b;
          const args = st.splice(st.length - n, n);
          if (ins.op === Op.CALLI) {
            const addr = toNum(st.pop()!);
            if (addr >= BUILTIN_BASE && addr < BUILTIN_BASE + p.prog.builtins.length * 16 && (addr - BUILTIN_BASE) % 16 === 0) {
              // A built-in called through a pointer: run it as if called directly.
              st.push(...args);
              const r = this.builtin(p, t, p.prog.builtins[(addr - BUILTIN_BASE) / 16], n, ins);
              if (r !== undefined) return r;
              f = t.frames[t.frames.length - 1]; fn = funcs[f.fn]; code = fn.code;
              break;
            }
            idx = (addr - TEXT_BASE) / 16;
            if (!Number.isInteger(idx) || idx < 0 || idx >= funcs.length) throw new Fault(addr, `a call through a function pointer whose value 0x${addr.toString(16)} is not a function`);
          }
          f.pc++;
          this.pushFrame(p, t, idx, args, undefined, ins.c);
          f = t.frames[t.frames.length - 1]; fn = funcs[f.fn]; code = fn.code;
          if (t.frames.length > 1_000_000) throw new Fault(t.sp, "stack overflow");
          break;
        }
        case Op.RET: {
          const v = st.pop()!;
          const done = t.frames.pop()!;
          if (fn.shadowed) mem.shadow?.untrack(done.fp, done.fp + fn.frameSize);
          st.length = done.base;
          t.sp = done.callerSp;
          if (done.sig) {
            this.kernel.sigreturn(t.tid, done.sig.savedMask);
            t.sys = done.sig.sys;
            this.deliverNow(p, t);
          } else if (!done.noResult) st.push(v);
          if (t.frames.length === 0) return { reason: "exited", count };
          f = t.frames[t.frames.length - 1]; fn = funcs[f.fn]; code = fn.code;
          break;
        }
        case Op.MEMCPY: {
          const src = toNum(st.pop()!);
          const dst = toNum(st.pop()!);
          // A struct copy wider than a red zone: both ends do not tell, the whole range is looked at.
          if (ins.a > 16 || watched(p, f, fn, src, ins.a)) this.memAccess(p, t, src, ins.a, "reads");
          if (ins.a > 16 || watched(p, f, fn, dst, ins.a)) this.memAccess(p, t, dst, ins.a, "writes");
          mem.writeBytes(dst, mem.readBytes(src, ins.a));
          st.push(dst);
          f.pc++;
          break;
        }
        case Op.ZERO: mem.fill(toNum(st.pop()!), 0, ins.a); f.pc++; break;
        case Op.ERRNO: st.push(t.errnoAddr); f.pc++; break;
        case Op.TLS: st.push(t.tls === undefined ? ins.b : t.tls + ins.a); f.pc++; break;
        case Op.BUILTIN: {
          const r = this.builtin(p, t, p.prog.builtins[ins.a], ins.b, ins);
          if (r !== undefined) return { ...r, count };
          if (this.stepCalls > MAX_CALLS_PER_STEP * HARD_FACTOR || this.stepBytes > MAX_BYTES_PER_STEP * HARD_FACTOR) return this.bound(p, t, overBound(this.stepCalls, this.stepBytes, HARD_FACTOR)!, count);
          f = t.frames[t.frames.length - 1]; fn = funcs[f.fn]; code = fn.code;
          break;
        }
        case Op.REVERSE: { const top = st.splice(st.length - ins.a, ins.a).reverse(); for (const v of top) st.push(v); f.pc++; break; }
        case Op.UNSUPPORTED: {
          const d = p.prog.unsupported[ins.a];
          throw new StopError(`line ${d.line}, column ${d.column}: ${d.message} (the stepper cannot run this; the process stops here)`);
        }
        default:
          throw new Error(`bad instruction ${Op[ins.op]}`);
      }
    }
  }

  /** Run a builtin whose n arguments are on the stack. Returns a StepResult when the step ends. */
  private builtin(p: UserProc, t: Thread, b: Builtin, n: number, ins: Ins): StepResult | undefined {
    const st = t.stack;
    const f = t.frames[t.frames.length - 1];
    let r: Val | Ctl;
    if (t.sys) r = this.drain(p, t);
    else if (b.cancel && cancelDue(t)) r = actOnCancel(this.ctx(p, t));
    else r = AGAIN;
    // A builtin that had output written first (AGAIN) starts over; the second run has
    // nothing left to flush, so this ends.
    for (let runs = 0; r === AGAIN && runs < 8; runs++) {
      const exact = st.slice(st.length - n);
      // Builtins take numbers; a 64-bit argument beyond 2^53 is also handed over exactly.
      let args = exact as number[];
      let wide: Val[] | undefined;
      for (const v of exact) if (typeof v === "bigint") { wide = exact; args = exact.map(toNum); break; }
      r = b.fn(this.ctx(p, t, wide), args);
      if (r !== BLOCKED && r !== GONE && t.sys) r = this.drain(p, t);
    }
    if (r === AGAIN) throw new Error(`${b.name} asked to run again too often`);
    if (r === BLOCKED) return this.deliverNow(p, t) ? undefined : { reason: "blocked", count: 0 };
    if (r === CALLED) return undefined;
    if (r === GONE) return this.gone(p, t);
    t.blockedOn = undefined;
    st.length -= n;
    st.push(r);
    f.pc++;
    void ins;
    // A process that stopped itself (raise(SIGSTOP), kill(0, SIGTSTP)) runs nothing more
    // until a SIGCONT: the step ends here, as when it blocks.
    if (this.kernel.stopped(t.tid)) return { reason: "blocked", count: 0 };
    this.deliverNow(p, t);
    return undefined;
  }

  /** A builtin ended the thread or its process (or exec replaced it). */
  private gone(p: UserProc, t: Thread): StepResult {
    this.reap();
    return { reason: this.procs.has(p.pid) && p.threads.includes(t) ? "line" : "exited", count: 0 };
  }

  /** Write out a builtin's pending output; then complete it (or exit). */
  private drain(p: UserProc, t: Thread): number | Ctl {
    const sys = t.sys!;
    while (sys.writes.length) {
      const w = sys.writes[0];
      const r = this.kernel.write(t.tid, w.fd, latin1Bytes(w.data));
      if (isBlocked(r)) { t.blockedOn = r.blocked; return BLOCKED; }
      this.record(p, t, "write", [w.fd, w.data.length], r, w.data);
      if (!this.alive(t.tid)) return GONE;
      if (r.ret < 0) { sys.writes.shift(); writeFailed(p.streams, sys, w.stream); continue; }
      if (r.ret < w.data.length) w.data = w.data.slice(r.ret);
      else sys.writes.shift();
    }
    t.sys = undefined;
    for (const u of sys.unread ?? []) this.record(p, t, "lseek", [u.fd, u.back, SEEK_CUR], this.kernel.lseek(t.tid, u.fd, u.back, SEEK_CUR));
    if (sys.closeFd !== undefined) this.record(p, t, "close", [sys.closeFd], this.kernel.close(t.tid, sys.closeFd));
    if (sys.exit !== undefined) {
      this.record(p, t, "exit", [sys.exit], { ret: 0 });
      this.kernel.exit(t.tid, sys.exit);
      return GONE;
    }
    if (sys.abort) return abortNow(this.ctx(p, t));
    return sys.again ? AGAIN : sys.ret;
  }

  /** Whether a library wait (join, mutex, pthread_once) of this thread can end now. */
  ready(tid: number): boolean {
    const found = this.thread(tid);
    if (!found) return false;
    const w = found.thread.wait;
    if (!w) return true;
    const p = found.proc;
    if (w.kind === "join") return w.on in p.finished || !p.threads.some((x) => x.tid === w.on) || cancelDue(found.thread);
    if (w.kind === "mutex") return !p.mutexes[w.on];
    if (w.kind === "cond") return !condWaiting(p.conds, w.on, tid) || (w.deadline !== undefined && this.kernel.now() >= w.deadline);
    if (w.kind === "rdlock" || w.kind === "wrlock") return rwlockFree(p.mem, w.on, w.kind === "wrlock");
    return p.mem.readU(w.on, 4) === ONCE_DONE;
  }

  /** The earliest deadline of a library wait (pthread_cond_timedwait) still ahead of the
   *  kernel's clock: the session moves time there when nothing else can run, as to a sleep's end. */
  nextDeadline(): number | undefined {
    const now = this.kernel.now();
    let next: number | undefined;
    for (const p of this.procs.values()) {
      for (const t of p.threads) {
        const due = t.wait?.deadline;
        if (due !== undefined && due > now && (next === undefined || due < next)) next = due;
      }
    }
    return next;
  }

  alive(tid: number): boolean {
    const ti = this.kernel.task(tid);
    return !!ti && ti.state !== "zombie";
  }

  ctx(p: UserProc, t: Thread, wide?: Val[]): Ctx {
    return { m: this, p, t, k: this.kernel, mem: p.mem, wide };
  }

  /** Record a completed system call in the trace and set errno; returns ret. */
  record(p: UserProc, t: Thread, call: string, args: Array<number | string>, r: SysResult, data?: string): number {
    if (isBlocked(r)) return -1;
    const entry: TraceEntry = { pid: p.pid, line: this.userLine(p, t), call, args, ret: r.ret };
    if (data !== undefined && MAYBE_PID.test(data)) entry.text = data;
    if (r.errno) entry.errno = r.errno;
    if (r.buf !== undefined) { entry.buf = r.buf; entry.bufLen = r.bufLen; }
    if (r.status !== undefined && r.ret > 0) entry.status = r.status;
    if (t.frames.some((f) => f.sig)) entry.handler = true;
    if (!t.frames.some((f) => p.prog.funcs[f.fn].user)) entry.unplaced = true;
    if (t.tid !== p.pid) entry.tid = t.tid;
    this.trace.push(entry);
    this.stepCalls++;
    if ((call === "write" || call === "writev") && r.ret > 0) {
      this.stepBytes += r.ret;
      this.written += r.ret;
    }
    if (r.ret === -1 && r.errno) p.mem.writeU(t.errnoAddr, 4, ERRNO[r.errno] ?? 0);
    return r.ret;
  }

  errnoOf(t: Thread, p: UserProc): string {
    const n = p.mem.readU(t.errnoAddr, 4);
    return errnoName(n) ?? String(n);
  }
}
