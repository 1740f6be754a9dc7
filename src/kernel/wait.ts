// waitpid(2): collect a child's state change. pid > 0 that child, -1 any child, 0 any
// child in the caller's process group, < -1 any child in group -pid. Zombies are reaped
// (removed); stops are reported with WUNTRACED, continues with WCONTINUED.
import type { KProc, KState, Task } from "./kstate";
import { block, reap } from "./proc";
import { fail, ok, SysResult } from "./result";
import { interrupted } from "./signal";
import { WCONTINUED, WNOHANG, WUNTRACED } from "./waitstatus";
import { W_CONTINUED } from "./waitstatus";
import { childChan, waitTest } from "./waitq";

waitTest("child", (k, t, c) => {
  const now = children(k, t.proc, c.pid);
  return now.length === 0 || now.some((x) => reportable(x, c.options));
});

const VALID = WNOHANG | WUNTRACED | WCONTINUED;

function matches(p: KProc, c: KProc, pid: number): boolean {
  if (c.ppid !== p.pid) return false;
  if (pid > 0) return c.pid === pid;
  if (pid === -1) return true;
  if (pid === 0) return c.pgid === p.pgid;
  return c.pgid === -pid;
}

/** The caller's matching children, oldest child first (the order Linux scans them). */
function children(k: KState, p: KProc, pid: number): KProc[] {
  const out: KProc[] = [];
  for (const c of k.procs.values()) if (matches(p, c, pid)) out.push(c);
  return out.sort((a, b) => a.childSeq - b.childSeq);
}

function reportable(c: KProc, options: number): boolean {
  if (c.zombie) return true;
  if (!c.report) return false;
  if (c.report.status === W_CONTINUED) return (options & WCONTINUED) !== 0;
  return (options & WUNTRACED) !== 0 && c.stopped;
}

export function waitpid(k: KState, t: Task, pid: number, options: number): SysResult {
  if (!Number.isInteger(options) || options & ~VALID) return fail("EINVAL");
  if (!Number.isInteger(pid) || pid === -2147483648) return fail("ESRCH");
  const call = `waitpid(${pid})`;
  const how = interrupted(t, call);
  if (how === "eintr") return fail("EINTR");
  const p = t.proc;
  const kids = children(k, p, pid);
  if (kids.length === 0) return fail("ECHILD");
  const c = kids.find((x) => reportable(x, options));
  if (c) {
    if (c.zombie) {
      reap(k, p.pid, c);
      return ok(c.pid, { status: c.status });
    }
    const status = c.report!.status;
    c.report = undefined;
    return ok(c.pid, { status });
  }
  if (options & WNOHANG) return ok(0);
  return block(k, t, call, { kind: "child", pid, options }, [childChan(p.pid)]);
}
