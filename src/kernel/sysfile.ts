// System calls on descriptors and files (xv6's sysfile.c): argument checks and the
// descriptor-table work of open, close, dup, dup2 and fcntl. The facade (kernel.ts) looks
// the task and descriptor up and records the call; the objects behind a file live in
// file.ts, fs.ts, pipe.ts, socket.ts and tty.ts.
import { F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_GETFL, F_SETFD, F_SETFL, FD_CLOEXEC, O_ACCMODE, O_CLOEXEC, O_CREAT, O_EXCL, STATUS_FLAGS } from "./fcntl";
import { fdalloc, fdavail, fdclose, fdinstall } from "./fdtable";
import { filealloc, filedup } from "./file";
import * as fifo from "./fifo";
import * as fs from "./fs";
import type { KFile, KState, Task } from "./kstate";
import { fail, ok, SysResult } from "./result";
import { lookup } from "./stat";
import * as tty from "./tty";

export function open(k: KState, t: Task, path: string, flags: number, mode = 0o666): SysResult {
  if (!Number.isInteger(flags) || (flags & O_ACCMODE) === O_ACCMODE) return fail("EINVAL");
  if (typeof path !== "string") return fail("EFAULT");
  const p = t.proc;
  // Like Linux, reserve the descriptor first: with none free, nothing is created.
  if (!fdavail(k, p)) return fail("EMFILE");
  const named = fifo.isfifo(k, path);
  // A socket file is reached with connect(2), never opened.
  if (!named && lookup(k, path)?.sock !== undefined) return flags & O_CREAT && flags & O_EXCL ? fail("EEXIST") : fail("ENXIO");
  if (named) return flags & O_CREAT && flags & O_EXCL ? fail("EEXIST") : fifo.fifoopen(k, t, named, flags);
  const v = path === "/dev/tty" ? tty.ttyvnode(k) : fs.namei(k, path, flags, mode);
  if ("ret" in v) return v;
  const f = filealloc(k, v, flags & (O_ACCMODE | STATUS_FLAGS));
  return ok(fdalloc(k, p, f, 0, (flags & O_CLOEXEC) !== 0));
}

export function close(k: KState, t: Task, fd: number): SysResult {
  fdclose(k, t.proc, fd);
  return ok(0);
}

/** The lowest free descriptor at or above `min` for another reference to f. */
function dupfrom(k: KState, t: Task, f: KFile, min: number, cloexec: boolean): SysResult {
  const nfd = fdalloc(k, t.proc, f, min, cloexec);
  if (nfd < 0) return fail("EMFILE");
  filedup(f);
  return ok(nfd);
}

export function dup(k: KState, t: Task, f: KFile): SysResult {
  return dupfrom(k, t, f, 0, false);
}

export function dup2(k: KState, t: Task, oldfd: number, f: KFile, newfd: number): SysResult {
  if (!Number.isInteger(newfd) || newfd < 0 || newfd >= k.limits.maxFds) return fail("EBADF");
  if (newfd === oldfd) return ok(newfd); // valid oldfd: nothing to do, FD_CLOEXEC untouched
  fdinstall(k, t.proc, f, newfd, false);
  return ok(newfd);
}

export function fcntl(k: KState, t: Task, fd: number, f: KFile, cmd: number, arg: number): SysResult {
  const p = t.proc;
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      if (!Number.isInteger(arg) || arg < 0 || arg >= k.limits.maxFds) return fail("EINVAL");
      return dupfrom(k, t, f, arg, cmd === F_DUPFD_CLOEXEC);
    case F_GETFD: return ok(p.cloexec[fd] ? FD_CLOEXEC : 0);
    case F_SETFD: p.cloexec[fd] = (arg & FD_CLOEXEC) !== 0; return ok(0);
    case F_GETFL: return ok(f.flags);
    case F_SETFL: f.flags = (f.flags & ~STATUS_FLAGS) | (arg & STATUS_FLAGS); return ok(0);
    default: return fail("EINVAL");
  }
}
