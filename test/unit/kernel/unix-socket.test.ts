import * as assert from "node:assert/strict";
import { AF_INET, AF_UNIX, Kernel, SHUT_RD, SIG, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_STREAM } from "../../../src/kernel/kernel";
import type { SocketObject } from "../../../src/contract/snapshot";
import { blocked, boot, dead, done, enc, errno, fork, okRet, text } from "./helpers";

const sockets = (k: Kernel): SocketObject[] => k.snapshot(0).objects.filter((o): o is SocketObject => o.kind === "socket");

function listener(k: Kernel, pid: number, path: string, backlog = 5): number {
  const s = okRet(k.socket(pid, AF_UNIX, SOCK_STREAM, 0));
  okRet(k.bind(pid, s, { path }));
  okRet(k.listen(pid, s, backlog));
  return s;
}

describe("kernel: AF_UNIX stream sockets and socketpair", () => {
  it("bind makes a socket file; the name stays after close, connect then says ECONNREFUSED, and after unlink ENOENT", () => {
    const { k, pid } = boot();
    const l = listener(k, pid, "srv.sock");
    assert.equal(done(k.stat(pid, "srv.sock")).stat!.mode & 0o170000, 0o140000);
    assert.equal(errno(k.open(pid, "srv.sock", 0)), "ENXIO");
    const u = okRet(k.socket(pid, AF_UNIX, SOCK_STREAM, 0));
    assert.equal(errno(k.bind(pid, u, { path: "srv.sock" })), "EADDRINUSE");
    okRet(k.close(pid, l));
    assert.equal(errno(k.connect(pid, u, { path: "srv.sock" })), "ECONNREFUSED");
    okRet(k.unlink(pid, "srv.sock"));
    assert.equal(errno(k.connect(pid, u, { path: "srv.sock" })), "ENOENT");
  });

  it("the two families refuse each other's addresses as Linux does (EINVAL on AF_UNIX, EAFNOSUPPORT on AF_INET)", () => {
    const { k, pid } = boot();
    const u = okRet(k.socket(pid, AF_UNIX, SOCK_STREAM, 0));
    const i = okRet(k.socket(pid, AF_INET, SOCK_STREAM, 0));
    assert.equal(errno(k.bind(pid, u, { host: "127.0.0.1", port: 5000 })), "EINVAL");
    assert.equal(errno(k.bind(pid, i, { path: "x.sock" })), "EAFNOSUPPORT");
    assert.equal(errno(k.socket(pid, AF_UNIX, SOCK_DGRAM, 0)), "ESOCKTNOSUPPORT");
  });

  it("connect waits while the accept queue is full and goes when accept makes room; the accepted end has the listener's name", () => {
    const { k, pid } = boot();
    const l = listener(k, pid, "q.sock", 0);
    const c1 = k.spawn({ name: "c1", kind: "client" });
    const c2 = k.spawn({ name: "c2", kind: "client" });
    const f1 = okRet(k.socket(c1, AF_UNIX, SOCK_STREAM, 0));
    const f2 = okRet(k.socket(c2, AF_UNIX, SOCK_STREAM, 0));
    okRet(k.connect(c1, f1, { path: "q.sock" }));
    blocked(k.connect(c2, f2, { path: "q.sock" }), `connect(${f2})`);
    const a = done(k.accept(pid, l));
    assert.equal(a.sun, "", "the client is unnamed");
    assert.equal(done(k.getsockname(pid, a.ret)).sun, "q.sock");
    assert.equal(k.task(c2)!.runnable, true, "the accept woke the waiting connect");
    okRet(k.connect(c2, f2, { path: "q.sock" }));
    const view = sockets(k).find((s) => s.state === "listening")!;
    assert.equal(view.family, "AF_UNIX");
    assert.equal(view.local, "q.sock");
    assert.equal(view.pending?.length, 1);
  });

  it("a non-blocking connect completes at once (no EINPROGRESS) and a full queue says EAGAIN", () => {
    const { k, pid } = boot();
    listener(k, pid, "nb.sock", 0);
    const a = okRet(k.socket(pid, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
    const b = okRet(k.socket(pid, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
    okRet(k.connect(pid, a, { path: "nb.sock" }));
    assert.equal(errno(k.connect(pid, b, { path: "nb.sock" })), "EAGAIN");
  });

  it("socketpair: the two lowest descriptors, bytes both ways, a blocked read woken by the other end's write", () => {
    const { k, pid } = boot();
    const r = done(k.socketpair(pid, AF_UNIX, SOCK_STREAM, 0));
    assert.deepEqual(r.fds, [3, 4]);
    const child = fork(k, pid);
    blocked(k.read(child, 4, 10), "read(4)");
    okRet(k.write(pid, 3, enc("hi")));
    assert.equal(k.task(child)!.runnable, true);
    assert.equal(text(k.read(child, 4, 10)), "hi");
    const [x, y] = sockets(k);
    assert.equal(x.peer, y.id);
    assert.equal(x.family, "AF_UNIX");
    assert.equal(errno(k.socketpair(pid, AF_INET, SOCK_STREAM, 0)), "EOPNOTSUPP");
  });

  it("a write to an end whose peer is gone fails at once with EPIPE and SIGPIPE (no first write that succeeds, unlike TCP)", () => {
    const { k, pid } = boot();
    done(k.socketpair(pid, AF_UNIX, SOCK_STREAM, 0));
    okRet(k.close(pid, 4));
    assert.equal(done(k.read(pid, 3, 10)).ret, 0, "EOF");
    assert.equal(errno(k.write(pid, 3, enc("x"))), "EPIPE");
    assert.ok(dead(k, pid), "SIGPIPE's default action ended the process");
  });

  it("shutdown(SHUT_RD) on one end wakes a writer blocked on a full queue: it returns what it wrote, its next write fails with EPIPE", () => {
    const { k, pid } = boot({ socketBuffer: 4 });
    done(k.socketpair(pid, AF_UNIX, SOCK_STREAM, 0));
    const child = fork(k, pid);
    k.signal(child, SIG.SIGPIPE, "SIG_IGN");
    blocked(k.write(child, 3, enc("abcdefgh")));
    okRet(k.shutdown(pid, 4, SHUT_RD));
    assert.equal(k.task(child)!.runnable, true);
    assert.equal(okRet(k.write(child, 3, enc("abcdefgh"))), 4, "the part written before is returned");
    assert.equal(errno(k.write(child, 3, enc("x"))), "EPIPE");
    assert.equal(text(k.read(pid, 4, 10)), "abcd", "the shut reader still gets what was queued");
    assert.equal(done(k.read(pid, 4, 10)).ret, 0);
  });

  it("closing an end with unread bytes makes the other end's read fail once with ECONNRESET after its own data", () => {
    const { k, pid } = boot();
    done(k.socketpair(pid, AF_UNIX, SOCK_STREAM, 0));
    okRet(k.write(pid, 3, enc("unread")));
    okRet(k.write(pid, 4, enc("kept")));
    okRet(k.close(pid, 4));
    assert.equal(text(k.read(pid, 3, 10)), "kept");
    assert.equal(errno(k.read(pid, 3, 10)), "ECONNRESET");
    assert.equal(done(k.read(pid, 3, 10)).ret, 0);
  });
});

describe("kernel: UDP on loopback", () => {
  it("keeps message boundaries, cuts a datagram to the buffer and loses the rest, tells the sender", () => {
    const { k, pid } = boot();
    const s = okRet(k.socket(pid, AF_INET, SOCK_DGRAM, 0));
    const c = okRet(k.socket(pid, AF_INET, SOCK_DGRAM, 0));
    okRet(k.bind(pid, s, { host: "127.0.0.1", port: 9000 }));
    okRet(k.sendto(pid, c, enc("hello"), { host: "127.0.0.1", port: 9000 }));
    okRet(k.sendto(pid, c, enc("world!"), { host: "127.0.0.1", port: 9000 }));
    const view = sockets(k).find((o) => o.local === "127.0.0.1:9000")!;
    assert.equal(view.type, "SOCK_DGRAM");
    assert.deepEqual(view.datagrams?.map((d) => d.data), ["hello", "world!"]);
    const r = done(k.recvfrom(pid, s, 3));
    assert.equal(new TextDecoder().decode(r.data), "hel");
    assert.equal(r.addr, done(k.getsockname(pid, c)).addr!.replace("0.0.0.0", "127.0.0.1"));
    assert.equal(text(k.recvfrom(pid, s, 100)), "world!");
    blocked(k.recvfrom(pid, s, 100), `recvfrom(${s})`);
  });

  it("a blocked recvfrom wakes on a datagram; a connected socket hears only its peer and learns ECONNREFUSED", () => {
    const { k, pid } = boot();
    const s = okRet(k.socket(pid, AF_INET, SOCK_DGRAM, 0));
    okRet(k.bind(pid, s, { host: "0.0.0.0", port: 9001 }));
    const child = fork(k, pid);
    blocked(k.recvfrom(child, s, 100));
    const c = okRet(k.socket(pid, AF_INET, SOCK_DGRAM, 0));
    okRet(k.connect(pid, c, { host: "127.0.0.1", port: 9001 }));
    okRet(k.write(pid, c, enc("ping")));
    assert.equal(k.task(child)!.runnable, true);
    assert.equal(text(k.recvfrom(child, s, 100)), "ping");
    assert.equal(errno(k.sendto(pid, s, enc("x"), null)), "EDESTADDRREQ");
    okRet(k.connect(pid, c, { host: "127.0.0.1", port: 9002 }));
    okRet(k.write(pid, c, enc("nobody")));
    assert.equal(errno(k.recvfrom(pid, c, 10)), "ECONNREFUSED");
    assert.equal(errno(k.listen(pid, s, 1)), "EOPNOTSUPP");
  });
});
