// Our student-style servers and the one check each must fail (none for the right ones). The
// schedule exercise's iterative mistake is the shipped starter itself, so the tests judge the
// very file a learner is given.
import { join } from "node:path";
import type { CheckId } from "../../src/coach/check/checks";

export const SERVERS_DIR = join(__dirname, "servers");
export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");

const server = (file: string): string => join(SERVERS_DIR, file);

export const EXPECTED: Array<{ path: string; exercise: "echo" | "schedule"; fails?: CheckId }> = [
  { path: server("echo-correct.c"), exercise: "echo" },
  { path: server("echo-noclose.c"), exercise: "echo", fails: "parent-closes" },
  { path: server("echo-noreap.c"), exercise: "echo", fails: "reaps" },
  { path: server("echo-reaponce.c"), exercise: "echo", fails: "reaps" },
  { path: server("echo-iterative.c"), exercise: "echo", fails: "concurrent" },
  { path: server("echo-forkwait.c"), exercise: "echo", fails: "concurrent" },
  { path: server("echo-keeplisten.c"), exercise: "echo", fails: "child-closes-listenfd" },
  { path: server("echo-resetcrash.c"), exercise: "echo", fails: "survives-reset" },
  { path: server("echo-nonewline.c"), exercise: "echo", fails: "echo" },
  { path: server("schedule-answer.c"), exercise: "schedule" },
  { path: join(EXAMPLES_DIR, "exercises", "schedule-starter.c"), exercise: "schedule", fails: "concurrent" },
];
