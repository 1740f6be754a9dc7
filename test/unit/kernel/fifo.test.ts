// Named pipes: fifo(7)'s open rules in the kernel model (the conformance program
// test/conformance/fifo.c checks the same against Linux).
import * as assert from "node:assert/strict";
import { O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from "../../../src/kernel/kernel";
import { blocked, boot, enc, errno, fork, okRet, text } from "./helpers";

describe("kernel: named pipes (mkfifo)", () => {
  it("a writer's open waits for a reader; the reader's open lets both go on; bytes pass, then EOF", () => {
    const { k, pid } = boot();
    okRet(k.mkfifo(pid, "f", 0o644));
    const c = fork(k, pid);
    blocked(k.open(c, "f", O_WRONLY), "open(f)");
    const r = okRet(k.open(pid, "f", O_RDONLY));
    assert.equal(k.task(c)!.runnable, true, "the reader's open woke the writer");
    const w = okRet(k.open(c, "f", O_WRONLY));
    okRet(k.write(c, w, enc("hi")));
    okRet(k.close(c, w));
    assert.equal(text(k.read(pid, r, 10)), "hi");
    assert.equal(okRet(k.read(pid, r, 10)), 0);
  });

  it("a reader's open waits for a writer, even one that opens and closes before the reader runs again", () => {
    const { k, pid } = boot();
    okRet(k.mkfifo(pid, "f", 0o644));
    const c = fork(k, pid);
    blocked(k.open(c, "f", O_RDONLY), "open(f)");
    const w = okRet(k.open(pid, "f", O_WRONLY));
    okRet(k.close(pid, w));
    assert.equal(k.task(c)!.runnable, true);
    const r = okRet(k.open(c, "f", O_RDONLY));
    assert.equal(okRet(k.read(c, r, 10)), 0, "no writer left: EOF");
  });

  it("a reader waiting in open keeps the pipe: bytes a writer wrote and closed before the reader runs again are read, then EOF", () => {
    const { k, pid } = boot();
    okRet(k.mkfifo(pid, "f", 0o644));
    const c = fork(k, pid);
    blocked(k.open(c, "f", O_RDONLY), "open(f)");
    const w = okRet(k.open(pid, "f", O_WRONLY));
    okRet(k.write(pid, w, enc("hello")));
    okRet(k.close(pid, w));
    const r = okRet(k.open(c, "f", O_RDONLY));
    assert.equal(text(k.read(c, r, 10)), "hello", "Linux's reader counts itself before it waits: the bytes stay");
    assert.equal(okRet(k.read(c, r, 10)), 0, "no writer left: EOF");
    okRet(k.close(c, r));
    assert.equal(k.snapshot(1).objects.filter((o) => o.kind === "pipe").length, 0, "the pipe goes with its last opener");
  });

  it("O_NONBLOCK: a reader opens at once, a writer with no reader gets ENXIO; O_RDWR never waits", () => {
    const { k, pid } = boot();
    okRet(k.mkfifo(pid, "f", 0o644));
    assert.equal(errno(k.open(pid, "f", O_WRONLY | O_NONBLOCK)), "ENXIO");
    const r = okRet(k.open(pid, "f", O_RDONLY | O_NONBLOCK));
    const w = okRet(k.open(pid, "f", O_WRONLY | O_NONBLOCK));
    okRet(k.write(pid, w, enc("x")));
    assert.equal(text(k.read(pid, r, 1)), "x");
    const rw = okRet(k.open(pid, "f", O_RDWR));
    okRet(k.write(pid, rw, enc("y")));
    assert.equal(text(k.read(pid, rw, 1)), "y");
  });

  it("mkfifo: EEXIST for a taken name, and the unread bytes go when the last opener closes", () => {
    const { k, pid } = boot();
    okRet(k.mkfifo(pid, "f", 0o600));
    assert.equal(errno(k.mkfifo(pid, "f", 0o600)), "EEXIST");
    const rw = okRet(k.open(pid, "f", O_RDWR));
    okRet(k.write(pid, rw, enc("lost")));
    okRet(k.close(pid, rw));
    const r = okRet(k.open(pid, "f", O_RDONLY | O_NONBLOCK));
    assert.equal(okRet(k.read(pid, r, 10)), 0);
  });
});
