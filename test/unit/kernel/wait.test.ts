import * as assert from "node:assert/strict";
import { SIG, WCONTINUED, WIFCONTINUED, WNOHANG } from "../../../src/kernel/kernel";
import { blocked, boot, done, errno, fork, okRet } from "./helpers";

describe("kernel: wait and waitpid (C11)", () => {
  it("WNOHANG returns 0 while children exist but none changed, and -1/ECHILD when there are none", () => {
    const { k, pid } = boot();
    assert.equal(errno(k.waitpid(pid, -1, WNOHANG)), "ECHILD");
    const c = fork(k, pid);
    assert.equal(okRet(k.waitpid(pid, -1, WNOHANG)), 0);
    k.exit(c, 1);
    assert.equal(okRet(k.waitpid(pid, -1, WNOHANG)), c);
    assert.equal(errno(k.waitpid(pid, -1, WNOHANG)), "ECHILD");
  });

  it("wait blocks until a child exits, which wakes the parent", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    blocked(k.wait(pid), "waitpid(-1)");
    assert.equal(k.task(pid)!.runnable, false);
    k.exit(c, 2);
    assert.equal(k.task(pid)!.runnable, true);
    const r = done(k.wait(pid));
    assert.deepEqual([r.ret, r.status], [c, 2 << 8]);
  });

  it("pid > 0 waits for that child only; a pid that is not a child gives ECHILD", () => {
    const { k, pid } = boot();
    const a = fork(k, pid);
    const b = fork(k, pid);
    k.exit(a, 0);
    blocked(k.waitpid(pid, b, 0), `waitpid(${b})`);
    okRet(k.kill(pid, b, SIG.SIGTERM));
    assert.equal(okRet(k.waitpid(pid, b, 0)), b);
    assert.equal(errno(k.waitpid(pid, 1, 0)), "ECHILD", "init is not our child");
  });

  it("pid -1 reaps children oldest first", () => {
    const { k, pid } = boot();
    const kids = [fork(k, pid), fork(k, pid), fork(k, pid)];
    for (const c of [...kids].reverse()) k.exit(c, 0);
    assert.deepEqual(kids.map(() => okRet(k.wait(pid))), kids);
  });

  it("pid 0 waits for children in the caller's group; pid < -1 for children in group -pid", () => {
    const { k, pid } = boot();
    const same = fork(k, pid);
    const other = fork(k, pid);
    okRet(k.setpgid(pid, other, other));
    k.exit(other, 0);
    assert.equal(okRet(k.waitpid(pid, 0, WNOHANG)), 0, "the exited child is in another group");
    assert.equal(okRet(k.waitpid(pid, -other, WNOHANG)), other);
    k.exit(same, 0);
    assert.equal(okRet(k.waitpid(pid, 0, 0)), same);
    assert.equal(errno(k.waitpid(pid, -4242, 0)), "ECHILD");
  });

  it("bad options are EINVAL", () => {
    const { k, pid } = boot();
    fork(k, pid);
    assert.equal(errno(k.waitpid(pid, -1, 0x4000)), "EINVAL");
  });

  it("WCONTINUED reports a continued child with status 0xffff", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    okRet(k.kill(pid, c, SIG.SIGSTOP));
    okRet(k.kill(pid, c, SIG.SIGCONT));
    const st = done(k.waitpid(pid, c, WCONTINUED)).status!;
    assert.ok(WIFCONTINUED(st));
  });
});
