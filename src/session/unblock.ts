// What a learner can do about a blocked process, said by the stepper's messages and by the
// code lenses (src/coach/lenses.ts). Its own file so that the lenses can say it without
// loading the stepper and the C front end.

/** What would let a process blocked in `call` go on, in the learner's terms. */
export function unblockHint(call: string | undefined): string {
  const name = (call ?? "").replace(/\(.*$/, "");
  switch (name) {
    case "accept": return "connect a client";
    case "read": case "recvfrom": case "recv": case "readline": return "it waits for data (a client line, or a writer)";
    case "wait": case "wait4": case "waitpid": return "it waits for a child to exit";
    case "pause": case "sigsuspend": return "it waits for a signal";
    case "write": case "sendto": return "it waits for the reader to make room";
    case "connect": return "it waits for the server to accept";
    case "nanosleep": case "sleep": return "it is sleeping";
    default: return "another process must act first";
  }
}
