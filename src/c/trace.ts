// The per-process syscall trace shared by `forklab run --json` (the model) and the
// fidelity harness (real Linux under strace), so the two can be compared entry by entry.

export interface TraceEntry {
  /** The calling process. Fidelity renames pids by fork order before comparing. */
  pid: number;
  /** The calling thread, when it is not the process's main thread. */
  tid?: number;
  /** 1-based source line in the program's own .c file that made the call. */
  line: number;
  /** The call as Linux names it after normalisation: fork (not clone), pipe (not pipe2),
   *  open (not openat), exit (not exit_group), accept, read, write, close, waitpid... */
  call: string;
  /** Descriptor and small integer arguments as numbers; paths and signal names as strings. */
  args: Array<number | string>;
  ret: number;
  /** "EBADF", "ECHILD", ... when ret is -1. */
  errno?: string;
  /** A write's bytes (latin1), kept only when they may hold a pid (three digits or more). */
  text?: string;
  /** read, write, sendto, recvfrom: the first bytes moved and how many in all, as the
   *  kernel's syscall event carries them (syscallText shows them as strace does). */
  buf?: string;
  bufLen?: number;
  /** waitpid's raw wait status, when it reported a child. */
  status?: number;
  /** Made while a signal handler was running (its frame is on the stack, maybe deeper in a helper). */
  handler?: true;
  /** Made with none of the program's functions on the stack (exit's flush and read-back after
   *  main returned): `line` is the step's line, but strace can place the call at no line. */
  unplaced?: true;
}
