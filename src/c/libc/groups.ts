// Process groups, sessions and the terminal from the library's side: killpg, setsid, getpgid, getsid,
// tcgetpgrp and tcsetpgrp (a shell's job control). killpg(pgrp, sig) is kill(-pgrp, sig),
// as glibc makes it; a negative group is EINVAL.
import { signame } from "../../kernel/kernel";
import { Builtin, Ctx } from "../ctl";
import { setErrno, sys } from "./sys";

/** A process's entry in the process table (0 = the caller), or undefined with ESRCH. */
function entry(c: Ctx, pid: number) {
  const want = pid === 0 ? c.p.pid : pid;
  const e = c.k.processes().find((p) => p.pid === want && p.state !== "Z");
  if (!e) setErrno(c, "ESRCH");
  return e;
}

export const groups: Builtin[] = [
  {
    name: "killpg", fn: (c, a) => {
      if (a[0] < 0) { setErrno(c, "EINVAL"); return -1; }
      return sys(c, "kill", [-a[0], signame(a[1])], c.k.kill(c.t.tid, -a[0], a[1]));
    },
  },
  { name: "setsid", fn: (c) => sys(c, "setsid", [], c.k.setsid(c.t.tid)) },
  { name: "getpgid", fn: (c, a) => entry(c, a[0])?.pgid ?? -1 },
  { name: "getsid", fn: (c, a) => entry(c, a[0])?.sid ?? -1 },
  { name: "tcgetpgrp", fn: (c, a) => sys(c, "tcgetpgrp", [a[0]], c.k.tcgetpgrp(c.t.tid, a[0])) },
  { name: "tcsetpgrp", fn: (c, a) => sys(c, "tcsetpgrp", [a[0], a[1]], c.k.tcsetpgrp(c.t.tid, a[0], a[1])) },
];
