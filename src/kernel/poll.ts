// poll(2): each descriptor's events as Linux's f_op->poll reports them, masked by what the
// caller asked for, plus POLLHUP, POLLERR and POLLNVAL, which are always reported. Waits as
// select does (select.ts): on the objects' channels and the clock, until something is ready
// or the timeout passes; a call woken for nothing it asked about waits again.
import { deadline } from "./clock";
import { readable as canRead, writable as canWrite } from "./file";
import type { KFile, KState, Sock, Task, WaitCond } from "./kstate";
import { pipeFull } from "./pipe";
import { block } from "./proc";
import { fail, ok, SysResult } from "./result";
import { selectChans } from "./select";
import { interrupted } from "./signal";
import { sockReadable, sockWritable } from "./socket";
import { ttyReadable } from "./tty";

export const POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
export const POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200, POLLRDHUP = 0x2000;
const IN = POLLIN | POLLRDNORM;
const OUT = POLLOUT | POLLWRNORM;

export interface PollFd { fd: number; events: number }

/** A socket's events, as tcp_poll, unix_poll and udp_poll give them. */
function sockEvents(k: KState, s: Sock): number {
  let m = s.err !== undefined ? POLLERR : 0;
  if (s.type === "dgram") return m | (sockReadable(s) ? IN : 0) | OUT;
  if (s.state === "listening") return s.acceptq.length > 0 ? IN : 0;
  // A TCP socket never connected is closed: it polls as hung up (and writable, as Linux says).
  if (s.state !== "connected") return m | POLLHUP | (s.family === "inet" ? OUT : 0);
  const rcvShut = s.peerClosed || s.shutRd;
  // Both directions shut: ours for writing and the peer's FIN (or our SHUT_RD); a closed
  // AF_UNIX peer shuts both at once.
  if ((rcvShut && s.shutWr) || (s.family === "unix" && s.peerGone)) m |= POLLHUP;
  if (rcvShut) m |= POLLRDHUP;
  if (s.recv.length > 0 || rcvShut) m |= IN;
  // Shut for writing still polls writable (a write would fail at once, with EPIPE).
  if (sockWritable(k, s)) m |= OUT;
  return m;
}

/** What descriptor f would report with every event asked for. */
function events(k: KState, f: KFile): number {
  const o = f.obj;
  switch (o.kind) {
    case "pipe": {
      let m = 0;
      if (canRead(f)) m |= (o.buf.length > 0 ? IN : 0) | (o.writers === 0 ? POLLHUP : 0);
      if (canWrite(f)) m |= (o.readers === 0 ? POLLERR : 0) | (pipeFull(o) ? 0 : OUT);
      return m;
    }
    case "socket": return sockEvents(k, o);
    case "tty": return (canRead(f) && ttyReadable(o.dev) ? IN : 0) | (canWrite(f) ? OUT : 0);
    default: return IN | OUT; // a regular file is always ready
  }
}

/** Each entry's revents: a negative fd is skipped (0), a closed one is POLLNVAL. */
export function revents(k: KState, t: Task, fds: PollFd[]): number[] {
  return fds.map(({ fd, events: want }) => {
    if (fd < 0) return 0;
    const f = t.proc.fds[fd];
    if (!f) return POLLNVAL;
    return events(k, f) & (want | POLLHUP | POLLERR);
  });
}

export function poll(k: KState, t: Task, fds: PollFd[], timeoutMs: number): SysResult {
  if (fds.length > k.limits.maxFds) return fail("EINVAL");
  const call = `poll(${fds.length})`;
  if (interrupted(t, call) === "eintr") {
    t.timer = undefined;
    return fail("EINTR");
  }
  const r = revents(k, t, fds);
  const n = r.filter((x) => x !== 0).length;
  const due = timeoutMs < 0 ? undefined : deadline(k, t, call, timeoutMs);
  if (n > 0 || (due !== undefined && k.clock >= due)) {
    t.timer = undefined;
    return ok(n, { revents: r });
  }
  // Wait as select would for the same descriptors: reading (which covers a hang-up) for every
  // one not asked only for writing, writing for those asked for it.
  const open = fds.filter((p) => p.fd >= 0 && t.proc.fds[p.fd]);
  const rs = open.filter((p) => p.events & (IN | POLLPRI | POLLRDHUP) || !(p.events & OUT)).map((p) => p.fd);
  const ws = open.filter((p) => p.events & OUT).map((p) => p.fd);
  const cond: WaitCond = { kind: "select", read: rs, write: ws };
  if (due !== undefined) cond.deadline = due;
  return block(k, t, call, cond, selectChans(t, rs, ws, due !== undefined));
}
