import * as assert from "node:assert/strict";
import { Kernel, O_NONBLOCK, PIPE_BUF, SIG, W_TERMSIG } from "../../../src/kernel/kernel";
import { blocked, boot, dead, done, enc, errno, fork, okRet, proc, text } from "./helpers";

const bytes = (n: number, c = 120): Uint8Array => new Uint8Array(n).fill(c);

describe("kernel: pipes", () => {
  it("a reader of an empty pipe blocks until a writer writes (C23)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    blocked(k.read(c, r, 10), `read(${r})`);
    assert.equal(proc(k.snapshot(0), c).blockedOn, `read(${r})`);
    okRet(k.write(pid, w, enc("hi")));
    assert.equal(k.task(c)!.runnable, true, "the writer woke the reader");
    assert.equal(text(k.read(c, r, 10)), "hi");
  });

  it("holds 64 KiB: the writer blocks when the pipe is full and resumes when a reader drains a page (C23)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    assert.equal(okRet(k.write(c, w, bytes(65536))), 65536);
    blocked(k.write(c, w, enc("x")), `write(${w})`);
    assert.equal(k.snapshot(0).objects.find((o) => o.kind === "pipe")?.kind, "pipe");
    // A byte read frees no page (Linux: a 1-byte write to a full pipe read by one byte still
    // fails with EAGAIN); the rest of the first page frees it.
    okRet(k.read(pid, r, 1));
    assert.equal(k.task(c)!.runnable, false);
    okRet(k.read(pid, r, 4095));
    assert.equal(k.task(c)!.runnable, true);
    assert.equal(okRet(k.write(c, w, enc("x"))), 1);
  });

  it("fills page by page as Linux does: a write's tail joins the last page when it fits, the rest takes whole pages", () => {
    const { k, pid } = boot();
    const took = (size: number): number => {
      const [r, w] = done(k.pipe(pid, O_NONBLOCK)).fds!;
      let total = 0;
      let n: number;
      while ((n = done(k.write(pid, w, bytes(size))).ret) > 0) total += n;
      okRet(k.close(pid, r));
      okRet(k.close(pid, w));
      return total;
    };
    // As on Linux (test/conformance/pipe-pages.c): 100- and 1000-byte writes 4000 bytes to a page.
    assert.deepEqual([100, 1000, 4096, 4097, 5000].map(took), [64000, 64000, 65536, 45066, 54096]);
  });

  it("read returns 0 (EOF) only after every write end is closed, the child's copy included (C24)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    okRet(k.close(c, w));
    blocked(k.read(c, r, 1));
    okRet(k.close(pid, w));
    assert.equal(k.task(c)!.runnable, true);
    assert.equal(okRet(k.read(c, r, 1)), 0);
  });

  it("data written before the last writer closed is read before EOF", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    okRet(k.write(pid, w, enc("abc")));
    okRet(k.close(pid, w));
    assert.equal(text(k.read(pid, r, 2)), "ab");
    assert.equal(text(k.read(pid, r, 2)), "c");
    assert.equal(okRet(k.read(pid, r, 2)), 0);
  });

  it("writing with every read end closed raises SIGPIPE, which kills the writer by default (C25)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    okRet(k.close(pid, r));
    okRet(k.close(c, r));
    assert.equal(errno(k.write(c, w, enc("x"))), "EPIPE");
    assert.ok(dead(k, c));
    assert.equal(done(k.waitpid(pid, c, 0)).status, W_TERMSIG(SIG.SIGPIPE, false));
  });

  it("with SIGPIPE ignored the write fails with EPIPE and the writer lives on (C25)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    k.signal(pid, SIG.SIGPIPE, "SIG_IGN");
    okRet(k.close(pid, r));
    assert.equal(errno(k.write(pid, w, enc("x"))), "EPIPE");
    assert.equal(k.task(pid)!.state, "ready");
  });

  it("a blocked writer is woken when the last reader goes, then gets SIGPIPE", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    okRet(k.close(c, r));
    okRet(k.write(c, w, bytes(65536)));
    blocked(k.write(c, w, enc("y")));
    okRet(k.close(pid, r));
    assert.equal(k.task(c)!.runnable, true);
    errno(k.write(c, w, enc("y")));
    assert.ok(dead(k, c));
  });

  it("writes of at most PIPE_BUF bytes are atomic: with too little room nothing is written and the writer waits", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    okRet(k.write(pid, w, bytes(65536 - 100)));
    const c = fork(k, pid);
    blocked(k.write(c, w, bytes(PIPE_BUF, 65)));
    assert.equal((k.snapshot(0).objects.find((o) => o.kind === "pipe") as { buffer: string }).buffer.length, 65436, "nothing of the 4096 bytes went in");
    okRet(k.read(pid, r, PIPE_BUF));
    assert.equal(okRet(k.write(c, w, bytes(PIPE_BUF, 65))), PIPE_BUF);
  });

  it("writes larger than PIPE_BUF may be split: they fill the free pages, block, and finish after the reader drains", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    okRet(k.write(pid, w, bytes(65536 - 4096)));
    const c = fork(k, pid);
    blocked(k.write(c, w, bytes(5000, 66)));
    const buf = (k.snapshot(0).objects.find((o) => o.kind === "pipe") as { buffer: string }).buffer;
    assert.equal(buf.length, 65536, "4096 bytes of the 5000 went in at once, a page");
    okRet(k.read(pid, r, 65536));
    assert.equal(okRet(k.write(c, w, bytes(5000, 66))), 5000, "the re-issued call finishes the rest and returns the full count");
    assert.equal(okRet(k.read(pid, r, 10000)), 904);
  });

  it("a write whose tail does not fit the last page waits for a free one, though bytes of room are left", () => {
    const { k, pid } = boot();
    const [, w] = done(k.pipe(pid, O_NONBLOCK)).fds!;
    // 15 pages and 3996 bytes of a 16th (Linux: a 5000-byte write then fails with EAGAIN,
    // a 100-byte one fills the last page, and then a byte fails).
    okRet(k.write(pid, w, bytes(65536 - 100)));
    assert.equal(errno(k.write(pid, w, bytes(5000))), "EAGAIN");
    assert.equal(okRet(k.write(pid, w, bytes(100))), 100);
    assert.equal(errno(k.write(pid, w, bytes(1))), "EAGAIN");
  });

  it("a large write interrupted by a handler (no SA_RESTART) returns the bytes already written", () => {
    const { k, pid } = boot();
    const [, w] = done(k.pipe(pid)).fds!;
    okRet(k.write(pid, w, bytes(65536 - 4096)));
    k.sigaction(pid, SIG.SIGUSR1, { handler: "h", mask: 0, flags: 0 });
    blocked(k.write(pid, w, bytes(5000)));
    k.externalKill(pid, SIG.SIGUSR1);
    const d = k.takeSignal(pid)!;
    k.sigreturn(pid, d.savedMask);
    assert.equal(okRet(k.write(pid, w, bytes(5000))), 4096);
  });

  it("O_NONBLOCK: read of an empty pipe and write to a full one fail with EAGAIN", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid, O_NONBLOCK)).fds!;
    assert.equal(errno(k.read(pid, r, 1)), "EAGAIN");
    okRet(k.write(pid, w, bytes(65536)));
    assert.equal(errno(k.write(pid, w, enc("x"))), "EAGAIN");
    assert.equal(errno(k.pipe(pid, 0o7)), "EINVAL");
  });

  it("a program whose stdout is a pipe to the outside: writes reach the output, the pipe never fills", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "p", stdout: { pipe: true }, stdin: { input: "in\n" } });
    okRet(k.write(pid, 1, bytes(70000)));
    assert.equal(text(k.read(pid, 0, 10)), "in\n");
    assert.equal(okRet(k.read(pid, 0, 10)), 0, "stdin is at EOF after its content");
    const s = k.snapshot(0);
    assert.equal(s.output.map((o) => o.text).join("").length, 70000);
    assert.equal(s.output[0].pid, pid);
  });
});
