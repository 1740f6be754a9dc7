import * as assert from "node:assert/strict";
import { AF_INET, Kernel, SHUT_WR, SIG, SO_REUSEADDR, SOCK_STREAM, SOL_SOCKET } from "../../../src/kernel/kernel";
import { blocked, boot, dead, done, enc, errno, fileOf, fork, okRet, proc, text } from "./helpers";

const PORT = 15213;

function server(k: Kernel, pid: number, backlog = 5): number {
  const s = okRet(k.socket(pid, AF_INET, SOCK_STREAM, 0));
  okRet(k.setsockopt(pid, s, SOL_SOCKET, SO_REUSEADDR, 1));
  okRet(k.bind(pid, s, { host: "0.0.0.0", port: PORT }));
  okRet(k.listen(pid, s, backlog));
  return s;
}

function client(k: Kernel): { c: number; fd: number } {
  const c = k.spawn({ name: "client", kind: "client" });
  const fd = okRet(k.socket(c, AF_INET, SOCK_STREAM));
  okRet(k.connect(c, fd, { host: "127.0.0.1", port: PORT }));
  return { c, fd };
}

describe("kernel: TCP sockets on loopback", () => {
  it("listen, connect, accept: two byte queues, one per direction (C26)", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const a = done(k.accept(pid, ls));
    assert.equal(a.ret, ls + 1);
    assert.match(a.addr!, /^127\.0\.0\.1:\d+$/);
    assert.equal(done(k.getpeername(c, fd)).addr, `127.0.0.1:${PORT}`);
    assert.equal(done(k.getsockname(pid, ls)).addr, `0.0.0.0:${PORT}`);
    okRet(k.write(c, fd, enc("ping\n")));
    const conn = k.snapshot(0).objects.find((o) => o.kind === "socket" && o.recvQueue === "ping\n");
    assert.ok(conn, "the bytes wait in the server side's receive queue");
    assert.equal(text(k.read(pid, a.ret, 100)), "ping\n");
    okRet(k.write(pid, a.ret, enc("pong\n")));
    assert.equal(text(k.read(c, fd, 100)), "pong\n");
  });

  it("accept blocks until a client connects; the connect wakes it", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    blocked(k.accept(pid, ls), `accept(${ls})`);
    assert.equal(proc(k.snapshot(0), pid).blockedOn, `accept(${ls})`);
    client(k);
    assert.equal(k.task(pid)!.runnable, true);
    assert.ok(okRet(k.accept(pid, ls)) > ls);
  });

  it("the accept queue holds backlog + 1 connections; the next client waits in connect", () => {
    const { k, pid } = boot();
    const ls = server(k, pid, 1);
    client(k);
    client(k);
    const c3 = k.spawn({ name: "c3", kind: "client" });
    const fd3 = okRet(k.socket(c3, AF_INET, SOCK_STREAM));
    blocked(k.connect(c3, fd3, { host: "127.0.0.1", port: PORT }));
    const l = k.snapshot(0).objects.find((o) => o.kind === "socket" && o.state === "listening");
    assert.equal(l && l.kind === "socket" ? l.pending?.length : -1, 2);
    okRet(k.accept(pid, ls));
    assert.equal(k.task(c3)!.runnable, true);
    okRet(k.connect(c3, fd3, { host: "127.0.0.1", port: PORT }));
  });

  it("connect to a port nobody listens on is ECONNREFUSED; binding a port in use is EADDRINUSE; a low port EACCES", () => {
    const { k, pid } = boot();
    const s = okRet(k.socket(pid, AF_INET, SOCK_STREAM));
    assert.equal(errno(k.connect(pid, s, { host: "127.0.0.1", port: 9999 })), "ECONNREFUSED");
    server(k, pid);
    const t = okRet(k.socket(pid, AF_INET, SOCK_STREAM));
    assert.equal(errno(k.bind(pid, t, { host: "0.0.0.0", port: PORT })), "EADDRINUSE");
    assert.equal(errno(k.bind(pid, t, { host: "0.0.0.0", port: 80 })), "EACCES");
    assert.equal(errno(k.bind(pid, t, { host: "10.1.2.3", port: 5000 })), "EADDRNOTAVAIL");
    assert.equal(errno(k.socket(pid, 99, SOCK_STREAM)), "EAFNOSUPPORT");
    assert.equal(errno(k.accept(pid, t)), "EINVAL", "accept on a socket that does not listen");
    assert.equal(errno(k.accept(pid, 1)), "ENOTSOCK");
    assert.equal(errno(k.accept(pid, 77)), "EBADF");
  });

  it("close sends EOF: the peer reads the remaining data, then 0", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    blocked(k.read(c, fd, 10));
    okRet(k.write(pid, conn, enc("bye")));
    okRet(k.close(pid, conn));
    assert.equal(text(k.read(c, fd, 10)), "bye");
    assert.equal(okRet(k.read(c, fd, 10)), 0);
  });

  it("after fork the connection's open file has refcount 2; the client sees EOF only when both copies are closed (C4, C5)", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    const child = fork(k, pid);
    assert.equal(fileOf(k.snapshot(0), pid, conn).refcount, 2);
    okRet(k.close(child, ls));
    okRet(k.close(pid, conn));
    assert.equal(fileOf(k.snapshot(1), child, conn).refcount, 1);
    blocked(k.read(c, fd, 10), `read(${fd})`); // no EOF while the child still holds the connection
    k.exit(child, 0);
    assert.equal(okRet(k.read(c, fd, 10)), 0);
  });

  it("writing to a connection whose peer has closed: the first write draws an RST, the next gets SIGPIPE/EPIPE", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    okRet(k.close(c, fd));
    assert.equal(okRet(k.write(pid, conn, enc("a"))), 1);
    assert.equal(errno(k.write(pid, conn, enc("b"))), "EPIPE");
    assert.ok(dead(k, pid), "SIGPIPE's default action killed the server");
  });

  it("with SIGPIPE ignored, writes after the RST fail with EPIPE and the process lives", () => {
    const { k, pid } = boot();
    k.signal(pid, SIG.SIGPIPE, "SIG_IGN");
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    okRet(k.close(c, fd));
    okRet(k.write(pid, conn, enc("a")));
    assert.equal(errno(k.write(pid, conn, enc("b"))), "EPIPE");
    assert.equal(errno(k.write(pid, conn, enc("c"))), "EPIPE");
    assert.equal(k.task(pid)!.state, "ready");
  });

  it("shutdown(SHUT_WR): the peer reads EOF, the socket can still read, and its own writes get EPIPE/SIGPIPE", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    okRet(k.shutdown(c, fd, SHUT_WR));
    assert.equal(okRet(k.read(pid, conn, 10)), 0);
    okRet(k.write(pid, conn, enc("still open")));
    assert.equal(text(k.read(c, fd, 100)), "still open");
    assert.equal(errno(k.write(c, fd, enc("x"))), "EPIPE");
    assert.ok(dead(k, c), "the client died of SIGPIPE");
    assert.equal(errno(k.shutdown(pid, ls, 9)), "EINVAL");
    assert.equal(errno(k.shutdown(pid, ls, SHUT_WR)), "ENOTCONN");
  });

  it("closing with unread bytes resets the connection: the peer's next read fails with ECONNRESET", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    const conn = okRet(k.accept(pid, ls));
    okRet(k.write(pid, conn, enc("never read")));
    okRet(k.close(c, fd));
    assert.equal(errno(k.read(pid, conn, 10)), "ECONNRESET");
    assert.equal(okRet(k.read(pid, conn, 10)), 0, "then EOF");
  });

  it("a connection still in the accept queue when the listener closes is reset", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    const { c, fd } = client(k);
    okRet(k.close(pid, ls));
    assert.equal(errno(k.read(c, fd, 10)), "ECONNRESET");
    assert.equal(k.snapshot(0).objects.filter((o) => o.kind === "socket").length, 1, "only the client's socket is left");
  });

  it("closing a listening socket frees the port", () => {
    const { k, pid } = boot();
    const ls = server(k, pid);
    okRet(k.close(pid, ls));
    server(k, pid);
  });
});
