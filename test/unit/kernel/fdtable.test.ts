import * as assert from "node:assert/strict";
import { F_GETFD, F_GETFL, F_SETFD, F_SETFL, FD_CLOEXEC, O_APPEND, O_CLOEXEC, O_CREAT, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, SEEK_CUR } from "../../../src/kernel/kernel";
import { boot, done, enc, errno, fileOf, fork, okRet, proc, text } from "./helpers";

describe("kernel: descriptor tables and the open file table", () => {
  it("open, pipe and dup return the lowest free descriptor; close then open reuses it (C18)", () => {
    const { k, pid } = boot();
    assert.equal(okRet(k.open(pid, "/a", O_CREAT | O_RDWR)), 3);
    assert.deepEqual(done(k.pipe(pid)).fds, [4, 5]);
    okRet(k.close(pid, 4));
    assert.equal(okRet(k.dup(pid, 3)), 4);
    okRet(k.close(pid, 0));
    assert.equal(okRet(k.open(pid, "/a", O_RDONLY)), 0);
  });

  it("close, dup and dup2 of a descriptor that is not open fail with EBADF", () => {
    const { k, pid } = boot();
    assert.equal(errno(k.close(pid, 7)), "EBADF");
    assert.equal(errno(k.close(pid, -1)), "EBADF");
    assert.equal(errno(k.dup(pid, 7)), "EBADF");
    assert.equal(errno(k.dup2(pid, 7, 1)), "EBADF");
    assert.equal(errno(k.dup2(pid, 1, -1)), "EBADF");
    assert.equal(errno(k.dup2(pid, 1, 1_000_000)), "EBADF");
    assert.equal(errno(k.dup2(pid, 9, 9)), "EBADF", "dup2(fd, fd) with fd closed is EBADF");
  });

  it("dup2(fd, fd) on an open fd returns fd and changes nothing", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/a", O_CREAT | O_RDWR | O_CLOEXEC));
    const before = k.snapshot(0);
    assert.equal(okRet(k.dup2(pid, fd, fd)), fd);
    assert.equal(fileOf(k.snapshot(1), pid, fd).refcount, fileOf(before, pid, fd).refcount);
    assert.equal(okRet(k.fcntl(pid, fd, F_GETFD)), FD_CLOEXEC, "FD_CLOEXEC survives dup2(fd, fd)");
  });

  it("dup2 closes the target silently and makes it share the open file; FD_CLOEXEC is clear on the copy", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/out", O_CREAT | O_WRONLY | O_CLOEXEC));
    assert.equal(okRet(k.dup2(pid, fd, 1)), 1);
    const s = k.snapshot(0);
    assert.equal(fileOf(s, pid, 1).id, fileOf(s, pid, fd).id);
    assert.equal(fileOf(s, pid, fd).refcount, 2);
    assert.equal(okRet(k.fcntl(pid, 1, F_GETFD)), 0);
    assert.deepEqual(proc(s, pid).cloexec, [fd]);
  });

  it("dup2 redirection shares the offset: writes through 1 and through fd continue each other (C17)", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/out", O_CREAT | O_WRONLY));
    okRet(k.dup2(pid, fd, 1));
    okRet(k.write(pid, 1, enc("hello ")));
    okRet(k.write(pid, fd, enc("world")));
    assert.equal(new TextDecoder().decode(k.readFile("/out")), "hello world");
    assert.equal(fileOf(k.snapshot(0), pid, 1).offset, 11);
  });

  it("after fork the open file has refcount 2, and 1 after the parent closes its descriptor (C4)", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/conn", O_CREAT | O_RDWR));
    const c = fork(k, pid);
    assert.equal(fileOf(k.snapshot(0), pid, fd).refcount, 2);
    okRet(k.close(pid, fd));
    const s = k.snapshot(1);
    assert.equal(fileOf(s, c, fd).refcount, 1);
    assert.equal(proc(s, pid).fds[fd] ?? null, null);
  });

  it("fork shares one offset: a read in the child advances the parent's position (C16)", () => {
    const { k, pid } = boot();
    k.writeFile("/data", "abcdef");
    const fd = okRet(k.open(pid, "/data", O_RDONLY));
    const c = fork(k, pid);
    assert.equal(text(k.read(c, fd, 2)), "ab");
    assert.equal(text(k.read(pid, fd, 2)), "cd");
  });

  it("separate opens of one file have separate offsets (C15/C16)", () => {
    const { k, pid } = boot();
    k.writeFile("/data", "abcdef");
    const a = okRet(k.open(pid, "/data", O_RDONLY));
    const b = okRet(k.open(pid, "/data", O_RDONLY));
    assert.equal(text(k.read(pid, a, 3)), "abc");
    assert.equal(text(k.read(pid, b, 3)), "abc");
    const s = k.snapshot(0);
    assert.notEqual(fileOf(s, pid, a).id, fileOf(s, pid, b).id);
    assert.equal(fileOf(s, pid, a).object, fileOf(s, pid, b).object, "one v-node, two open files");
  });

  it("dup shares the offset too", () => {
    const { k, pid } = boot();
    k.writeFile("/data", "abcdef");
    const a = okRet(k.open(pid, "/data", O_RDONLY));
    const b = okRet(k.dup(pid, a));
    okRet(k.read(pid, a, 4));
    assert.equal(okRet(k.lseek(pid, b, 0, SEEK_CUR)), 4);
  });

  it("the object is released when its last open file goes; the open file when its last descriptor goes", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    for (const fd of [r, w]) { okRet(k.close(pid, fd)); }
    assert.equal(k.snapshot(0).objects.filter((o) => o.kind === "pipe").length, 1);
    okRet(k.close(c, r));
    okRet(k.close(c, w));
    const s = k.snapshot(1);
    assert.equal(s.objects.filter((o) => o.kind === "pipe").length, 0);
    assert.equal(s.files.filter((f) => f.end).length, 0);
  });

  it("EMFILE when the descriptor table is full (RLIMIT_NOFILE)", () => {
    const { k, pid } = boot({ maxFds: 5 });
    okRet(k.open(pid, "/a", O_CREAT | O_RDWR));
    okRet(k.dup(pid, 3));
    assert.equal(errno(k.open(pid, "/b", O_CREAT | O_RDWR)), "EMFILE");
    assert.equal(k.readFile("/b"), undefined, "nothing was created");
    assert.equal(errno(k.dup(pid, 3)), "EMFILE");
    assert.equal(errno(k.pipe(pid)), "EMFILE");
    okRet(k.close(pid, 4));
    assert.equal(errno(k.pipe(pid)), "EMFILE", "a pipe needs two free descriptors");
    assert.equal(k.snapshot(0).objects.filter((o) => o.kind === "pipe").length, 0, "the half-made pipe is gone");
  });

  it("fcntl F_GETFL/F_SETFL change status flags on the shared open file; F_SETFD only this descriptor", () => {
    const { k, pid } = boot();
    const a = okRet(k.open(pid, "/a", O_CREAT | O_WRONLY));
    const b = okRet(k.dup(pid, a));
    okRet(k.fcntl(pid, a, F_SETFL, O_APPEND | O_NONBLOCK));
    assert.equal(okRet(k.fcntl(pid, b, F_GETFL)), O_WRONLY | O_APPEND | O_NONBLOCK);
    okRet(k.fcntl(pid, a, F_SETFD, FD_CLOEXEC));
    assert.equal(okRet(k.fcntl(pid, b, F_GETFD)), 0);
    assert.equal(errno(k.fcntl(pid, a, 9999)), "EINVAL");
    assert.deepEqual(fileOf(k.snapshot(0), pid, a).flags, ["O_WRONLY", "O_APPEND", "O_NONBLOCK"]);
  });
});
