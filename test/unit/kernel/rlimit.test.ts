// setrlimit: the limits fork-limit.c and friends set at run time.
import * as assert from "node:assert/strict";
import { boot, done, okRet } from "./helpers";

describe("kernel: setrlimit", () => {
  it("RLIMIT_NPROC 1: the next fork fails with EAGAIN (the caller counts); RLIMIT_NOFILE 4: a fourth descriptor is EMFILE", () => {
    const { k, pid } = boot();
    assert.equal(okRet(k.setrlimit(pid, 6, 1)), 0);
    assert.equal(done(k.fork(pid)).errno, "EAGAIN");
    okRet(k.setrlimit(pid, 7, 4));
    okRet(k.dup(pid, 1)); // 3
    assert.equal(done(k.dup(pid, 1)).errno, "EMFILE");
    assert.equal(done(k.setrlimit(pid, 99, 1)).errno, "EINVAL");
  });
});
