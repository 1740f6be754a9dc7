// Sockets: AF_INET stream sockets on loopback (TCP), AF_UNIX stream sockets (named by a
// socket file, or made in pairs by socketpair), and UDP datagram sockets (udp.ts). A
// listening socket has an accept queue of connections the kernel completed (at most
// backlog + 1, as Linux); a connection is two sockets, each with a receive queue the other
// writes into. Closing sends FIN (the peer reads EOF after the data). Writing to a TCP peer
// that is gone draws an RST, after which writes fail with EPIPE and SIGPIPE; an AF_UNIX
// writer whose peer is gone (or shut its reading side) gets EPIPE and SIGPIPE at once.
import { ByteQueue } from "./bytequeue";
import {
  AF_INET, AF_UNIX, IPPROTO_TCP, IPPROTO_UDP, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_PEEK, MSG_WAITALL, O_CLOEXEC, O_NONBLOCK,
  O_RDWR, SHUT_RD, SHUT_RDWR, SHUT_WR, SOCK_DGRAM, SOCK_STREAM, SOMAXCONN,
} from "./fcntl";
import { fdalloc, fdavail, fdclose } from "./fdtable";
import { filealloc, fileclose, nonblocking, objalloc } from "./file";
import { emit, KFile, KState, Sock, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted, sigpipe } from "./signal";
import { bindport, ephemeral, listenerOn, localHost, LOOPBACK, portInUse, sockname, udpbind, unbindport, unixbind, unixlookup } from "./sockname";
import { udpclose, udpconnect, udpread, udpReadable, udpwrite } from "./udp";
import { Chan, exclusiveChan, objChan, touch, waitTest } from "./waitq";

export { listenerOn, sockname } from "./sockname";

/** An address as a program passes it: AF_INET's host and port, or AF_UNIX's path. */
export type SockAddr = { host: string; port: number } | { path: string };

/** The socket a sleeper names, or undefined once it is gone (the call then runs again and sees why). */
const sockOf = (k: KState, id: number): Sock | undefined => {
  const o = k.objects.get(id);
  return o?.kind === "socket" ? o : undefined;
};

waitTest("accept", (k, _t, c) => { const s = sockOf(k, c.sock); return !s || s.acceptq.length > 0 || s.state !== "listening"; });
/** Where connects wait for room in listener id's accept queue (it holds backlog + 1), or for it
 *  to go: an exclusive channel, so an accept lets one waiter go, not every one of them. */
const roomChan = exclusiveChan("q", (k, id) => {
  const l = sockOf(k, id);
  return !l || !reachable(k, l) ? Infinity : l.backlog + 1 - l.acceptq.length;
});
waitTest("connect", (k, _t, c) => { const l = sockOf(k, c.listener); return !l || !reachable(k, l) || l.acceptq.length <= l.backlog; });

/** Whether a connect can still reach listener l by its address (its port, or its path). */
function reachable(k: KState, l: Sock): boolean {
  if (l.state !== "listening") return false;
  if (l.family === "unix") { const r = unixlookup(k, l.path!); return r === l; }
  return listenerOn(k, l.port!) === l;
}
waitTest("sockread", (k, _t, c) => { const s = sockOf(k, c.sock); return !s || sockReadable(s); });
waitTest("sockwrite", (k, _t, c) => { const s = sockOf(k, c.sock); return !s || sockWritable(k, s); });

/** The channels a wait on s sleeps on: s, and for writes the peer whose queue must drain. */
export function sockChans(s: Sock, write: boolean): Chan[] {
  return write && s.peer ? [objChan(s.id), objChan(s.peer.id)] : [objChan(s.id)];
}

function sockalloc(k: KState, family: Sock["family"], type: Sock["type"]): Sock {
  return objalloc<Sock>(k, (id) => ({
    id, kind: "socket", family, type, refs: 0, state: "unbound", backlog: 0, acceptq: [], recv: new ByteQueue(), dgrams: [],
    peerClosed: false, peerGone: false, shutRd: false, shutWr: false, reuseaddr: false,
  }));
}

/** What getsockname, getpeername and accept hand back: AF_INET's "host:port" or AF_UNIX's path. */
const addrOf = (s: Sock, name: string | undefined): Omit<SysRet, "ret"> => (s.family === "unix" ? { sun: name ?? "" } : { addr: name });

/** The socket behind a descriptor, or the errno for a bad or non-socket one. */
export function sockget(t: Task, fd: number): { f: KFile; s: Sock } | SysRet {
  const f = Number.isInteger(fd) && fd >= 0 ? t.proc.fds[fd] : undefined;
  if (!f) return fail("EBADF");
  if (f.obj.kind !== "socket") return fail("ENOTSOCK");
  return { f, s: f.obj };
}

export function socket(k: KState, t: Task, domain: number, type: number, protocol: number): SysResult {
  if (domain !== AF_INET && domain !== AF_UNIX) return fail("EAFNOSUPPORT");
  if (type & ~(O_NONBLOCK | O_CLOEXEC | 0xf)) return fail("EINVAL");
  const kind = type & 0xf;
  if (kind !== SOCK_STREAM && kind !== SOCK_DGRAM) return fail("ESOCKTNOSUPPORT");
  // AF_UNIX datagram sockets are not modelled (the C library says so in a note).
  if (domain === AF_UNIX && kind === SOCK_DGRAM) return fail("ESOCKTNOSUPPORT");
  const own = domain === AF_UNIX ? 1 : kind === SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
  if (protocol !== 0 && protocol !== own) return fail("EPROTONOSUPPORT");
  const s = sockalloc(k, domain === AF_UNIX ? "unix" : "inet", kind === SOCK_STREAM ? "stream" : "dgram");
  const fd = install(k, t, s, type);
  return fd < 0 ? fail("EMFILE") : ok(fd);
}

/** A new open file on s at the lowest free descriptor (SOCK_NONBLOCK, SOCK_CLOEXEC from type); -1 when none is free. */
function install(k: KState, t: Task, s: Sock, type: number): number {
  const f = filealloc(k, s, O_RDWR | (type & O_NONBLOCK));
  const fd = fdalloc(k, t.proc, f, 0, (type & O_CLOEXEC) !== 0);
  if (fd < 0) fileclose(k, f);
  return fd;
}

/** socketpair(2): two connected AF_UNIX stream sockets, unnamed, on the two lowest free descriptors. */
export function socketpair(k: KState, t: Task, domain: number, type: number, protocol: number): SysResult {
  if (domain === AF_INET) return fail("EOPNOTSUPP");
  if (domain !== AF_UNIX) return fail("EAFNOSUPPORT");
  if (type & ~(O_NONBLOCK | O_CLOEXEC | 0xf)) return fail("EINVAL");
  if ((type & 0xf) !== SOCK_STREAM) return fail("ESOCKTNOSUPPORT");
  if (protocol !== 0 && protocol !== 1) return fail("EPROTONOSUPPORT");
  const [a, b] = [sockalloc(k, "unix", "stream"), sockalloc(k, "unix", "stream")];
  a.peer = b;
  b.peer = a;
  a.state = b.state = "connected";
  const x = install(k, t, a, type);
  const y = x < 0 ? -1 : install(k, t, b, type);
  if (y < 0) {
    if (x >= 0) fdclose(k, t.proc, x);
    return fail("EMFILE");
  }
  return ok(0, { fds: [x, y] });
}

const tcpFree = (k: KState, s: Sock) => (port: number): boolean => !portInUse(k, port, s);

/** An inet address's errno for a socket of the other family (AF_UNIX says EINVAL, AF_INET EAFNOSUPPORT). */
function familyMismatch(s: Sock, addr: SockAddr): SysRet | undefined {
  if (s.family === "unix") return "path" in addr ? undefined : fail("EINVAL");
  return "path" in addr ? fail("EAFNOSUPPORT") : undefined;
}

export function bind(k: KState, t: Task, fd: number, addr: SockAddr): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  const wrong = familyMismatch(s, addr);
  if (wrong) return wrong;
  if ("path" in addr) return unixbind(k, s, addr.path);
  if (s.state !== "unbound") return fail("EINVAL");
  const h = localHost(addr.host);
  if (!h) return fail("EADDRNOTAVAIL");
  const port = addr.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail("EINVAL");
  if (port > 0 && port < 1024) return fail("EACCES"); // privileged ports need root
  if (s.type === "dgram") return udpbind(k, s, h, port);
  const p = port === 0 ? ephemeral(k, tcpFree(k, s)) : port;
  if (p < 0 || portInUse(k, p, s)) return fail("EADDRINUSE");
  bindport(k, s, h, p);
  return ok(0);
}

export function listen(k: KState, t: Task, fd: number, backlog: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  if (s.type === "dgram") return fail("EOPNOTSUPP");
  if (s.state === "connected" || s.state === "closed") return fail("EINVAL");
  if (s.family === "unix") {
    if (s.path === undefined) return fail("EINVAL"); // an unnamed AF_UNIX socket cannot listen
  } else if (s.state === "unbound") {
    const p = ephemeral(k, tcpFree(k, s));
    if (p < 0) return fail("EADDRINUSE");
    bindport(k, s, "0.0.0.0", p);
  } else if (s.state === "bound" && (k.ports.get(s.port!) ?? []).some((o) => o !== s && o.state === "listening")) {
    return fail("EADDRINUSE");
  }
  s.backlog = !Number.isInteger(backlog) || backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog;
  s.state = "listening";
  touch(k, objChan(s.id));
  touch(k, roomChan(s.id)); // listen again with a larger backlog: room for more
  return ok(0);
}

/** The listening socket a stream connect to addr reaches, or why none does. */
function listenerFor(k: KState, addr: SockAddr): Sock | SysRet {
  if ("path" in addr) return unixlookup(k, addr.path);
  if (!localHost(addr.host)) return fail("ENETUNREACH");
  const port = addr.port;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return fail("ECONNREFUSED");
  return listenerOn(k, port) ?? fail("ECONNREFUSED");
}

export function connect(k: KState, t: Task, fd: number, addr: SockAddr): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { f, s } = g;
  const wrong = familyMismatch(s, addr);
  if (wrong) return wrong;
  if (s.type === "dgram") return udpconnect(k, s, addr as { host: string; port: number });
  const call = `connect(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.state === "connected") return fail("EISCONN");
  if (s.state === "listening") return fail(s.family === "unix" ? "EINVAL" : "EISCONN");
  if (s.state === "closed") return fail("EINVAL");
  const l = listenerFor(k, addr);
  if ("ret" in l) return l;
  // The accept queue holds backlog + 1 completed connections; beyond that the client waits.
  if (l.acceptq.length > l.backlog) {
    if (nonblocking(f)) return fail("EAGAIN");
    return block(k, t, call, { kind: "connect", listener: l.id, port: l.port ?? 0 }, [roomChan(l.id)]);
  }
  const srv = sockalloc(k, s.family, "stream");
  if (s.family === "unix") {
    srv.path = l.path;
    srv.remote = s.path;
    s.remote = l.path;
  } else {
    if (s.state === "unbound") {
      const p = ephemeral(k, tcpFree(k, s));
      if (p < 0) return fail("EADDRNOTAVAIL");
      bindport(k, s, LOOPBACK, p);
    }
    if (s.host === "0.0.0.0") s.host = LOOPBACK;
    srv.host = LOOPBACK;
    srv.port = l.port;
    srv.remote = sockname(s);
    s.remote = `${LOOPBACK}:${l.port}`;
  }
  srv.state = "connected";
  srv.listener = l;
  srv.peer = s;
  s.peer = srv;
  s.state = "connected";
  l.acceptq.push(srv);
  touch(k, objChan(l.id));
  touch(k, objChan(s.id));
  emit(k, { kind: "note", pid: t.proc.pid, text: `connection ${sockname(l) || "?"} <- ${srv.remote || "(unnamed)"} queued on the listening socket` });
  // An AF_UNIX connect is complete at once; a non-blocking TCP connect says it is under way.
  return nonblocking(f) && s.family === "inet" ? fail("EINPROGRESS") : ok(0);
}

/** accept(2), and accept4's flags: SOCK_NONBLOCK and SOCK_CLOEXEC for the new descriptor
 *  (which otherwise inherits neither from the listener, as on Linux); any other is EINVAL. */
export function accept(k: KState, t: Task, fd: number, flags = 0): SysResult {
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) return fail("EINVAL");
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { f, s } = g;
  const call = `accept(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.state !== "listening") return fail("EINVAL");
  if (s.acceptq.length === 0) {
    if (nonblocking(f)) return fail("EAGAIN");
    return block(k, t, call, { kind: "accept", sock: s.id }, [objChan(s.id)]);
  }
  if (!fdavail(k, t.proc)) return fail("EMFILE");
  const c = s.acceptq.shift()!;
  touch(k, objChan(s.id));
  touch(k, roomChan(s.id));
  c.listener = undefined;
  const nf = filealloc(k, c, O_RDWR | (flags & O_NONBLOCK));
  const nfd = fdalloc(k, t.proc, nf, 0, (flags & O_CLOEXEC) !== 0);
  return ok(nfd, addrOf(c, c.remote));
}

export function sockread(k: KState, t: Task, fd: number, f: KFile, s: Sock, n: number, flags = 0): SysResult {
  if (s.type === "dgram") return udpread(k, t, fd, f, s, n, flags);
  const call = `read(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.state !== "connected") return fail(s.family === "unix" ? "EINVAL" : "ENOTCONN");
  const empty = { data: new Uint8Array(0) };
  // TCP's SHUT_RD ends reading at once; an AF_UNIX socket still gives what is queued.
  if (n === 0 || (s.shutRd && s.family === "inet")) return ok(0, empty);
  const dontwait = nonblocking(f) || (flags & MSG_DONTWAIT) !== 0;
  const eof = s.peerClosed || s.shutRd || s.err !== undefined;
  // MSG_WAITALL waits for the whole length (or as much as the receive queue can hold), unless
  // the stream ends first.
  const short = (flags & MSG_WAITALL) !== 0 && !dontwait && !eof && s.recv.length < Math.min(n, k.limits.socketBuffer);
  if (s.recv.length > 0 && !short) {
    if (flags & MSG_PEEK) return ok(Math.min(n, s.recv.length), { data: s.recv.peek(n) });
    const data = s.recv.take(n);
    touch(k, objChan(s.id));
    return ok(data.length, { data });
  }
  if (s.err === "ECONNRESET") {
    s.err = undefined;
    touch(k, objChan(s.id));
    return fail("ECONNRESET");
  }
  if (s.peerClosed || s.shutRd) return ok(0, empty);
  if (dontwait) return fail("EAGAIN");
  return block(k, t, call, { kind: "sockread", sock: s.id }, sockChans(s, false));
}

/** EPIPE, with SIGPIPE unless the call said MSG_NOSIGNAL. */
function epipe(k: KState, t: Task, flags = 0): SysRet {
  if (!(flags & MSG_NOSIGNAL)) sigpipe(k, t.proc);
  return fail("EPIPE");
}

export function sockwrite(k: KState, t: Task, fd: number, f: KFile, s: Sock, bytes: Uint8Array, flags = 0): SysResult {
  if (s.type === "dgram") return udpwrite(k, t, f, s, bytes, undefined);
  const call = `write(${fd})`;
  const how = interrupted(t, call);
  const done = t.partial?.call === call ? t.partial.done : 0;
  t.partial = undefined;
  if (how === "eintr") return done > 0 ? ok(done) : fail("EINTR");
  if (s.family === "unix" && s.state !== "connected") return fail("ENOTCONN");
  if (s.state !== "connected" || s.shutWr) return epipe(k, t, flags);
  // AF_UNIX: a peer that is gone, or that shut its reading side, refuses at once; a write
  // that had sent part returns that part (and raises no SIGPIPE), as Linux does.
  if (s.family === "unix" && (!s.peer || s.peer.shutRd)) return done > 0 ? ok(done) : epipe(k, t, flags);
  if (s.err) {
    const e = s.err;
    s.err = undefined;
    s.shutWr = true;
    touch(k, objChan(s.id));
    return e === "EPIPE" ? epipe(k, t, flags) : fail(e);
  }
  if (s.peerGone) {
    // The peer's socket is gone: these bytes draw an RST, which makes later writes fail.
    s.err = "EPIPE";
    touch(k, objChan(s.id));
    return ok(bytes.length);
  }
  const peer = s.peer!;
  const space = k.limits.socketBuffer - peer.recv.length;
  const chunk = Math.min(space, bytes.length - done);
  if (chunk > 0) {
    peer.recv.push(bytes.subarray(done, done + chunk));
    touch(k, objChan(peer.id));
  }
  const wrote = done + chunk;
  if (wrote === bytes.length) return ok(wrote);
  if (nonblocking(f) || flags & MSG_DONTWAIT) return wrote > 0 ? ok(wrote) : fail("EAGAIN");
  if (wrote > 0) t.partial = { call, done: wrote };
  return block(k, t, call, { kind: "sockwrite", sock: s.id }, sockChans(s, true));
}

/** sendto(2): a datagram socket sends to addr (or its peer); a stream socket writes (an
 *  address given to a connected TCP socket is ignored, as Linux does). */
export function sendto(k: KState, t: Task, fd: number, f: KFile, bytes: Uint8Array, addr: SockAddr | null, flags = 0): SysResult {
  if (f.obj.kind !== "socket") return fail("ENOTSOCK");
  const s = f.obj;
  if (s.type === "dgram") {
    if (addr && "path" in addr) return fail("EAFNOSUPPORT");
    return udpwrite(k, t, f, s, bytes, addr ?? undefined);
  }
  if (addr && s.family === "unix") return fail(s.state === "connected" ? "EISCONN" : "EOPNOTSUPP");
  return sockwrite(k, t, fd, f, s, bytes, flags);
}

/** recvfrom(2): read(2) on a socket, with the datagram's sender. */
export function recvfrom(k: KState, t: Task, fd: number, f: KFile, n: number, flags = 0): SysResult {
  if (f.obj.kind !== "socket") return fail("ENOTSOCK");
  return sockread(k, t, fd, f, f.obj, n, flags);
}

/** The last open file of this socket went: FIN (or RST with unread data) to the peer, free the port. */
export function sockclose(k: KState, s: Sock): void {
  if (s.type === "dgram") {
    udpclose(k, s);
    unbindport(k, s);
    s.state = "closed";
    return;
  }
  if (s.state === "listening") {
    for (const c of s.acceptq) {
      k.objects.delete(c.id);
      if (c.peer) {
        c.peer.peerClosed = c.peer.peerGone = true;
        c.peer.err = "ECONNRESET";
        touch(k, objChan(c.peer.id));
      }
    }
    s.acceptq = [];
  }
  const peer = s.peer;
  if (peer) {
    peer.peerClosed = true;
    peer.peerGone = true;
    if (s.recv.length > 0) peer.err = "ECONNRESET";
    peer.peer = undefined;
    touch(k, objChan(peer.id));
  }
  unbindport(k, s);
  s.state = "closed";
  touch(k, objChan(s.id));
  touch(k, roomChan(s.id));
}

export function shutdown(k: KState, t: Task, fd: number, how: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) return fail("EINVAL");
  if (s.state !== "connected" || (s.type === "dgram" && !s.remote)) return fail("ENOTCONN");
  if (how !== SHUT_RD) {
    s.shutWr = true;
    if (s.peer) {
      s.peer.peerClosed = true;
      touch(k, objChan(s.peer.id));
    }
  }
  if (how !== SHUT_WR) {
    s.shutRd = true;
    // An AF_UNIX peer's writes now fail with EPIPE: wake a writer blocked on room.
    if (s.peer) touch(k, objChan(s.peer.id));
  }
  touch(k, objChan(s.id));
  return ok(0);
}

export function getsockname(t: Task, fd: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  return ok(0, addrOf(g.s, sockname(g.s)));
}

export function getpeername(t: Task, fd: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  // A connected AF_UNIX socket's peer may be unnamed (socketpair, an unbound client): still an answer.
  if (s.state !== "connected" || (s.family === "inet" && !s.remote)) return fail("ENOTCONN");
  return ok(0, addrOf(s, s.remote));
}

/** select/poll readability: data, EOF, a pending error, or (listening) a queued connection. */
export function sockReadable(s: Sock): boolean {
  if (s.type === "dgram") return udpReadable(s);
  if (s.state === "listening") return s.acceptq.length > 0;
  if (s.state !== "connected") return true; // an unconnected TCP socket polls as hung up
  return s.recv.length > 0 || s.peerClosed || s.shutRd || s.err !== undefined;
}

export function sockWritable(k: KState, s: Sock): boolean {
  if (s.type === "dgram") return true;
  if (s.state === "listening") return false;
  if (s.state !== "connected" || s.shutWr || s.peerGone || s.err || !s.peer) return true;
  if (s.family === "unix" && s.peer.shutRd) return true;
  return k.limits.socketBuffer - s.peer.recv.length > 0;
}
