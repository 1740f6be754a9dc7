// The normalised trace both sides are reduced to before comparing: processes named by fork
// order (P1, P1.1, P1.2, P1.1.1), calls by their canonical names, only compared arguments.

export interface NormEntry {
  /** 1-based line in the program's own .c file; 0 = after main returned (exit's flush). */
  line: number;
  call: string;
  args: Array<number | string>;
  /** Pids are process names ("P1.2"); other results are numbers. */
  ret: number | string;
  errno?: string;
  /** Ran inside a signal handler: its place relative to the main flow is timing. */
  handler?: boolean;
  /** waitpid's status, as the raw wait status. */
  status?: number;
  /** Bytes a write wrote or a read read (text as UTF-8). */
  data?: string;
  /** When it started and returned: seconds on Linux, global step index in the model. */
  start: number;
  end: number;
}

export type ProcEnd =
  | { kind: "exited"; code: number }
  | { kind: "killed"; signal: string }
  /** Still alive when the run ended (a server, or a process blocked forever). */
  | { kind: "running"; blockedIn?: string };

export interface NormProc {
  name: string;
  /** The pid on its own side, for messages. */
  pid: number;
  entries: NormEntry[];
  children: string[];
  end: ProcEnd;
  /** Bytes this process (or thread) wrote to descriptors 1 and 2. */
  stdout: string;
  stderr: string;
  /** A thread other than its process's main thread: compared on its own, in its own order. */
  thread?: true;
}

export interface NormTrace {
  side: "linux" | "model";
  procs: NormProc[];
  /** Everything written to descriptor 1, as the outside saw it. */
  stdout: string;
}

/** Child names in fork order: the k-th successful fork of P1.2 makes P1.2.k. */
export function childName(parent: string, k: number): string {
  return `${parent}.${k}`;
}

/** Thread names in creation order: the k-th thread P1's main thread creates is P1/T1... */
export function threadName(creator: string, k: number): string {
  return `${creator}/T${k}`;
}

/** Replace real pids written in text ("child 12345 exited") by their process names. */
export function renamePidsInText(text: string, names: Map<number, string>): string {
  if (names.size === 0 || !/\d/.test(text)) return text;
  // Only numbers of three digits or more: a model that numbers pids 2, 3... must not
  // turn "n=2" into "n=P1.1".
  return text.replace(/\d+/g, (d) => (d.length >= 3 ? names.get(Number(d)) ?? d : d));
}

/** A write's data with its pids renamed: the count it returned follows the renamed text,
 *  since a real pid and a model pid need not have as many digits. */
export function renameWrite(e: NormEntry, names: Map<number, string>): void {
  rewriteData(e, (s) => renamePidsInText(s, names));
}

/** A call's data rewritten by `f`; a write's count follows the new text. */
function rewriteData(e: NormEntry, f: (s: string) => string): void {
  if (e.data === undefined) return;
  const renamed = f(e.data);
  if (renamed !== e.data && e.ret === e.data.length) e.ret = renamed.length;
  e.data = renamed;
}

/**
 * Shared memory ids and attach addresses are the kernel's choice: name ids SHM1, SHM2... in
 * the order segments were created, and keep only whether shmat succeeded.
 */
export function renameShm(t: NormTrace): void {
  const all = t.procs.flatMap((p) => p.entries).sort((a, b) => a.start - b.start);
  const ids = new Map<number | string, string>();
  for (const e of all) {
    if (e.call === "shmget" && typeof e.ret === "number" && e.ret >= 0) {
      if (!ids.has(e.ret)) ids.set(e.ret, `SHM${ids.size + 1}`);
      e.ret = ids.get(e.ret) as string;
    }
    if ((e.call === "shmat" || e.call === "shmctl") && ids.has(e.args[0])) e.args[0] = ids.get(e.args[0]) as string;
    if (e.call === "shmat" && e.errno === undefined) e.ret = "address";
    // shmctl's command: strace names it, the model gives the number (IPC_RMID 0, IPC_SET 1, IPC_STAT 2).
    if (e.call === "shmctl") e.args[1] = ({ IPC_RMID: 0, IPC_SET: 1, IPC_STAT: 2 } as Record<string, number>)[String(e.args[1])] ?? e.args[1];
  }
}

/**
 * A program that reads the clock prints measured times, and the model's clock is logical:
 * by our examples' convention those go to stderr. In such a program the numbers written to
 * descriptor 2 are not compared (digits become "#", write(2)'s byte count is left out).
 */
export function maskMeasuredTimes(t: NormTrace, source: string): void {
  if (!calls(source, ["clock_gettime", "gettimeofday", "clock", "time"])) return;
  for (const p of t.procs) {
    p.stderr = p.stderr.replace(/\d+/g, "#");
    for (const e of p.entries) if (e.call === "write" && e.args[0] === 2 && typeof e.ret === "number" && e.ret > 0) e.ret = "bytes";
  }
}

/** Whether the program's code (comments aside) calls one of `names`. */
function calls(source: string, names: string[]): boolean {
  return new RegExp(`\\b(?:${names.join("|")})\\s*\\(`).test(source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ""));
}

/**
 * A program that asks for the host name prints the real machine's on Linux and the model's
 * (`model`, a fixed name so runs repeat) in the model. In such a program the real name, as
 * a whole word, reads on the Linux side as the model's, as the run's free port reads as the
 * Scenario's; a write's count follows the renamed text.
 */
export function renameHostname(t: NormTrace, source: string, real: string, model: string): void {
  if (real === "" || real === model || !calls(source, ["gethostname", "uname"])) return;
  const word = new RegExp(`(?<![\\w-])${real.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "g");
  const swap = (s: string): string => s.replace(word, model);
  for (const p of t.procs) {
    p.stdout = swap(p.stdout);
    p.stderr = swap(p.stderr);
    for (const e of p.entries) rewriteData(e, swap);
  }
  t.stdout = swap(t.stdout);
}

/** A wait status that reports a stop (low byte 0x7f) or a continue (0xffff), not an end. */
export function reportsStopOrContinue(status: number | undefined): boolean {
  return status !== undefined && ((status & 0xff) === 0x7f || status === 0xffff);
}
