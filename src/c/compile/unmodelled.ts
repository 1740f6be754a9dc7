// POSIX families the model does not have yet, by the names a program uses for them, so that
// the compile error says which family is missing and what the model offers instead.
// docs/stepper.md lists them; test/unit/c/unsupported.test.ts checks each message.

const QUEUES = "System V message queues are not modelled (pipes, FIFOs, sockets, shared memory and semaphores are)";
const CLEANUP = "cancellation cleanup handlers are not modelled (pthread_cancel is)";

const FUNCTIONS: Record<string, string> = {
  msgget: QUEUES, msgsnd: QUEUES, msgrcv: QUEUES, msgctl: QUEUES,
  pthread_cleanup_push: CLEANUP, pthread_cleanup_pop: CLEANUP,
};

const TYPES: Record<string, string> = {
  "struct flock": "record locks (fcntl's struct flock) are not modelled",
  "struct msqid_ds": QUEUES,
};

/** What the compile error for an undefined function `name` adds, if anything. */
export function unmodelledFunction(name: string): string {
  const why = FUNCTIONS[name];
  return why ? `: ${why}` : "";
}

/** What the compile error for an incomplete type (`struct flock`) adds, if anything. */
export function unmodelledType(name: string): string {
  const why = TYPES[name];
  return why ? `: ${why}` : "";
}
