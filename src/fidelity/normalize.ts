// Reduce a traced Linux run to the normalised form (normal.ts): keep what the program's own
// lines asked for, drop the loader, libc start-up and getaddrinfo's private descriptors,
// settle interrupted calls (restarted ones vanish, EINTR stays), name processes by fork order.

import { readFileSync } from "node:fs";
import { signo } from "../kernel/signum";
import { canonicalCall, COMPARED_CALLS, comparedArgs, exitCode, isNoisy, RETURNS_PID, SIGNAL_ARG, signalName, howOf, waitOptions } from "./calls";
import { handlerLines, handlerNames, statementLines } from "./functions";
import { childName, threadName, renamePidsInText, renameShm, renameWrite, maskMeasuredTimes, renameHostname, type NormEntry, type NormProc, type NormTrace, type ProcEnd } from "./normal";
import type { LinuxRun } from "./realrun";
import { decodeString, type SignalEvent, type StraceEvent, type SyscallEvent } from "./strace";
import type { Site } from "./symbolize";
import { HOSTNAME } from "../c/libc/hostname";

/** A call with raw pids, before processes get their names. */
interface RawEntry extends NormEntry {
  /** Child pid for fork, reaped pid for waitpid, target pid for kill... renamed later. */
  pidRet?: number;
  pidArg?: { index: number; pid: number };
}

interface RawProc {
  pid: number;
  entries: RawEntry[];
  end: ProcEnd;
  forks: number[];
  /** Threads it created, in order. */
  threads: number[];
  /** It ended by exit(2): a thread that returned or called pthread_exit. */
  threadExit: boolean;
  stdout: string;
  stderr: string;
}

/** Descriptors that still lead to the program's original stdout and stderr (dup2 can move them). */
interface Outputs {
  out: Set<number>;
  err: Set<number>;
}

/** Follow one call's effect on which descriptors reach the original stdout/stderr. */
function trackOutputs(o: Outputs, e: Pick<NormEntry, "call" | "args" | "ret">): void {
  const ret = typeof e.ret === "number" ? e.ret : -1;
  if (ret < 0 && e.call !== "close") return;
  const fd0 = typeof e.args[0] === "number" ? e.args[0] : -1;
  for (const set of [o.out, o.err]) {
    if (e.call === "close") set.delete(fd0);
    else if (e.call === "dup") { if (set.has(fd0)) set.add(ret); else set.delete(ret); }
    else if (e.call === "dup2") {
      const to = typeof e.args[1] === "number" ? e.args[1] : -1;
      if (to !== fd0) { if (set.has(fd0)) set.add(to); else set.delete(to); }
    } else if (e.call === "pipe" || e.call === "socketpair") { set.delete(Number(e.args[0])); set.delete(Number(e.args[1])); }
    else if (["open", "socket", "accept"].includes(e.call)) set.delete(ret);
  }
}

/**
 * The same from strace's own text, for the calls the comparison leaves out: fcntl's
 * F_DUPFD (its compared entry has no arguments), and every descriptor change of an exec'd
 * command (dash saves stdout with F_DUPFD and dup2s a file onto 1 while its own echo
 * writes: those bytes go to the file, not to the program's stdout).
 */
function trackRawOutputs(o: Outputs, e: SyscallEvent): void {
  if (typeof e.ret !== "number") return;
  const fds = e.args.map((a) => (/^-?\d+$/.test(a) ? Number(a) : -1));
  if (e.name === "fcntl") {
    if (/^F_DUPFD/.test(e.args[1] ?? "")) trackOutputs(o, { call: "dup", args: [fds[0]], ret: e.ret });
    return;
  }
  const call = canonicalCall(e.name);
  if (call === "open") trackOutputs(o, { call, args: [], ret: e.ret });
  else if (["close", "dup", "dup2"].includes(call)) trackOutputs(o, { call, args: fds, ret: e.ret });
}

type Disposition = "default" | "ignore" | { restart: boolean };

/** A call ran inside a signal handler: on one of its lines, or with it on the stack. */
interface HandlerTest {
  lines: Set<number>;
  names: Set<string>;
  /** line -> first line of its statement (the model's line for it). */
  statements: Map<number, number>;
}

/**
 * The main program's tree is P1, P1.1...; each of the Scenario's programs (a server started
 * first, traced on its own) is a tree of its own named S1, S1.1... (S2 for the second).
 */
export function normalizeLinux(run: LinuxRun): NormTrace {
  const trace = normalizeTree(run, "P1");
  (run.programs ?? []).forEach((p, i) => {
    trace.procs.push(...normalizeTree({ ...run, ...p, programs: [] }, `S${i + 1}`).procs);
  });
  return trace;
}

function normalizeTree(run: LinuxRun, root: string): NormTrace {
  const source = run.compiled.source;
  const text = readFileSync(source, "utf8");
  const inHandler: HandlerTest = { lines: handlerLines(text), names: handlerNames(text), statements: statementLines(text) };
  const raws = new Map<number, RawProc>();
  // Dispositions are inherited at fork: walk parents before children.
  const inherited = new Map<number, ProcStart>();
  const order = [run.mainPid];
  // Threads share their process's dispositions and descriptor table: the same state object.
  const owner = new Map<number, number>();
  for (let i = 0; i < order.length; i++) {
    const pid = order[i];
    const events = run.procs.get(pid) ?? [];
    const start = inherited.get(pid) ?? { dispo: new Map(), outputs: { out: new Set([1]), err: new Set([2]) } };
    const raw = normalizeProcess(run, pid, events, start, inHandler, (child, at, spawn) => {
      inherited.set(child, { dispo: new Map(at.dispo), outputs: { out: new Set(at.outputs.out), err: new Set(at.outputs.err) }, spawn });
      order.push(child);
    }, (thread, at) => {
      inherited.set(thread, at);
      owner.set(thread, owner.get(pid) ?? pid);
      order.push(thread);
    });
    raws.set(pid, raw);
  }

  // Names by fork order (threads by creation order), then every pid-valued field renamed.
  const names = new Map<number, string>([[run.mainPid, root]]);
  const threadNames = new Map<number, string>();
  for (const pid of order) {
    const raw = raws.get(pid);
    const self = names.get(pid) ?? threadNames.get(pid) ?? "?";
    raw?.forks.forEach((child, k) => names.set(child, childName(self, k + 1)));
    raw?.threads.forEach((thread, k) => threadNames.set(thread, threadName(self, k + 1)));
  }
  const nameOf = (pid: number): string | number => (pid > 0 ? names.get(pid) ?? "outside" : pid < -1 ? `-${names.get(-pid) ?? "outside"}` : pid);
  // In text the run's free port reads as the Scenario's (the model's) port; a pid wins a tie.
  const textNames = run.port !== undefined && run.scenarioPort !== undefined && run.port !== run.scenarioPort
    ? new Map<number, string>([[run.port, String(run.scenarioPort)], ...names]) : names;
  const procs: NormProc[] = order.map((pid) => {
    const raw = raws.get(pid) as RawProc;
    const entries = raw.entries.map(({ pidRet, pidArg, ...e }) => {
      if (pidRet !== undefined && pidRet > 0) e.ret = nameOf(pidRet);
      if (pidArg) e.args[pidArg.index] = nameOf(pidArg.pid);
      renameWrite(e, textNames);
      return e;
    });
    const ownerPid = owner.get(pid);
    // A thread that returned (or called pthread_exit) ended by itself; else with its process.
    const end = ownerPid === undefined || raw.threadExit ? raw.threadExit ? { kind: "exited" as const, code: 0 } : raw.end : (raws.get(ownerPid) as RawProc).end;
    return {
      name: names.get(pid) ?? threadNames.get(pid) ?? String(pid),
      pid: ownerPid ?? pid,
      entries,
      children: raw.forks.map((c) => names.get(c) ?? String(c)),
      end,
      stdout: renamePidsInText(raw.stdout, textNames),
      stderr: renamePidsInText(raw.stderr, textNames),
      ...(ownerPid !== undefined ? { thread: true as const } : {}),
    };
  });
  const trace: NormTrace = { side: "linux", procs, stdout: renamePidsInText(run.stdout, textNames) };
  renameShm(trace);
  maskMeasuredTimes(trace, text);
  if (run.hostname !== undefined) renameHostname(trace, text, run.hostname, HOSTNAME);
  return trace;
}

function normalizeProcess(
  run: LinuxRun, pid: number, events: StraceEvent[], state: ProcStart,
  inHandler: HandlerTest, onFork: (child: number, state: ProcStart, spawn?: SiteOf) => void,
  onThread: (thread: number, state: { dispo: Map<string, Disposition>; outputs: Outputs }) => void,
): RawProc {
  const { dispo, outputs } = state;
  const raw: RawProc = { pid, entries: [], end: { kind: "running" }, forks: [], threads: [], threadExit: false, stdout: "", stderr: "" };
  // P1's file starts with strace's own exec of our program and the loader's work.
  let from = 0;
  if (pid === run.mainPid) {
    from = events.findIndex((e) => e.kind === "syscall" && e.name === "execve" && e.ret === 0 && e.args[0] === JSON.stringify(run.compiled.exe)) + 1;
  }
  let blockedIn: string | undefined;
  let execed = false;
  // pthread_cancel's SIGCANCEL arrived: glibc's handler first checks the sender with getpid.
  let cancelCheck = false;
  for (let i = from; i < events.length; i++) {
    const e = events[i];
    if (e.kind === "signal" && isSigcancel(e)) cancelCheck = true;
    if (e.kind === "exit") {
      raw.end = e.signal
        ? run.harnessKilled.has(pid) && e.signal === "SIGKILL" ? { kind: "running", blockedIn } : { kind: "killed", signal: e.signal }
        : { kind: "exited", code: e.code ?? 0 };
      continue;
    }
    if (e.kind !== "syscall") continue;
    if (cancelCheck) {
      cancelCheck = false;
      if (e.name === "getpid") continue;
    }
    if (e.name === "exit") raw.threadExit = true; // only a thread ends by exit(2); a process by exit_group
    // pthread_create's clone: a thread, compared on its own (inside pthread_*, so before the noise filter).
    if ((e.name === "clone" || e.name === "clone3") && /CLONE_THREAD/.test(e.args.join(",")) && typeof e.ret === "number" && e.ret > 0) {
      raw.threads.push(e.ret);
      onThread(e.ret, state);
      continue;
    }
    const spawned = programSite(run, e) ? undefined : spawnSite(run, events, i);
    // A posix_spawn child before its exec runs glibc's code on a stack of its own: its
    // calls count at the line that spawned it, as the model's fork and exec in system() do.
    const site = programSite(run, e) ?? spawned ?? (state.spawn && !execed ? state.spawn : undefined);
    if (e.name === "execve" && e.ret === 0) execed = true;
    if (site && site === state.spawn && spawnNoise(e, dispo)) continue;
    if (!site || e.name === "fcntl") trackRawOutputs(outputs, e);
    // Loader and libc internals have no frame in the program; exit's flush after main
    // returned has none either, and is kept at line 0.
    if (!site && !(e.name === "write" || e.name === "exit_group")) continue;
    if (site?.noisy) continue;
    // raise(sig) is getpid + gettid + tgkill(pid, tid, sig) in glibc: the model's kill(self, sig).
    // pthread_kill(t, sig) is tgkill too, with every signal blocked around it for another thread.
    if ((site?.callee === "raise" || site?.callee === "pthread_kill") && e.name !== "tgkill" && e.name !== "tkill") continue;
    // abort (a failed assert's too) unblocks SIGABRT (kept: the model does it too), then
    // raises it the same way.
    if ((site?.callee === "abort" || site?.callee === "__assert_fail") && e.name === "getpid") continue;
    const line = site ? inHandler.statements.get(site.line) ?? site.line : 0;
    let ret: number | "?" = e.ret;
    let errno = e.errno;
    let call = e.name === "restart_syscall" ? e.resumes ?? e.name : e.name;
    if (e.restart) {
      const outcome = interrupted(events, i, e.restart, dispo);
      if (outcome === "restarted") continue;
      if (outcome === "never") {
        blockedIn = canonicalCall(call);
        continue;
      }
      ret = -1;
      errno = "EINTR";
    }
    if (ret === "?" && e.name !== "exit_group") {
      blockedIn = canonicalCall(call); // killed while inside the call
      continue;
    }
    blockedIn = undefined;
    if (e.name === "rt_sigaction" && e.args[1] && e.args[1] !== "NULL") dispo.set(e.args[0], disposition(e.args[1]));
    if ((e.name === "clone" || e.name === "clone3") && /CLONE_THREAD/.test(e.args.join(","))) continue; // counted above
    call = canonicalCall(call);
    if (!COMPARED_CALLS.has(call)) continue;
    if (pathSearchMiss(events, i)) continue;
    const entry = toEntry(e, call, line, ret, errno, inHandler.lines.has(line) || !!site?.frames.some((f) => inHandler.names.has(f)));
    if ((call === "write" || call === "writev") && typeof entry.ret === "number" && entry.ret > 0 && typeof entry.args[0] === "number") {
      if (outputs.out.has(entry.args[0])) raw.stdout += entry.data ?? "";
      if (outputs.err.has(entry.args[0])) raw.stderr += entry.data ?? "";
    }
    trackOutputs(outputs, entry);
    if (call === "fork" && typeof ret === "number" && ret > 0) {
      raw.forks.push(ret);
      onFork(ret, state, spawned);
    }
    raw.entries.push(entry);
  }
  return raw;
}

type SiteOf = NonNullable<ReturnType<typeof programSite>>;

/** What a process starts with: its parent's dispositions and output descriptors, and for a
 *  posix_spawn child, the parent's site of the spawn. */
interface ProcStart {
  dispo: Map<string, Disposition>;
  outputs: Outputs;
  spawn?: SiteOf;
}

/**
 * The posix_spawn child's own housekeeping, with no counterpart in a fork and exec: it asks
 * every signal's disposition and sets back to SIG_DFL what exec would reset anyway (a
 * handler) or what already is; it asks the mask. Kept: a change of an ignored signal (exec
 * would keep it ignored), the mask set, dup2/close of its file actions, the exec.
 */
function spawnNoise(e: SyscallEvent, dispo: Map<string, Disposition>): boolean {
  if (e.name === "rt_sigprocmask") return e.args[1] === "NULL";
  if (e.name !== "rt_sigaction") return false;
  if (!e.args[1] || e.args[1] === "NULL") return true;
  return (dispo.get(e.args[0]) ?? "default") !== "ignore";
}

/** posix_spawn's clone3(CLONE_VM|CLONE_VFORK) (system(), popen()) runs the child on a new
 *  stack, and strace -k cannot unwind it: such a fork takes the site of the parent's next
 *  call that has one (the same library call's). */
function spawnSite(run: LinuxRun, events: StraceEvent[], i: number): SiteOf | undefined {
  const e = events[i];
  if (e.kind !== "syscall" || (e.name !== "clone" && e.name !== "clone3") || /CLONE_THREAD/.test(e.args.join(",")) || !(typeof e.ret === "number" && e.ret > 0)) return undefined;
  for (let j = i + 1; j < events.length; j++) {
    const n = events[j];
    if (n.kind !== "syscall") continue;
    const site = programSite(run, n);
    if (site) return site;
  }
  return undefined;
}

/** glibc's cancellation signal: the kernel's signal 32 (strace's SIGRTMIN; glibc keeps 32
 *  and 33 for itself, so no program handles it), sent by pthread_cancel with tgkill. The
 *  thread it reaches unwinds and ends as the model's does; only the handler's own getpid,
 *  made on the interrupted line, has no counterpart. */
function isSigcancel(e: SignalEvent): boolean {
  return e.signal === "SIGRTMIN" && e.info.si_code === "SI_TKILL";
}

/** execlp/execvp try each PATH directory in turn: a failed execve that the library follows
 *  at once with another of the same argv is part of one search, folded into the last try
 *  (the model's exec finds a command by name in one call). */
export function pathSearchMiss(events: StraceEvent[], i: number): boolean {
  const e = events[i];
  if (e.kind !== "syscall" || e.name !== "execve" || e.ret !== -1) return false;
  const next = events.slice(i + 1).find((x) => x.kind === "syscall");
  return next?.kind === "syscall" && next.name === "execve" && next.args[1] === e.args[1];
}

/** The first frame in the program's own .c file, and whether the libc function our code called is one with private descriptors. */
function programSite(run: LinuxRun, e: SyscallEvent): { line: number; noisy: boolean; callee: string; frames: string[] } | undefined {
  const own: Site[] = [];
  for (const f of e.stack) {
    if (f.object !== run.exePath) continue;
    const s = run.sites.get(f.address);
    if (s?.file) own.push(s);
  }
  const first = own.find((s) => s.file === run.compiled.source);
  if (!first) return undefined;
  const callee = own[0].callee ?? "";
  // Every function of the program on the stack: a helper called by a signal handler runs in the handler.
  const frames = own.filter((s) => s.file === run.compiled.source).map((s) => s.func);
  return { line: first.line, noisy: isNoisy(callee), callee, frames };
}

/** What became of a call the kernel marked ERESTART*: it depends on the signal that interrupted it. */
function interrupted(events: StraceEvent[], i: number, code: string, dispo: Map<string, Disposition>): "restarted" | "eintr" | "never" {
  for (let j = i + 1; j < events.length; j++) {
    const e = events[j];
    if (e.kind === "exit") return "never";
    if (e.kind === "signal") {
      const d = dispo.get(e.signal) ?? "default";
      const handled = typeof d === "object";
      if (code === "ERESTARTNOINTR") return "restarted";
      // A stop (or an ignored signal) delivers nothing: the next handled signal, or the
      // call's restart, decides (Ctrl-Z then SIGCONT with a handler gives EINTR).
      if (!handled) continue;
      if (code === "ERESTARTSYS") return d.restart ? "restarted" : "eintr";
      return "eintr"; // ERESTARTNOHAND, ERESTART_RESTARTBLOCK
    }
    if (e.kind === "syscall") return "restarted";
  }
  return "never";
}

function disposition(act: string): Disposition {
  if (/sa_handler=SIG_DFL/.test(act)) return "default";
  if (/sa_handler=SIG_IGN/.test(act)) return "ignore";
  return { restart: /SA_RESTART/.test(act) };
}

function num(v: string | undefined): number | string {
  if (v === undefined) return "";
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** A descriptor pair as strace prints it, "[3, 4]", as two arguments. */
const pair = (text: string | undefined): string[] => (/^\[(-?\d+), (-?\d+)\]/.exec(text ?? "") ?? []).slice(1);

/** Linux's arguments rearranged as C passes them (openat drops its dirfd, pipe2 and socketpair give their pair). */
function cArgs(e: SyscallEvent): string[] {
  switch (e.name) {
    case "openat": case "unlinkat": return e.args.slice(1);
    case "pipe2": case "pipe": return pair(e.args[0]);
    case "socketpair": return pair(e.args[3]);
    case "clock_nanosleep": return e.args.slice(2);
    case "tgkill": return [e.args[0], e.args[2]];
    default: return e.args;
  }
}

function toEntry(e: SyscallEvent, call: string, line: number, ret: number | "?", errno: string | undefined, handler: boolean): RawEntry {
  const args = cArgs(e);
  const entry: RawEntry = {
    line, call, args: [], ret: ret === "?" ? 0 : ret, start: e.time, end: e.time + (e.duration ?? 0),
  };
  if (errno) entry.errno = errno;
  if (handler) entry.handler = true;
  // The 64-bit kernel adds O_LARGEFILE to every open file's flags; the model leaves it out.
  if (call === "fcntl" && args[1] === "F_GETFL" && typeof entry.ret === "number" && entry.ret > 0) entry.ret &= ~0x8000;
  for (const k of comparedArgs(call)) {
    const a = args[k];
    if (call === "open" && k === 0) entry.args.push(decodeString(a ?? "")?.bytes.toString("utf8") ?? a ?? "");
    else if (call === "waitpid" && k === 2) entry.args.push(waitOptions(a ?? "0"));
    else if (SIGNAL_ARG[call] === k) entry.args.push(signalName(a ?? ""));
    else if (call === "exit") { const v = num(a); entry.args.push(typeof v === "number" ? exitCode(v) : v); }
    else if (call === "sigprocmask" || (call === "shutdown" && k === 1) || call === "semctl") entry.args.push(howOf(call, k, a ?? ""));
    else entry.args.push(num(a));
  }
  if ((call === "waitpid" || call === "kill") && typeof entry.args[0] === "number" && (entry.args[0] > 0 || entry.args[0] < -1))
    entry.pidArg = { index: 0, pid: entry.args[0] };
  if (RETURNS_PID.has(call) && typeof entry.ret === "number" && entry.ret > 0) entry.pidRet = entry.ret;
  if (call === "waitpid") {
    const s = waitStatus(args[1]);
    if (s !== undefined) entry.status = s;
  }
  if ((call === "write" || call === "read" || call === "send" || call === "recv") && typeof entry.ret === "number" && entry.ret > 0) {
    const bytes = decodeString(args[1] ?? "")?.bytes;
    if (bytes) entry.data = bytes.subarray(0, entry.ret).toString("utf8");
  }
  // writev/readv: strace prints the iovec array; the bytes are its iov_base strings in order.
  if ((call === "writev" || call === "readv") && typeof entry.ret === "number" && entry.ret > 0) {
    const parts = [...(args[1] ?? "").matchAll(/iov_base=("(?:[^"\\]|\\.)*")/g)].map((m) => decodeString(m[1])?.bytes ?? Buffer.alloc(0));
    entry.data = Buffer.concat(parts).subarray(0, entry.ret).toString("utf8");
  }
  return entry;
}

/** strace's decoded status `[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]` back to the raw wait status. */
function waitStatus(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let m = /WEXITSTATUS\(s\) == (\d+)/.exec(text);
  if (m) return (Number(m[1]) & 0xff) << 8;
  m = /WTERMSIG\(s\) == (\w+)/.exec(text);
  if (m) {
    return sigNumber(m[1]) | (/WCOREDUMP/.test(text) ? 0x80 : 0);
  }
  m = /WSTOPSIG\(s\) == (\w+)/.exec(text);
  if (m) return (sigNumber(m[1]) << 8) | 0x7f;
  return undefined;
}

function sigNumber(name: string): number {
  return signo(name) ?? 0;
}
