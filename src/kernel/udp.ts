// UDP on loopback (SOCK_DGRAM over AF_INET): each sendto is one datagram, delivered whole to
// the socket bound to the destination port or not at all. A receive takes one datagram and
// returns at most the buffer's length of it; the rest of that datagram is gone (message
// boundaries are kept, never merged). A full receive queue drops what arrives, as Linux
// does. A connected datagram socket sends to its peer by default, hears only from it, and
// learns from the ICMP "port unreachable" of loopback that nothing listens there: the next
// call fails with ECONNREFUSED.
import type { KFile, KState, Sock, Task } from "./kstate";
import { emit } from "./kstate";
import { MSG_DONTWAIT, MSG_PEEK } from "./fcntl";
import { nonblocking } from "./file";
import { block } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted } from "./signal";
import { localHost, LOOPBACK, sockname, udpbind } from "./sockname";
import { objChan, touch } from "./waitq";

/** The largest UDP payload over IPv4 (65535 less the IP and UDP headers). */
const MAX_DATAGRAM = 65507;

type InetAddr = { host: string; port: number };

/** The socket's own address as a receiver sees it (an unbound sender is bound first). */
function sender(k: KState, s: Sock): string | SysRet {
  if (s.port === undefined) {
    const r = udpbind(k, s, "0.0.0.0", 0);
    if (r.ret < 0) return r;
  }
  return `${LOOPBACK}:${s.port}`;
}

/** The socket datagrams to port reach from `from`: bound there, and not connected to someone else. */
function receiver(k: KState, port: number, from: string): Sock | undefined {
  const r = k.udpPorts.get(port);
  return r && (!r.remote || r.remote === from) ? r : undefined;
}

/** connect(2) on a datagram socket: the default destination and the only source heard. */
export function udpconnect(k: KState, s: Sock, addr: InetAddr): SysRet {
  if (!localHost(addr.host)) return fail("ENETUNREACH");
  if (!Number.isInteger(addr.port) || addr.port < 0 || addr.port > 65535) return fail("EINVAL");
  const me = sender(k, s);
  if (typeof me !== "string") return me;
  s.remote = `${LOOPBACK}:${addr.port}`;
  s.state = "connected";
  s.err = undefined;
  return ok(0);
}

/** sendto(2)/write(2): one datagram to `to` (or the connected peer). Never blocks. */
export function udpwrite(k: KState, t: Task, _f: KFile, s: Sock, bytes: Uint8Array, to: InetAddr | undefined): SysResult {
  if (s.err) return takeErr(k, s);
  if (!to && !s.remote) return fail("EDESTADDRREQ");
  if (bytes.length > MAX_DATAGRAM) return fail("EMSGSIZE");
  const dest = to ?? { host: LOOPBACK, port: +s.remote!.split(":")[1] };
  if (!localHost(dest.host)) return fail("ENETUNREACH");
  if (!Number.isInteger(dest.port) || dest.port <= 0 || dest.port > 65535) return fail("EINVAL");
  const from = sender(k, s);
  if (typeof from !== "string") return from;
  const r = receiver(k, dest.port, from);
  if (!r) {
    // Loopback answers at once with ICMP port unreachable; only a connected socket hears it.
    if (s.remote === `${LOOPBACK}:${dest.port}`) { s.err = "ECONNREFUSED"; touch(k, objChan(s.id)); }
    return ok(bytes.length);
  }
  if (r.recv.length + bytes.length > k.limits.socketBuffer) {
    emit(k, { kind: "note", pid: t.proc.pid, text: `datagram of ${bytes.length} bytes to ${sockname(r)} dropped: its receive queue is full` });
    return ok(bytes.length);
  }
  r.recv.push(bytes);
  r.dgrams.push({ len: bytes.length, from });
  touch(k, objChan(r.id));
  return ok(bytes.length);
}

/** recvfrom(2)/read(2): the oldest datagram, cut to n bytes, and who sent it. */
export function udpread(k: KState, t: Task, fd: number, f: KFile, s: Sock, n: number, flags = 0): SysResult {
  const call = `recvfrom(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.err) return takeErr(k, s);
  // MSG_PEEK leaves the datagram for the next receive.
  const d = flags & MSG_PEEK ? s.dgrams[0] : s.dgrams.shift();
  if (d) {
    const whole = flags & MSG_PEEK ? s.recv.peek(d.len) : s.recv.take(d.len);
    touch(k, objChan(s.id));
    const data = whole.subarray(0, Math.min(n, d.len));
    return ok(data.length, { data, addr: d.from });
  }
  if (nonblocking(f) || flags & MSG_DONTWAIT) return fail("EAGAIN");
  return block(k, t, call, { kind: "sockread", sock: s.id }, [objChan(s.id)]);
}

/** A pending error (ECONNREFUSED) is reported once, by whichever call comes first. */
function takeErr(k: KState, s: Sock): SysRet {
  const e = s.err!;
  s.err = undefined;
  touch(k, objChan(s.id));
  return fail(e);
}

export const udpReadable = (s: Sock): boolean => s.dgrams.length > 0 || s.err !== undefined;

/** The last open file went: queued datagrams go with it. */
export function udpclose(k: KState, s: Sock): void {
  s.recv.clear();
  s.dgrams = [];
  touch(k, objChan(s.id));
}
