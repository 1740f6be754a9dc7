// gethostname(2): the model's machine has one fixed name, so that a run repeats exactly.
// glibc asks uname(2) for the node name and copies it out itself; a buffer too small for
// the name and its NUL gets the first len bytes, no NUL, and ENAMETOOLONG (the man page's
// "C library/kernel differences"). The fidelity check reads the real machine's name as
// this one (src/fidelity/normalize.ts), as it reads the real run's port as the Scenario's.
import { Builtin, Ctx } from "../ctl";
import { putString, setErrno } from "./sys";

/** The model machine's node name (uname -n). */
export const HOSTNAME = "forklab";

/** Whether `name` is one the machine answers to on loopback, 127.0.0.1: "localhost", and its
 *  own name (as /etc/hosts maps it), so that a program that looks itself up finds itself. */
export const loopbackName = (name: string): boolean => name === "localhost" || name === HOSTNAME;

function gethostname(c: Ctx, name: number, len: number): number {
  const whole = HOSTNAME + "\0";
  putString(c, name, whole.slice(0, len), "gethostname", false);
  if (HOSTNAME.length < len) return 0;
  setErrno(c, "ENAMETOOLONG");
  return -1;
}

export const hostname: Builtin[] = [
  { name: "gethostname", fn: (c, a) => gethostname(c, a[0], a[1]) },
];
