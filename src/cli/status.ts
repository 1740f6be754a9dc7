// A raw wait status in words and as separate fields, the way a shell reports a child:
// "exited with status 2", "killed by SIGINT" (the raw word 512 or 2 means little to a learner).
import { signame } from "../kernel/signum";
import { WCOREDUMP, WEXITSTATUS, WIFEXITED, WIFSIGNALED, WTERMSIG } from "../kernel/waitstatus";

export interface StatusFields {
  /** The raw wait status word, as waitpid stores it. */
  waitStatus: number | null;
  /** The exit code, when the process exited. */
  exitCode?: number;
  /** The terminating signal's name, when a signal killed it. */
  signal?: string;
}

export function statusFields(status: number | null | undefined): StatusFields {
  if (status === null || status === undefined) return { waitStatus: null };
  if (WIFEXITED(status)) return { waitStatus: status, exitCode: WEXITSTATUS(status) };
  if (WIFSIGNALED(status)) return { waitStatus: status, signal: signame(WTERMSIG(status)) };
  return { waitStatus: status };
}

export function statusWords(status: number | null | undefined): string {
  if (status === null || status === undefined) return "still running";
  if (WIFEXITED(status)) return `exited with status ${WEXITSTATUS(status)}`;
  if (WIFSIGNALED(status)) return `killed by ${signame(WTERMSIG(status))}${WCOREDUMP(status) ? " (core dumped)" : ""}`;
  return `wait status ${status}`;
}
