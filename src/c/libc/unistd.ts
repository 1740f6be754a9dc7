// <unistd.h>, <fcntl.h> and <sys/wait.h>: calls that go to the kernel model.
import * as W from "../../kernel/waitstatus";
import { isBlocked } from "../../kernel/result";
import { ERRNO } from "../../kernel/kernel";
import { Builtin, Ctl, Ctx } from "../ctl";
import { MAX_FILE } from "../../kernel/fs";

import { span, str, sys } from "./sys";
import { latin1Text } from "../../kernel/latin1";
import { isatty } from "./stdio";
import { argvList, execve, execvp, untilNull } from "./exec";

const copyOut = (c: Ctx, buf: number, call: string) => (r: { ret: number; data?: Uint8Array }): number => {
  if (r.data && r.data.length) {
    span(c, buf, r.data.length, `${call} writes`);
    c.mem.writeBytes(buf, r.data);
  }
  return r.ret;
};

/** fork: the kernel makes the child; the machine copies the program state into it. */
function fork(c: Ctx): number | Ctl {
  const r = c.k.fork(c.t.tid);
  const v = sys(c, "fork", [], r);
  if (!isBlocked(r) && r.errno === "EAGAIN") c.m.limitNote(c.p, c.t, "nproc", () => "fork() failed with EAGAIN: the model's process limit is reached (as under ulimit -u); fork returns -1 as on Linux and the program goes on");
  if (typeof v !== "number" || v <= 0) return v;
  const { thread } = c.m.cloneProc(c.p, c.t, v);
  // The child returns from the same call with 0.
  const f = thread.frames[thread.frames.length - 1];
  thread.stack.push(0);
  f.pc++;
  return v;
}

/** The built-in wc's stat(2) stand-in: a file's size, -2 if it does not exist (no system call:
 *  the kernel model has no stat). Regular files are the only kind the model's file system holds. */
function fileSize(c: Ctx, a: number[]): number {
  const path = str(c, a[0]);
  c.m.seed(path);
  return c.k.readFile(path)?.length ?? -2;
}

function wait(c: Ctx, pid: number, statusp: number, options: number): number | Ctl {
  return sys(c, "waitpid", [pid, options], c.k.waitpid(c.t.tid, pid, options), (r) => {
    if (statusp && r.ret > 0 && r.status !== undefined) c.mem.writeU(statusp, 4, r.status >>> 0);
    return r.ret;
  });
}

const wmacro = (f: (s: number) => number | boolean) => (_c: Ctx, a: number[]): number => +f(a[0] & 0xffffffff);

/** pipe(2) and pipe2(2) (O_CLOEXEC, O_NONBLOCK): the two descriptors stored at fdsAddr. */
function pipe(c: Ctx, fdsAddr: number, flags: number): number | Ctl {
  const res = c.k.pipe(c.t.tid, flags);
  // The trace carries the two descriptors, as strace prints them: the fidelity check compares them.
  const fds = !isBlocked(res) && res.fds ? [...res.fds] : [];
  return sys(c, "pipe", fds, res, (r) => {
    if (r.fds) { c.mem.writeU(fdsAddr, 4, r.fds[0]); c.mem.writeU(fdsAddr + 4, 4, r.fds[1]); }
    return r.ret;
  });
}

/** write(2) and writev(2): the bytes to descriptor fd, the file-size limit told once, and
 *  the text kept in the trace when short (the fidelity harness compares it). */
export function writeCall(c: Ctx, call: string, fd: number, bytes: Uint8Array, args: number[]): number | Ctl {
  const r = c.k.write(c.t.tid, fd, bytes, call);
  if (!isBlocked(r) && r.errno === "EFBIG") c.m.limitNote(c.p, c.t, "fsize", () => `${call}() failed with EFBIG: the file would pass the model's ${MAX_FILE >> 20} MiB file-size limit (as under ulimit -f)`);
  return sys(c, call, args, r, undefined, bytes.length <= 4096 ? latin1Text(bytes) : undefined);
}

export const unistd: Builtin[] = [
  { name: "fork", fn: fork },
  { name: "getpid", fn: (c) => sys(c, "getpid", [], c.k.getpid(c.t.tid)) },
  { name: "getppid", fn: (c) => sys(c, "getppid", [], c.k.getppid(c.t.tid)) },
  { name: "getpgrp", fn: (c) => sys(c, "getpgrp", [], c.k.getpgrp(c.t.tid)) },
  { name: "setpgid", fn: (c, a) => sys(c, "setpgid", [a[0], a[1]], c.k.setpgid(c.t.tid, a[0], a[1])) },
  { name: "read", fn: (c, a) => sys(c, "read", [a[0], a[2]], c.k.read(c.t.tid, a[0], a[2]), copyOut(c, a[1], "read")) },
  { name: "write", fn: (c, a) => writeCall(c, "write", a[0], c.mem.readBytes(a[1], a[2]), [a[0], a[2]]) },
  { name: "pread", fn: (c, a) => sys(c, "pread", [a[0], a[2], a[3]], c.k.pread(c.t.tid, a[0], a[2], a[3]), copyOut(c, a[1], "pread")) },
  { name: "pwrite", fn: (c, a) => sys(c, "pwrite", [a[0], a[2], a[3]], c.k.pwrite(c.t.tid, a[0], c.mem.readBytes(a[1], a[2]), a[3])) },
  { name: "close", fn: (c, a) => sys(c, "close", [a[0]], c.k.close(c.t.tid, a[0])) },
  { name: "dup", fn: (c, a) => sys(c, "dup", [a[0]], c.k.dup(c.t.tid, a[0])) },
  { name: "dup2", fn: (c, a) => sys(c, "dup2", [a[0], a[1]], c.k.dup2(c.t.tid, a[0], a[1])) },
  { name: "pipe", fn: (c, a) => pipe(c, a[0], 0) },
  { name: "pipe2", fn: (c, a) => pipe(c, a[0], a[1]) },
  { name: "sleep", fn: (c, a) => sys(c, "sleep", [a[0]], c.k.sleep(c.t.tid, a[0])) },
  { name: "usleep", fn: (c, a) => sys(c, "usleep", [a[0]], c.k.usleep(c.t.tid, a[0])) },
  { name: "pause", fn: (c) => sys(c, "pause", [], c.k.pause(c.t.tid)) },
  { name: "alarm", fn: (c, a) => sys(c, "alarm", [a[0]], c.k.alarm(c.t.tid, a[0])) },
  { name: "sched_yield", fn: () => 0 },
  { name: "lseek", fn: (c, a) => sys(c, "lseek", [a[0], a[1], a[2]], c.k.lseek(c.t.tid, a[0], a[1], a[2])) },
  { name: "unlink", fn: (c, a) => sys(c, "unlink", [str(c, a[0])], c.k.unlink(c.t.tid, str(c, a[0]))) },
  {
    // <stdio.h>'s remove, as glibc's: unlink, then rmdir when the name is a directory.
    name: "remove", fn: (c, a) => {
      const path = str(c, a[0]);
      const r = sys(c, "unlink", [path], c.k.unlink(c.t.tid, path));
      if (r !== -1 || c.mem.readU(c.t.errnoAddr, 4) !== ERRNO.EISDIR) return r;
      return sys(c, "rmdir", [path], c.k.rmdir(c.t.tid, path));
    },
  },
  { name: "open", fn: (c, a) => { c.m.seed(str(c, a[0])); return sys(c, "open", [str(c, a[0]), a[1]], c.k.open(c.t.tid, str(c, a[0]), a[1], a[2] ?? 0o666)); } },
  { name: "creat", fn: (c, a) => { c.m.seed(str(c, a[0])); return sys(c, "open", [str(c, a[0]), 0o1101], c.k.open(c.t.tid, str(c, a[0]), 0o1101, a[1])); } },
  { name: "fcntl", fn: (c, a) => sys(c, "fcntl", [a[0], a[1]], c.k.fcntl(c.t.tid, a[0], a[1], a[2] ?? 0)) },
  { name: "isatty", fn: (c, a) => (isatty(c, a[0]) ? 1 : 0) },
  { name: "__forklab_size", fn: fileSize },
  { name: "execve", fn: (c, a) => execve(c, str(c, a[0]), argvList(c, a[1]), argvList(c, a[2])) },
  { name: "execv", fn: (c, a) => execve(c, str(c, a[0]), argvList(c, a[1]), c.p.env) },
  { name: "execvp", fn: (c, a) => execvp(c, str(c, a[0]), argvList(c, a[1])) },
  { name: "execvpe", fn: (c, a) => execvp(c, str(c, a[0]), argvList(c, a[1]), argvList(c, a[2])) },
  { name: "execl", fn: (c, a) => execve(c, str(c, a[0]), untilNull(a.slice(1)).map((x) => str(c, x)), c.p.env) },
  { name: "execlp", fn: (c, a) => execvp(c, str(c, a[0]), untilNull(a.slice(1)).map((x) => str(c, x))) },
  {
    // execle(path, arg0, ..., NULL, envp): the environment follows the argument list's NULL.
    name: "execle", fn: (c, a) => {
      const args = untilNull(a.slice(1));
      return execve(c, str(c, a[0]), args.map((x) => str(c, x)), argvList(c, a[args.length + 2] ?? 0));
    },
  },
  { name: "wait", fn: (c, a) => wait(c, -1, a[0], 0) },
  { name: "waitpid", fn: (c, a) => wait(c, a[0], a[1], a[2]) },
  { name: "WIFEXITED", fn: wmacro(W.WIFEXITED) },
  { name: "WEXITSTATUS", fn: wmacro(W.WEXITSTATUS) },
  { name: "WIFSIGNALED", fn: wmacro(W.WIFSIGNALED) },
  { name: "WTERMSIG", fn: wmacro(W.WTERMSIG) },
  { name: "WIFSTOPPED", fn: wmacro(W.WIFSTOPPED) },
  { name: "WSTOPSIG", fn: wmacro(W.WSTOPSIG) },
  { name: "WIFCONTINUED", fn: wmacro(W.WIFCONTINUED) },
  { name: "WCOREDUMP", fn: wmacro(W.WCOREDUMP) },
];

