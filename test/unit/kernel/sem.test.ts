import * as assert from "node:assert/strict";
import { GETNCNT, GETVAL, GETZCNT, IPC_CREAT, IPC_PRIVATE, IPC_RMID, IPC_NOWAIT, Kernel, SA_RESTART, SEM_UNDO, SETVAL, SIG } from "../../../src/kernel/kernel";
import { blocked, boot, done, errno, fork, okRet } from "./helpers";

const op = (num: number, delta: number, flg = 0) => ({ num, op: delta, flg });

/** A stepper's signal delivery: take the signal, (run the handler,) return from it. */
function runHandler(k: Kernel, tid: number): void {
  const d = k.takeSignal(tid);
  assert.ok(d, "a signal to handle");
  k.sigreturn(tid, d.savedMask);
}

describe("kernel: System V semaphores", () => {
  it("a semop that would go below 0 sleeps on the set; an add wakes it and it takes its share", () => {
    const { k, pid } = boot();
    const id = okRet(k.semget(pid, IPC_PRIVATE, 1, IPC_CREAT | 0o600));
    const child = fork(k, pid);
    blocked(k.semop(child, id, [op(0, -2)]), `semop(${id})`);
    assert.equal(okRet(k.semctl(pid, id, 0, GETNCNT)), 1);
    assert.deepEqual(k.snapshot(0).semaphores, [{ semid: id, key: 0, values: [0], waiting: [child] }]);
    okRet(k.semop(pid, id, [op(0, 1)]));
    assert.equal(k.task(child)!.runnable, false, "one is not enough for -2");
    okRet(k.semop(pid, id, [op(0, 1)]));
    assert.equal(k.task(child)!.runnable, true);
    okRet(k.semop(child, id, [op(0, -2)]));
    assert.equal(okRet(k.semctl(pid, id, 0, GETVAL)), 0);
  });

  it("waiting for zero: GETZCNT counts the sleeper, SETVAL 0 wakes it", () => {
    const { k, pid } = boot();
    const id = okRet(k.semget(pid, IPC_PRIVATE, 1, IPC_CREAT | 0o600));
    okRet(k.semctl(pid, id, 0, SETVAL, 3));
    assert.equal(errno(k.semop(pid, id, [op(0, 0, IPC_NOWAIT)])), "EAGAIN");
    const child = fork(k, pid);
    blocked(k.semop(child, id, [op(0, 0)]));
    assert.equal(okRet(k.semctl(pid, id, 0, GETZCNT)), 1);
    okRet(k.semctl(pid, id, 0, SETVAL, 0));
    assert.equal(k.task(child)!.runnable, true);
    okRet(k.semop(child, id, [op(0, 0)]));
  });

  it("IPC_RMID wakes the sleepers with EIDRM; the id is then invalid (EINVAL)", () => {
    const { k, pid } = boot();
    const id = okRet(k.semget(pid, 77, 1, IPC_CREAT | 0o600));
    const child = fork(k, pid);
    blocked(k.semop(child, id, [op(0, -1)]));
    okRet(k.semctl(pid, id, 0, IPC_RMID));
    assert.equal(k.task(child)!.runnable, true);
    assert.equal(errno(k.semop(child, id, [op(0, -1)])), "EIDRM");
    assert.equal(errno(k.semop(child, id, [op(0, -1)])), "EINVAL");
    assert.equal(k.snapshot(0).semaphores, undefined);
  });

  it("a handler ends a sleeping semop with EINTR even with SA_RESTART", () => {
    const { k, pid } = boot();
    const id = okRet(k.semget(pid, IPC_PRIVATE, 1, IPC_CREAT | 0o600));
    okRet(k.sigaction(pid, SIG.SIGUSR1, { handler: "h", mask: 0, flags: SA_RESTART }));
    blocked(k.semop(pid, id, [op(0, -1)]));
    k.externalKill(pid, SIG.SIGUSR1);
    runHandler(k, pid);
    assert.equal(errno(k.semop(pid, id, [op(0, -1)])), "EINTR");
  });

  it("SEM_UNDO: what the process took comes back when it exits, kept within 0..32767", () => {
    const { k, pid } = boot();
    const id = okRet(k.semget(pid, IPC_PRIVATE, 2, IPC_CREAT | 0o600));
    okRet(k.semctl(pid, id, 0, SETVAL, 5));
    const child = fork(k, pid);
    okRet(k.semop(child, id, [op(0, -3, SEM_UNDO), op(1, 2, SEM_UNDO)]));
    okRet(k.semctl(pid, id, 1, SETVAL, 1)); // SETVAL forgets semaphore 1's undo
    okRet(k.exit(child, 0));
    assert.equal(okRet(k.semctl(pid, id, 0, GETVAL)), 5);
    assert.equal(okRet(k.semctl(pid, id, 1, GETVAL)), 1);
  });
});

describe("kernel: the futex words under POSIX semaphores", () => {
  it("a word in a shared segment is one word for every process; a post wakes the oldest sleeper only", () => {
    const { k, pid } = boot();
    const shmid = okRet(k.shmget(pid, IPC_PRIVATE, 32, IPC_CREAT | 0o600));
    const addr = okRet(k.shmat(pid, shmid, 0));
    const a = fork(k, pid);
    const b = fork(k, pid);
    blocked(k.futexWait(a, addr, 0));
    blocked(k.futexWait(b, addr, 0));
    assert.equal(okRet(k.futexWake(pid, addr, 1)), 1);
    assert.deepEqual([k.task(a)!.runnable, k.task(b)!.runnable], [true, false]);
    assert.equal(okRet(k.futexWait(a, addr, 1)), 0, "a word that is not 0 does not sleep");
  });

  it("private memory: a forked child's copy of the word is its own", () => {
    const { k, pid } = boot();
    const child = fork(k, pid);
    blocked(k.futexWait(child, 0x1000, 0));
    assert.equal(okRet(k.futexWake(pid, 0x1000, 1)), 0);
    assert.equal(k.task(child)!.runnable, false);
  });

  it("named semaphores: EEXIST with O_EXCL, ENOENT once unlinked, EINVAL for a name with a slash inside", () => {
    const { k, pid } = boot();
    const r = done(k.semOpen(pid, "/s", true, true));
    assert.equal(r.created, true);
    assert.equal(errno(k.semOpen(pid, "/s", true, true)), "EEXIST");
    assert.equal(done(k.semOpen(pid, "s", false, false)).ret, r.ret, "leading slashes do not count");
    okRet(k.semUnlink(pid, "/s"));
    assert.equal(errno(k.semOpen(pid, "/s", false, false)), "ENOENT");
    assert.equal(errno(k.semUnlink(pid, "/s")), "ENOENT");
    assert.equal(errno(k.semOpen(pid, "/a/b", true, false)), "EINVAL");
  });
});
