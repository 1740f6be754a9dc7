import * as assert from "node:assert/strict";
import { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, SEEK_CUR, SEEK_END, SEEK_SET } from "../../../src/kernel/kernel";
import { boot, enc, errno, okRet, text } from "./helpers";

describe("kernel: regular files", () => {
  it("open without O_CREAT on a missing path fails with ENOENT; O_CREAT|O_EXCL on an existing one with EEXIST", () => {
    const { k, pid } = boot();
    assert.equal(errno(k.open(pid, "/nope", O_RDONLY)), "ENOENT");
    assert.equal(errno(k.open(pid, "", O_RDONLY)), "ENOENT");
    okRet(k.open(pid, "/x", O_CREAT | O_EXCL | O_WRONLY));
    assert.equal(errno(k.open(pid, "/x", O_CREAT | O_EXCL | O_WRONLY)), "EEXIST");
    assert.equal(errno(k.open(pid, "/x", 3)), "EINVAL", "access mode 3 is invalid");
  });

  it("read returns bytes from the offset and 0 at end of file; write extends the size", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/f", O_CREAT | O_RDWR));
    assert.equal(okRet(k.write(pid, fd, enc("hello"))), 5);
    assert.equal(okRet(k.lseek(pid, fd, 0, SEEK_SET)), 0);
    assert.equal(text(k.read(pid, fd, 3)), "hel");
    assert.equal(text(k.read(pid, fd, 10)), "lo");
    assert.equal(okRet(k.read(pid, fd, 10)), 0);
    assert.equal(okRet(k.lseek(pid, fd, 0, SEEK_END)), 5);
  });

  it("O_TRUNC empties the file; O_APPEND writes always go to the end, whatever the offset", () => {
    const { k, pid } = boot();
    k.writeFile("/log", "old data");
    const t = okRet(k.open(pid, "/log", O_WRONLY | O_TRUNC));
    assert.equal(k.readFile("/log")!.length, 0);
    okRet(k.write(pid, t, enc("a")));
    const a = okRet(k.open(pid, "/log", O_WRONLY | O_APPEND));
    okRet(k.lseek(pid, a, 0, SEEK_SET));
    okRet(k.write(pid, a, enc("b")));
    okRet(k.write(pid, t, enc("c")));
    assert.equal(new TextDecoder().decode(k.readFile("/log")), "ac", "t's offset was 1, so c overwrote b");
  });

  it("lseek: SEEK_CUR/SEEK_END, EINVAL on a negative result or bad whence, holes read as zeros", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/f", O_CREAT | O_RDWR));
    okRet(k.write(pid, fd, enc("ab")));
    assert.equal(errno(k.lseek(pid, fd, -3, SEEK_CUR)), "EINVAL");
    assert.equal(errno(k.lseek(pid, fd, 0, 7)), "EINVAL");
    assert.equal(okRet(k.lseek(pid, fd, 2, SEEK_END)), 4);
    okRet(k.write(pid, fd, enc("z")));
    assert.deepEqual([...k.readFile("/f")!], [97, 98, 0, 0, 122]);
  });

  it("reading a write-only descriptor or writing a read-only one is EBADF", () => {
    const { k, pid } = boot();
    const w = okRet(k.open(pid, "/f", O_CREAT | O_WRONLY));
    assert.equal(errno(k.read(pid, w, 1)), "EBADF");
    const r = okRet(k.open(pid, "/f", O_RDONLY));
    assert.equal(errno(k.write(pid, r, enc("x"))), "EBADF");
  });

  it("lseek on a pipe is ESPIPE", () => {
    const { k, pid } = boot();
    okRet(k.pipe(pid));
    assert.equal(errno(k.lseek(pid, 3, 0, SEEK_SET)), "ESPIPE");
  });

  it("the snapshot shows the file's path, size and a preview", () => {
    const { k, pid } = boot();
    const fd = okRet(k.open(pid, "/f", O_CREAT | O_RDWR));
    okRet(k.write(pid, fd, enc("hi there")));
    const o = k.snapshot(0).objects.find((x) => x.kind === "file");
    assert.deepEqual(o && { ...o }, { id: o!.id, refs: 1, kind: "file", path: "/f", size: 8, preview: "hi there" });
  });
});
