// What `forklab fidelity`'s exit status says: the command line's answer, which the editor's
// Compare with Linux (a child process running the CLI) reads back.
export const FIDELITY_EXIT = {
  /** The model and Linux agree. */
  agree: 0,
  /** They differ (the report shows where). */
  differ: 1,
  /** The check cannot run here (no strace, ptrace forbidden, no compiler). */
  cannotRun: 2,
  /** The real program did not end within the time limit: nothing was compared. */
  timedOut: 3,
} as const;
