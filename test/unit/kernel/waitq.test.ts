import { strict as assert } from "node:assert";
import { AF_INET, isBlocked, Kernel, SOCK_STREAM } from "../../../src/kernel/kernel";

// The wait queues: a blocked task waits on data naming its object (no closure), and a
// change to one object re-checks only that object's sleepers.
describe("kernel: wait queues", () => {
  it("a blocked call's wait is plain data: the whole kernel state survives structuredClone", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "p" });
    const p = k.pipe(pid);
    assert.ok(!isBlocked(p) && p.fds);
    const child = k.fork(pid);
    assert.ok(!isBlocked(child));
    assert.ok(isBlocked(k.read(child.ret, p.fds[0], 1)));
    assert.ok(isBlocked(k.waitpid(pid, -1, 0)));
    const copy = structuredClone((k as unknown as { k: unknown }).k);
    assert.ok(copy);
  });

  it("a write to one pipe wakes that pipe's reader only, and re-checks no other sleeper", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "p" });
    const readers: number[] = [];
    const pipes: number[][] = [];
    for (let i = 0; i < 50; i++) {
      const p = k.pipe(pid);
      assert.ok(!isBlocked(p) && p.fds);
      pipes.push(p.fds);
      const c = k.fork(pid);
      assert.ok(!isBlocked(c));
      assert.ok(isBlocked(k.read(c.ret, p.fds[0], 1)));
      readers.push(c.ret);
    }
    k.takeWoken();
    // Count the sleepers tested: only the one of pipe 7 may be looked at.
    const ks = (k as unknown as { k: { waitq: Map<string, Set<number>> } }).k;
    const sizes = [...ks.waitq.values()].map((q) => q.size);
    assert.equal(sizes.reduce((a, b) => a + b, 0), 50, "each reader sleeps on its own pipe");
    k.write(pid, pipes[7][1], new Uint8Array([1]));
    assert.deepEqual(k.takeWoken(), [readers[7]]);
    assert.equal(k.task(readers[6])!.state, "blocked");
    assert.equal([...ks.waitq.values()].reduce((a, q) => a + q.size, 0), 49, "the woken reader left its queue");
  });

  it("a task that exits while asleep leaves no entry in any queue", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "p" });
    const p = k.pipe(pid);
    assert.ok(!isBlocked(p) && p.fds);
    const c = k.fork(pid);
    assert.ok(!isBlocked(c));
    assert.ok(isBlocked(k.read(c.ret, p.fds[0], 1)));
    k.externalKill(c.ret, 9);
    const ks = (k as unknown as { k: { waitq: Map<string, Set<number>> } }).k;
    assert.ok(![...ks.waitq.values()].some((q) => q.has(c.ret)));
  });

  it("connects waiting for room in an accept queue: an accept lets the oldest one go, not all of them; closing the listener lets all go", () => {
    const k = new Kernel();
    const srv = k.spawn({ name: "server" });
    const l = k.socket(srv, AF_INET, SOCK_STREAM);
    if (isBlocked(l)) throw new Error("socket() blocked");
    assert.equal((k.bind(srv, l.ret, { host: "0.0.0.0", port: 15213 }) as { ret: number }).ret, 0);
    assert.equal((k.listen(srv, l.ret, 0) as { ret: number }).ret, 0); // the queue holds backlog + 1 = 1
    const clients: Array<{ pid: number; fd: number }> = [];
    for (let i = 0; i < 20; i++) {
      const pid = k.spawn({ name: `client${i}`, kind: "client" });
      const s = k.socket(pid, AF_INET, SOCK_STREAM);
      assert.ok(!isBlocked(s));
      clients.push({ pid, fd: s.ret });
    }
    const connect = (c: { pid: number; fd: number }) => k.connect(c.pid, c.fd, { host: "127.0.0.1", port: 15213 });
    assert.equal((connect(clients[0]) as { ret: number }).ret, 0);
    for (const c of clients.slice(1)) assert.ok(isBlocked(connect(c)));
    k.takeWoken();
    assert.ok(!isBlocked(k.accept(srv, l.ret)));
    assert.deepEqual(k.takeWoken(), [clients[1].pid], "only the oldest waiter goes");
    assert.equal((connect(clients[1]) as { ret: number }).ret, 0);
    k.close(srv, l.ret);
    assert.deepEqual(k.takeWoken().sort((a, b) => a - b), clients.slice(2).map((c) => c.pid), "the listener gone: every waiter goes");
    assert.equal((connect(clients[2]) as { ret: number; errno?: string }).errno, "ECONNREFUSED");
  });
});
