// takeWoken(): the tasks a call made ready again, so a session with many waiting scripted
// clients can look only at those that may move (instead of polling every task each step).
import * as assert from "node:assert/strict";
import { blocked, boot, done, enc, fork, okRet } from "./helpers";

describe("kernel: takeWoken", () => {
  it("names a reader woken by a write, once, and nothing when no one woke", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const c = fork(k, pid);
    k.takeWoken();
    blocked(k.read(c, r, 10));
    assert.deepEqual(k.takeWoken(), [], "blocking is not waking");
    okRet(k.write(pid, w, enc("hi")));
    assert.deepEqual(k.takeWoken(), [c]);
    assert.deepEqual(k.takeWoken(), [], "taken: the list starts again empty");
  });

  it("lists several woken tasks in the order they woke", () => {
    const { k, pid } = boot();
    const [r1, w1] = done(k.pipe(pid)).fds!;
    const [r2, w2] = done(k.pipe(pid)).fds!;
    const a = fork(k, pid);
    const b = fork(k, pid);
    blocked(k.read(a, r1, 1));
    blocked(k.read(b, r2, 1));
    k.takeWoken();
    okRet(k.write(pid, w2, enc("x")));
    okRet(k.write(pid, w1, enc("y")));
    assert.deepEqual(k.takeWoken(), [b, a]);
  });
});
