// Per-process descriptor tables: descriptor number -> open file (xv6's fdalloc and friends).
import { filedup, fileclose } from "./file";
import type { KFile, KProc, KState } from "./kstate";

/** The lowest free descriptor >= from, installed with f; -1 when the table is full (EMFILE). */
export function fdalloc(k: KState, p: KProc, f: KFile, from = 0, cloexec = false): number {
  for (let fd = from; fd < k.limits.maxFds; fd++) {
    if (!p.fds[fd]) {
      p.fds[fd] = f;
      p.cloexec[fd] = cloexec;
      return fd;
    }
  }
  return -1;
}

/** Whether fdalloc would find a free descriptor. */
export function fdavail(k: KState, p: KProc): boolean {
  return p.fds.length < k.limits.maxFds || p.fds.slice(0, k.limits.maxFds).includes(null);
}

export function fdget(p: KProc, fd: number): KFile | undefined {
  return Number.isInteger(fd) && fd >= 0 ? (p.fds[fd] ?? undefined) : undefined;
}

/** Clear a slot and drop its reference; trailing free slots are trimmed. */
export function fdclose(k: KState, p: KProc, fd: number): void {
  const f = p.fds[fd];
  if (!f) return;
  p.fds[fd] = null;
  p.cloexec[fd] = false;
  while (p.fds.length > 0 && !p.fds[p.fds.length - 1]) {
    p.fds.length--;
    p.cloexec.length = p.fds.length;
  }
  fileclose(k, f);
}

/** dup2's core: newfd comes to refer to f, closing what it held (silently, as Linux does). */
export function fdinstall(k: KState, p: KProc, f: KFile, newfd: number, cloexec: boolean): void {
  filedup(f);
  if (p.fds[newfd]) fdclose(k, p, newfd);
  while (p.fds.length < newfd) {
    p.fds.push(null);
    p.cloexec.push(false);
  }
  p.fds[newfd] = f;
  p.cloexec[newfd] = cloexec;
}

/** Close every descriptor (exit), lowest first. */
export function fdcloseall(k: KState, p: KProc): void {
  for (let fd = 0; fd < p.fds.length; fd++) fdclose(k, p, fd);
  p.fds = [];
  p.cloexec = [];
}

/** exec: close the descriptors marked FD_CLOEXEC. */
export function fdcloseexec(k: KState, p: KProc): void {
  for (let fd = p.fds.length - 1; fd >= 0; fd--) if (p.cloexec[fd]) fdclose(k, p, fd);
}

/** fork: the child's table points at the same open files, each gaining a reference. */
export function fdcopy(p: KProc): { fds: Array<KFile | null>; cloexec: boolean[] } {
  const fds = p.fds.map((f) => (f ? filedup(f) : null));
  return { fds, cloexec: p.cloexec.slice() };
}
