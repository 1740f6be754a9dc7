// AF_INET stream sockets on loopback. A listening socket has an accept queue of
// connections the kernel completed (at most backlog + 1, as Linux); a connection is two
// sockets, each with a receive queue the other writes into. Closing sends FIN (the peer
// reads EOF after the data); writing to a peer that is gone draws an RST, after which
// writes fail with EPIPE and SIGPIPE.
import { ByteQueue } from "./bytequeue";
import {
  AF_INET, IPPROTO_TCP, O_CLOEXEC, O_NONBLOCK, O_RDWR, SHUT_RD, SHUT_RDWR, SHUT_WR, SO_KEEPALIVE,
  SO_REUSEADDR, SO_REUSEPORT, SOCK_STREAM, SOL_SOCKET, SOMAXCONN,
} from "./fcntl";
import { fdalloc, fdavail } from "./fdtable";
import { filealloc, fileclose, nonblocking, objalloc } from "./file";
import { emit, KFile, KState, Sock, Task } from "./kstate";
import { block } from "./proc";
import { fail, ok, SysResult, SysRet } from "./result";
import { interrupted, sendsig } from "./signal";
import { SIG } from "./signum";
import { Chan, exclusiveChan, objChan, touch, waitTest } from "./waitq";

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
  return !l || l.state !== "listening" || listenerOn(k, l.port!) !== l ? Infinity : l.backlog + 1 - l.acceptq.length;
});
waitTest("connect", (k, _t, c) => { const l = sockOf(k, c.listener); return !l || listenerOn(k, c.port) !== l || l.acceptq.length <= l.backlog; });
waitTest("sockread", (k, _t, c) => { const s = sockOf(k, c.sock); return !s || sockReadable(s); });
waitTest("sockwrite", (k, _t, c) => { const s = sockOf(k, c.sock); return !s || sockWritable(k, s); });

/** The channels a wait on s sleeps on: s, and for writes the peer whose queue must drain. */
export function sockChans(s: Sock, write: boolean): Chan[] {
  return write && s.peer ? [objChan(s.id), objChan(s.peer.id)] : [objChan(s.id)];
}

const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;
const LOOPBACK = "127.0.0.1";

function sockalloc(k: KState): Sock {
  return objalloc<Sock>(k, (id) => ({
    id, kind: "socket", refs: 0, state: "unbound", backlog: 0, acceptq: [], recv: new ByteQueue(),
    peerClosed: false, peerGone: false, shutRd: false, shutWr: false, reuseaddr: false,
  }));
}

export const sockname = (s: Sock): string => `${s.host ?? "0.0.0.0"}:${s.port ?? 0}`;

/** The socket behind a descriptor, or the errno for a bad or non-socket one. */
export function sockget(t: Task, fd: number): { f: KFile; s: Sock } | SysRet {
  const f = Number.isInteger(fd) && fd >= 0 ? t.proc.fds[fd] : undefined;
  if (!f) return fail("EBADF");
  if (f.obj.kind !== "socket") return fail("ENOTSOCK");
  return { f, s: f.obj };
}

export function socket(k: KState, t: Task, domain: number, type: number, protocol: number): SysResult {
  if (domain !== AF_INET) return fail("EAFNOSUPPORT");
  if (type & ~(SOCK_STREAM | O_NONBLOCK | O_CLOEXEC | 0xf)) return fail("EINVAL");
  if ((type & 0xf) !== SOCK_STREAM) return fail("EPROTONOSUPPORT");
  if (protocol !== 0 && protocol !== IPPROTO_TCP) return fail("EPROTONOSUPPORT");
  const s = sockalloc(k);
  const f = filealloc(k, s, O_RDWR | (type & O_NONBLOCK));
  const fd = fdalloc(k, t.proc, f, 0, (type & O_CLOEXEC) !== 0);
  if (fd < 0) {
    fileclose(k, f);
    return fail("EMFILE");
  }
  return ok(fd);
}

function portInUse(k: KState, port: number, s: Sock): boolean {
  // SO_REUSEADDR lets two sockets share a port as long as neither listens.
  return (k.ports.get(port) ?? []).some((o) => o.state === "listening" || !(o.reuseaddr && s.reuseaddr));
}

function bindport(k: KState, s: Sock, host: string, port: number): void {
  s.host = host;
  s.port = port;
  s.state = "bound";
  const list = k.ports.get(port) ?? [];
  list.push(s);
  k.ports.set(port, list);
}

function unbindport(k: KState, s: Sock): void {
  if (s.port === undefined || s.listener) return;
  const list = (k.ports.get(s.port) ?? []).filter((o) => o !== s);
  if (list.length) k.ports.set(s.port, list);
  else k.ports.delete(s.port);
}

function ephemeral(k: KState, s: Sock): number {
  for (let i = 0; i <= EPHEMERAL_HIGH - EPHEMERAL_LOW; i++) {
    const port = k.nextEphemeral;
    k.nextEphemeral = port >= EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
    if (!portInUse(k, port, s)) return port;
  }
  return -1;
}

const localHost = (h: string): string | undefined =>
  h === "0.0.0.0" || h === "" ? "0.0.0.0" : h === LOOPBACK || h === "localhost" ? LOOPBACK : undefined;

export function bind(k: KState, t: Task, fd: number, host: string, port: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  if (s.state !== "unbound") return fail("EINVAL");
  const h = localHost(host);
  if (!h) return fail("EADDRNOTAVAIL");
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail("EINVAL");
  if (port > 0 && port < 1024) return fail("EACCES"); // privileged ports need root
  const p = port === 0 ? ephemeral(k, s) : port;
  if (p < 0 || portInUse(k, p, s)) return fail("EADDRINUSE");
  bindport(k, s, h, p);
  return ok(0);
}

export function listen(k: KState, t: Task, fd: number, backlog: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { s } = g;
  if (s.state === "connected" || s.state === "closed") return fail("EINVAL");
  if (s.state === "unbound") {
    const p = ephemeral(k, s);
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

export function listenerOn(k: KState, port: number): Sock | undefined {
  return (k.ports.get(port) ?? []).find((o) => o.state === "listening");
}

export function connect(k: KState, t: Task, fd: number, host: string, port: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  const { f, s } = g;
  const call = `connect(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.state === "connected" || s.state === "listening") return fail("EISCONN");
  if (s.state === "closed") return fail("EINVAL");
  if (!localHost(host)) return fail("ENETUNREACH");
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return fail("ECONNREFUSED");
  const l = listenerOn(k, port);
  if (!l) return fail("ECONNREFUSED");
  // The accept queue holds backlog + 1 completed connections; beyond that the client waits.
  if (l.acceptq.length > l.backlog) {
    if (nonblocking(f)) return fail("EAGAIN");
    return block(k, t, call, { kind: "connect", listener: l.id, port }, [roomChan(l.id)]);
  }
  if (s.state === "unbound") {
    const p = ephemeral(k, s);
    if (p < 0) return fail("EADDRNOTAVAIL");
    bindport(k, s, LOOPBACK, p);
  }
  if (s.host === "0.0.0.0") s.host = LOOPBACK;
  const srv = sockalloc(k);
  srv.state = "connected";
  srv.host = LOOPBACK;
  srv.port = port;
  srv.listener = l;
  srv.remote = sockname(s);
  srv.peer = s;
  s.peer = srv;
  s.state = "connected";
  s.remote = `${LOOPBACK}:${port}`;
  l.acceptq.push(srv);
  touch(k, objChan(l.id));
  touch(k, objChan(s.id));
  emit(k, { kind: "note", pid: t.proc.pid, text: `connection ${s.remote} <- ${srv.remote} queued on the listening socket` });
  return nonblocking(f) ? fail("EINPROGRESS") : ok(0);
}

export function accept(k: KState, t: Task, fd: number): SysResult {
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
  const nf = filealloc(k, c, O_RDWR);
  const nfd = fdalloc(k, t.proc, nf);
  return ok(nfd, { addr: c.remote });
}

export function sockread(k: KState, t: Task, fd: number, f: KFile, s: Sock, n: number): SysResult {
  const call = `read(${fd})`;
  if (interrupted(t, call) === "eintr") return fail("EINTR");
  if (s.state !== "connected") return fail("ENOTCONN");
  const empty = { data: new Uint8Array(0) };
  if (n === 0 || s.shutRd) return ok(0, empty);
  if (s.recv.length > 0) {
    const data = s.recv.take(n);
    touch(k, objChan(s.id));
    return ok(data.length, { data });
  }
  if (s.err === "ECONNRESET") {
    s.err = undefined;
    touch(k, objChan(s.id));
    return fail("ECONNRESET");
  }
  if (s.peerClosed) return ok(0, empty);
  if (nonblocking(f)) return fail("EAGAIN");
  return block(k, t, call, { kind: "sockread", sock: s.id }, sockChans(s, false));
}

function epipe(k: KState, t: Task): SysRet {
  sendsig(k, t.proc, SIG.SIGPIPE);
  return fail("EPIPE");
}

export function sockwrite(k: KState, t: Task, fd: number, f: KFile, s: Sock, bytes: Uint8Array): SysResult {
  const call = `write(${fd})`;
  const how = interrupted(t, call);
  const done = t.partial?.call === call ? t.partial.done : 0;
  t.partial = undefined;
  if (how === "eintr") return done > 0 ? ok(done) : fail("EINTR");
  if (s.state !== "connected" || s.shutWr) return epipe(k, t);
  if (s.err) {
    const e = s.err;
    s.err = undefined;
    s.shutWr = true;
    touch(k, objChan(s.id));
    return e === "EPIPE" ? epipe(k, t) : fail(e);
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
  if (nonblocking(f)) return wrote > 0 ? ok(wrote) : fail("EAGAIN");
  if (wrote > 0) t.partial = { call, done: wrote };
  return block(k, t, call, { kind: "sockwrite", sock: s.id }, sockChans(s, true));
}

/** The last open file of this socket went: FIN (or RST with unread data) to the peer, free the port. */
export function sockclose(k: KState, s: Sock): void {
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
  if (s.state !== "connected") return fail("ENOTCONN");
  if (how !== SHUT_RD) {
    s.shutWr = true;
    if (s.peer) {
      s.peer.peerClosed = true;
      touch(k, objChan(s.peer.id));
    }
  }
  if (how !== SHUT_WR) s.shutRd = true;
  touch(k, objChan(s.id));
  return ok(0);
}

export function setsockopt(t: Task, fd: number, level: number, opt: number, value: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  if (level === SOL_SOCKET) {
    if (opt === SO_REUSEADDR) g.s.reuseaddr = value !== 0;
    else if (opt !== SO_KEEPALIVE && opt !== SO_REUSEPORT) return fail("ENOPROTOOPT");
    return ok(0);
  }
  if (level === IPPROTO_TCP) return ok(0);
  return fail("ENOPROTOOPT");
}

export function getsockname(t: Task, fd: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  return ok(0, { addr: sockname(g.s) });
}

export function getpeername(t: Task, fd: number): SysResult {
  const g = sockget(t, fd);
  if ("ret" in g) return g;
  if (g.s.state !== "connected" || !g.s.remote) return fail("ENOTCONN");
  return ok(0, { addr: g.s.remote });
}

/** select/poll readability: data, EOF, a pending error, or (listening) a queued connection. */
export function sockReadable(s: Sock): boolean {
  if (s.state === "listening") return s.acceptq.length > 0;
  if (s.state !== "connected") return true; // an unconnected TCP socket polls as hung up
  return s.recv.length > 0 || s.peerClosed || s.shutRd || s.err !== undefined;
}

export function sockWritable(k: KState, s: Sock): boolean {
  if (s.state === "listening") return false;
  if (s.state !== "connected" || s.shutWr || s.peerGone || s.err || !s.peer) return true;
  return k.limits.socketBuffer - s.peer.recv.length > 0;
}
