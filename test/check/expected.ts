// Our student-style servers and the one check each must fail (none for the right ones).
import { join } from "node:path";
import type { CheckId } from "../../src/coach/check/checks";

export const SERVERS_DIR = join(__dirname, "servers");
export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");

export const EXPECTED: Array<{ file: string; exercise: "echo" | "schedule"; fails?: CheckId }> = [
  { file: "echo-correct.c", exercise: "echo" },
  { file: "echo-noclose.c", exercise: "echo", fails: "parent-closes" },
  { file: "echo-noreap.c", exercise: "echo", fails: "reaps" },
  { file: "echo-reaponce.c", exercise: "echo", fails: "reaps" },
  { file: "echo-iterative.c", exercise: "echo", fails: "concurrent" },
  { file: "echo-forkwait.c", exercise: "echo", fails: "concurrent" },
  { file: "echo-keeplisten.c", exercise: "echo", fails: "child-closes-listenfd" },
  { file: "echo-resetcrash.c", exercise: "echo", fails: "survives-reset" },
  { file: "echo-nonewline.c", exercise: "echo", fails: "echo" },
  { file: "schedule-answer.c", exercise: "schedule" },
  { file: "schedule-iterative.c", exercise: "schedule", fails: "concurrent" },
];
