// The model side of a fidelity check: run the same file and Scenario through the stepper
// (`forklab run --json`, the contract in docs/design: stdout, stderr, exitStatus, trace,
// final) and reduce its trace to the normalised form Linux's trace is reduced to.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Snapshot } from "../contract/snapshot";
import type { Scenario } from "../contract/scenario";
import type { TraceEntry } from "../c/trace";
import { canonicalCall, COMPARED_CALLS, comparedArgs, exitCode, RETURNS_PID, SIGNAL_ARG, signalName, howOf, waitOptions } from "./calls";
import { handlerLines, statementLines } from "./functions";
import { childName, threadName, renamePidsInText, renameShm, renameWrite, maskMeasuredTimes, reportsStopOrContinue, type NormEntry, type NormProc, type NormTrace, type ProcEnd } from "./normal";
import { signame } from "../kernel/signum";

const run = promisify(execFile);

/** What `forklab run FILE.c --json` prints. */
export interface ModelRun {
  stdout: string;
  stderr: string;
  /** The raw wait status of the main process (`waitStatus` in `forklab run --json`). */
  exitStatus: number | null;
  trace: TraceEntry[];
  final?: Snapshot;
  /** Bytes each pid wrote to descriptors 1 and 2, when the runner kept them apart. */
  bytes?: Map<number, { out: string; err: string }>;
  /** Raw wait status of every process that ended, when the runner saw them all. */
  statuses?: Map<number, number>;
  /** The main program's first pid (else: the first pid that made a call). */
  mainPid?: number;
  /** The Scenario's programs (servers started first): each one's first pid and source file. */
  programs?: Array<{ pid: number; source: string }>;
}

/** Where the model runner lives: the built CLI (npm test builds it first), or FORKLAB_CLI. */
export function modelCli(root: string): string {
  return process.env.FORKLAB_CLI ?? join(root, "dist", "cli.js");
}

export async function runModel(file: string, scenario: Scenario, root: string): Promise<ModelRun> {
  const cli = modelCli(root);
  if (!existsSync(cli)) throw new Error(`the model runner ${cli} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), "forklab-model-"));
  try {
    const scen = join(dir, "scenario.json");
    writeFileSync(scen, JSON.stringify(scenario));
    const { stdout } = await run(process.execPath, [cli, "run", "--scenario", scen, "--json", "--", file], {
      maxBuffer: 256 << 20, timeout: 120000,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      // `run` exits non-zero when the program does; its JSON is still on stdout.
      if (err.stdout && err.stdout.trim().startsWith("{")) return { stdout: err.stdout };
      throw new Error(`the model could not run ${file}: ${err.stderr || err.message}`);
    });
    const out = JSON.parse(stdout) as Omit<ModelRun, "exitStatus"> & { waitStatus: number | null };
    return { ...out, exitStatus: out.waitStatus };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function waitOptionsArg(e: TraceEntry): number {
  // The model may leave the status pointer out of args: options is then the last argument.
  const a = e.args.length >= 3 ? e.args[2] : e.args[e.args.length - 1];
  return waitOptions(a ?? 0);
}

export function normalizeModel(m: ModelRun, sourceFile: string): NormTrace {
  const text = readFileSync(sourceFile, "utf8");
  // Each tree reads its lines from its own source: the main program's, a server's.
  const sourceInfo = (file: string) => {
    const t = readFileSync(file, "utf8");
    return { inHandler: handlerLines(t), statements: statementLines(t) };
  };
  const mainInfo = sourceInfo(sourceFile);
  const task = (e: TraceEntry): number => e.tid ?? e.pid;
  // The model's "clone" is pthread_create: it names threads, and is not compared itself.
  const clones = m.trace.filter((e) => e.call === "clone" && e.ret > 0);
  const entries = m.trace.filter((e) => e.call !== "clone")
    // tgkill(pid, tid, sig) is compared as kill(pid, sig), as on Linux (normalize.ts cArgs).
    .map((e) => ({ ...e, call: canonicalCall(e.call), args: e.call === "tgkill" ? [e.args[0], e.args[2]] : e.args, line: e.unplaced ? 0 : e.line }))
    .filter((e) => COMPARED_CALLS.has(e.call))
    // As on Linux (normalize.ts), a call at no line of the program (an exec'd command's, exit's
    // flush after main) is compared only when it is a write or the exit: strace cannot place
    // the rest, so comparing them would only compare what each side can see.
    .filter((e) => e.line !== 0 || e.call === "write" || e.call === "exit");
  const pids: number[] = [];
  for (const e of entries) if (!pids.includes(e.pid)) pids.push(e.pid);
  // P1 is the main program (else the first process that made a call); the Scenario's
  // programs are S1, S2...; children are named by their parent's forks.
  const names = new Map<number, string>();
  const info = new Map<number, ReturnType<typeof sourceInfo>>();
  const mainPid = m.mainPid ?? pids[0];
  if (mainPid !== undefined) {
    names.set(mainPid, "P1");
    info.set(mainPid, mainInfo);
  }
  (m.programs ?? []).forEach((p, i) => {
    names.set(p.pid, `S${i + 1}`);
    info.set(p.pid, sourceInfo(p.source));
  });
  const forks = new Map<number, number[]>();
  for (const e of entries) {
    if (e.call === "fork" && e.ret > 0 && names.has(e.pid)) {
      const list = forks.get(e.pid) ?? [];
      list.push(e.ret);
      forks.set(e.pid, list);
      names.set(e.ret, childName(names.get(e.pid) ?? "?", list.length));
      info.set(e.ret, info.get(e.pid) ?? mainInfo);
    }
  }
  // Threads by creation order: the k-th thread task T creates is T's name plus /Tk.
  const threads = new Map<number, string>();
  const made = new Map<number, number>();
  // Each thread's process is the one whose clone made it: a thread that never made a call
  // of its own (one asleep in sem_wait from its start) still ends with its process.
  const ownerOf = new Map<number, number>();
  for (const e of clones) {
    if (!names.has(e.pid)) continue;
    ownerOf.set(e.ret, e.pid);
    const k = (made.get(task(e)) ?? 0) + 1;
    made.set(task(e), k);
    threads.set(e.ret, threadName(threads.get(task(e)) ?? names.get(e.pid) ?? "?", k));
  }
  // init, a subreaper, the shell: any pid outside the program's own tree is "outside" on
  // both sides (who adopts an orphan on Linux depends on the machine, not the program).
  const nameOf = (pid: number): string | number => (pid > 0 ? names.get(pid) ?? "outside" : pid < -1 ? `-${names.get(-pid) ?? "outside"}` : pid);
  const procs: NormProc[] = [];
  for (const [tid, name] of [...names, ...threads]) {
    const mine: NormEntry[] = [];
    const owner = ownerOf.get(tid) ?? tid;
    const { inHandler, statements } = info.get(owner) ?? mainInfo;
    entries.forEach((e, index) => {
      if (task(e) !== tid) return;
      const n: NormEntry = { line: statements.get(e.line) ?? e.line, call: e.call, args: [], ret: e.ret, start: index, end: index };
      if (e.errno) n.errno = e.errno;
      if (e.status !== undefined) n.status = e.status;
      if (inHandler.has(e.line) || e.handler) n.handler = true;
      for (const k of comparedArgs(e.call)) {
        if (e.call === "waitpid" && k === 2) n.args.push(waitOptionsArg(e));
        else if (SIGNAL_ARG[e.call] === k) n.args.push(signalName(e.args[k] ?? ""));
        else if (e.call === "exit") n.args.push(exitCode(Number(e.args[k] ?? 0)));
        else if (e.call === "sigprocmask" || (e.call === "shutdown" && k === 1) || e.call === "semctl") n.args.push(howOf(e.call, k, e.args[k] ?? ""));
        else n.args.push(e.args[k] ?? "");
      }
      if ((e.call === "waitpid" || e.call === "kill") && typeof n.args[0] === "number") n.args[0] = nameOf(n.args[0]);
      if (RETURNS_PID.has(e.call) && e.ret > 0) n.ret = nameOf(e.ret);
      if (e.text !== undefined) renameWrite(Object.assign(n, { data: e.text }), names);
      mine.push(n);
    });
    // A thread that returned (or called pthread_exit) ended by itself; else with its process.
    const returned = threads.has(tid) && m.trace.some((e) => task(e) === tid && e.call === "thread_exit");
    const end = returned ? { kind: "exited" as const, code: 0 } : modelEnd(owner, m, entries);
    procs.push({
      name, pid: owner, entries: mine, children: (forks.get(tid) ?? []).map((c) => names.get(c) ?? String(c)),
      end, stdout: "", stderr: "", ...(threads.has(tid) ? { thread: true } : {}),
    });
  }
  // Bytes per thread: collected during the run (model-session.ts), else the final log.
  for (const p of procs) {
    const tid = [...names, ...threads].find(([, n]) => n === p.name)?.[0] ?? p.pid;
    const chunks = m.final?.output?.filter((o) => (o.tid ?? o.pid) === tid) ?? [];
    const b = m.bytes?.get(tid) ?? { out: chunks.filter((o) => o.fd === 1).map((o) => o.text).join(""), err: chunks.filter((o) => o.fd === 2).map((o) => o.text).join("") };
    p.stdout = renamePidsInText(b.out, names);
    p.stderr = renamePidsInText(b.err, names);
  }
  const trace: NormTrace = { side: "model", procs, stdout: renamePidsInText(m.stdout, names) };
  renameShm(trace);
  maskMeasuredTimes(trace, text);
  return trace;
}

function modelEnd(pid: number, m: ModelRun, entries: TraceEntry[]): ProcEnd {
  const exit = entries.find((e) => e.pid === pid && e.call === "exit");
  if (exit) return { kind: "exited", code: exitCode(Number(exit.args[0] ?? 0)) };
  const proc = m.final?.processes.find((p) => p.pid === pid);
  let status = m.statuses?.get(pid) ?? proc?.exitStatus;
  if (status === undefined) {
    // Reaped already: the parent's waitpid saw the status.
    const wait = entries.find((e) => e.call === "waitpid" && e.ret === pid && e.status !== undefined && !reportsStopOrContinue(e.status));
    status = wait?.status;
  }
  if (status === undefined) return proc && proc.state !== "zombie" ? { kind: "running", blockedIn: proc.blockedOn?.replace(/\(.*$/, "") } : { kind: "running" };
  if ((status & 0x7f) === 0) return { kind: "exited", code: (status >> 8) & 0xff };
  return { kind: "killed", signal: signame(status & 0x7f) };
}
