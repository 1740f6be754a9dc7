// Property tests: random system call sequences over several processes must keep the
// kernel's tables consistent, the way Linux's are.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  AF_INET, IPC_CREAT, IPC_PRIVATE, IPC_RMID, Kernel, O_APPEND, O_CREAT, O_RDWR, SIG, SIG_BLOCK, SIG_UNBLOCK,
  sigset, SOCK_STREAM, WNOHANG,
} from "../../../src/kernel/kernel";
import type { Snapshot } from "../../../src/contract/snapshot";

const OPS = [
  "fork", "exit", "open", "close", "dup", "dup2", "pipe", "read", "write", "waitnohang", "wait", "kill",
  "sigaction", "block", "unblock", "signal", "socket", "listen", "connect", "accept", "shmget", "shmat", "shmdt",
  "rmid", "thread", "lseek", "alarm", "tick", "select", "exec", "shutdown",
] as const;
type Op = { op: (typeof OPS)[number]; who: number; a: number; b: number };

const opsOf = (ops: ReadonlyArray<Op["op"]>, fdMax = 9): fc.Arbitrary<Op> => fc.record({
  op: fc.constantFrom(...ops),
  who: fc.nat(7),
  a: fc.integer({ min: -2, max: fdMax }),
  b: fc.integer({ min: -2, max: fdMax }),
});
const opArb = opsOf(OPS);
/** Sockets need several calls on the same descriptors in a row: a narrower mix finds those paths. */
const netArb = opsOf(["socket", "listen", "connect", "accept", "close", "fork", "exit", "read", "write", "shutdown", "dup2"], 6);

const SIGNALS = [SIG.SIGCHLD, SIG.SIGUSR1, SIG.SIGPIPE, SIG.SIGTERM, SIG.SIGSTOP, SIG.SIGCONT, SIG.SIGINT, SIG.SIGALRM];

function apply(k: Kernel, op: Op, shmids: number[], addrs: Map<number, number[]>, last: Snapshot): void {
  const tasks = k.runnable();
  if (tasks.length === 0) {
    // Everything waits or has ended: let time pass, or have the shell start another program.
    const t = k.nextTimer();
    if (t !== undefined) k.advanceTo(t);
    else k.spawn({ name: "prog" });
    return;
  }
  const tid = tasks[op.who % tasks.length];
  // Descriptor arguments: mostly descriptors the process has open (so that calls get past EBADF), sometimes not.
  const open = (last.processes.find((p) => p.pid === k.task(tid)?.pid)?.fds ?? []).flatMap((id, fd) => (id === null ? [] : [fd]));
  const fdOf = (x: number): number => (x >= 0 && x < 7 && open.length ? open[open.length - 1 - (x % open.length)] : x);
  const o = { ...op, a: fdOf(op.a) };
  // A stepper takes any signal with a handler before running the task's next line.
  const d = k.takeSignal(tid);
  if (d) {
    if (o.a % 2 === 0) k.waitpid(tid, -1, WNOHANG);
    k.sigreturn(tid, d.savedMask);
    return;
  }
  if (!k.task(tid)?.runnable) return;
  const sig = SIGNALS[Math.abs(o.b) % SIGNALS.length];
  const pids = k.pids();
  const target = pids[Math.abs(o.a) % pids.length];
  switch (o.op) {
    case "fork": k.fork(tid); break;
    case "exit": if (o.b > 3) k.exit(tid, o.a); else k.fork(tid); break;
    case "open": k.open(tid, `/f${Math.abs(o.a) % 3}`, O_CREAT | O_RDWR | (o.b > 5 ? O_APPEND : 0)); break;
    case "close": k.close(tid, o.a); break;
    case "dup": k.dup(tid, o.a); break;
    case "dup2": k.dup2(tid, o.a, o.b); break;
    case "pipe": k.pipe(tid); break;
    case "read": k.read(tid, o.a, Math.abs(o.b) * 3); break;
    case "write": k.write(tid, o.a, new Uint8Array(Math.abs(o.b) * 7000)); break;
    case "waitnohang": k.waitpid(tid, o.b > 5 ? target : -1, WNOHANG); break;
    case "wait": k.waitpid(tid, -1, 0); break;
    case "kill": k.kill(tid, o.a === -2 ? -1 : target, sig); break;
    case "sigaction": k.sigaction(tid, sig, { handler: ["SIG_DFL", "SIG_IGN", "h"][Math.abs(o.a) % 3], mask: 0, flags: o.b > 4 ? 0x10000000 : 0 }); break;
    case "block": k.sigprocmask(tid, SIG_BLOCK, sigset(sig)); break;
    case "unblock": k.sigprocmask(tid, SIG_UNBLOCK, sigset(sig)); break;
    case "signal": k.externalKill(target, sig); break;
    case "socket": k.socket(tid, AF_INET, SOCK_STREAM); break;
    case "listen": k.bind(tid, o.a, { host: "0.0.0.0", port: 15000 + (Math.abs(o.b) % 2) }); k.listen(tid, o.a, Math.abs(o.b) % 3); break;
    case "connect": k.connect(tid, o.a, { host: "127.0.0.1", port: 15000 + (Math.abs(o.b) % 2) }); break;
    case "accept": k.accept(tid, o.a); break;
    case "shmget": { const r = k.shmget(tid, o.b > 5 ? IPC_PRIVATE : 77, 64, IPC_CREAT); if ("ret" in r && r.ret >= 0) shmids.push(r.ret); break; }
    case "shmat": { const id = shmids[Math.abs(o.a) % Math.max(1, shmids.length)]; const r = k.shmat(tid, id ?? 0); if ("ret" in r && r.ret > 0) addrs.set(tid, [...(addrs.get(tid) ?? []), r.ret]); break; }
    case "shmdt": k.shmdt(tid, (addrs.get(tid) ?? [0])[0]); break;
    case "rmid": k.shmctl(tid, shmids[Math.abs(o.a) % Math.max(1, shmids.length)] ?? 0, IPC_RMID); break;
    case "thread": if (o.a > 3) k.threadCreate(tid); else k.threadExit(tid); break;
    case "lseek": k.lseek(tid, o.a, o.b, Math.abs(o.b) % 3); break;
    case "alarm": k.alarm(tid, Math.abs(o.a) % 3); break;
    case "tick": k.advanceTo(k.now() + Math.abs(o.a) * 500); break;
    case "select": k.select(tid, 10, { read: [o.a, o.b].filter((x) => x >= 0) }, o.a > 4 ? null : 1000); break;
    case "exec": k.execve(tid, "img"); break;
    case "shutdown": k.shutdown(tid, o.a, Math.abs(o.b) % 3); break;
  }
}

function check(s: Snapshot): void {
  const slots = new Map<number, number>();
  for (const p of s.processes) for (const id of p.fds) if (id !== null) slots.set(id, (slots.get(id) ?? 0) + 1);
  const byObj = new Map<number, number>();
  for (const f of s.files) {
    assert.equal(f.refcount, slots.get(f.id) ?? 0, `open file ${f.id}: refcount equals the descriptor slots pointing to it`);
    assert.ok(f.refcount > 0, "an open file with no descriptors is gone");
    byObj.set(f.object, (byObj.get(f.object) ?? 0) + 1);
  }
  for (const id of slots.keys()) assert.ok(s.files.some((f) => f.id === id), `descriptor points to open file ${id} that exists`);
  const queued = new Set<number>();
  for (const o of s.objects) if (o.kind === "socket") for (const c of o.pending ?? []) queued.add(c);
  for (const o of s.objects) {
    if (o.kind === "shm") continue; // segments live on without attachments until IPC_RMID, as on Linux
    assert.equal(o.refs, byObj.get(o.id) ?? 0, `object ${o.id} (${o.kind}): refs equals the open files pointing to it`);
    assert.ok(o.refs > 0 || queued.has(o.id), `object ${o.id} (${o.kind}) outlived its last open file`);
    if (o.kind === "pipe") {
      const ends = s.files.filter((f) => f.object === o.id);
      assert.equal(o.readers, ends.filter((f) => f.end === "read").length);
      assert.equal(o.writers, ends.filter((f) => f.end === "write").length);
    }
  }
  for (const f of s.files) assert.ok(s.objects.some((o) => o.id === f.object), "every open file's object exists");
  for (const p of s.processes) {
    if (p.state !== "zombie") continue;
    const parent = s.processes.find((q) => q.pid === p.ppid);
    assert.ok(parent && parent.kind !== "init" && parent.state !== "zombie", `zombie ${p.pid} has a living parent that has not reaped it yet`);
    assert.deepEqual(p.fds, [], "a zombie holds no descriptors");
  }
}

describe("kernel: properties over random system call sequences", () => {
  for (const [what, arb] of [["every call", opArb], ["socket calls", netArb]] as const) {
  it(`tables stay consistent (${what}): refcounts = descriptor slots, no object outlives its last open file, zombies only until reaped, no call throws`, () => {
    fc.assert(
      fc.property(fc.array(arb, { minLength: 10, maxLength: 80, size: "max" }), (ops) => {
        const k = new Kernel({ maxProcs: 12, maxFds: 16, pipeCapacity: 16384, socketBuffer: 8192 });
        k.spawn({ name: "prog" });
        const shmids: number[] = [];
        const addrs = new Map<number, number[]>();
        let step = 0;
        let s = k.snapshot(0);
        for (const o of ops) {
          apply(k, o, shmids, addrs, s);
          s = k.snapshot(++step, { running: k.runnable()[0] });
          check(s);
          // Structural sharing must never show stale state: the snapshot equals one built from scratch.
          const fresh = k.freshSnapshot(step, { running: k.runnable()[0] });
          assert.deepEqual([s.processes, s.files, s.objects], [fresh.processes, fresh.files, fresh.objects]);
          for (const e of s.events) {
            if (e.kind === "reap") assert.ok(!s.processes.some((p) => p.pid === e.child), "a reaped zombie is gone");
          }
        }
      }),
      { numRuns: 150 },
    );
  });
  }

  it("a reaped child never reappears and wait never returns the same pid twice", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 1, maxLength: 40 }), (moves) => {
        const k = new Kernel();
        const pid = k.spawn({ name: "p" });
        const reaped = new Set<number>();
        for (const m of moves) {
          const kids = k.tasks().filter((t) => t !== pid);
          if (m === 0) k.fork(pid);
          else if (m === 1 && kids.length) k.exit(kids[0], 1);
          else {
            const r = k.waitpid(pid, -1, WNOHANG);
            if ("ret" in r && r.ret > 0) {
              assert.ok(!reaped.has(r.ret));
              reaped.add(r.ret);
              assert.ok(!k.pids().includes(r.ret));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("kernel: bad arguments never throw", () => {
  const CALLS = [
    "fork", "exit", "execve", "threadCreate", "threadExit", "getpid", "getppid", "gettid", "getpgrp", "setpgid",
    "tcgetpgrp", "tcsetpgrp", "waitpid", "wait", "open", "close", "read", "write", "lseek", "dup", "dup2", "fcntl",
    "pipe", "unlink", "mkdir", "rmdir", "kill", "tgkill", "sigtimedwait", "sigaction", "signal", "sigprocmask", "sigpending", "pause", "sigsuspend",
    "alarm", "sleep", "usleep", "socket", "bind", "listen", "accept", "connect", "shutdown", "setsockopt",
    "getsockname", "getpeername", "getsockopt", "select", "poll", "sendto", "recvfrom", "shmget", "shmat", "shmdt", "shmctl", "futexWait", "externalKill", "takeSignal",
    "sigreturn", "advanceTo", "ttyInput", "ttyKey", "typed", "task",
  ] as const;
  const junk = fc.oneof(
    fc.integer({ min: -5, max: 40 }), fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 40, -(2 ** 31), 0.5),
    fc.string({ maxLength: 6 }), fc.constant(null), fc.constant(undefined), fc.uint8Array({ maxLength: 8 }),
    fc.record({ host: fc.constantFrom("127.0.0.1", "x", ""), port: fc.integer({ min: -1, max: 70000 }) }),
    fc.record({ read: fc.array(fc.integer({ min: -2, max: 9 })), write: fc.constant(7) }),
    fc.record({ handler: fc.constantFrom("h", "SIG_IGN", ""), mask: fc.integer(), flags: fc.integer() }),
  );
  it("every call given junk (wrong types, NaN, huge numbers) returns a result instead of throwing", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CALLS), fc.array(junk, { maxLength: 4 })), { minLength: 1, maxLength: 30 }), (calls) => {
        const k = new Kernel({ maxFds: 16 });
        const pid = k.spawn({ name: "p" });
        const api = k as unknown as Record<string, (...a: unknown[]) => unknown>;
        for (const [name, args] of calls) {
          const tid = k.tasks()[0] ?? pid;
          api[name].call(k, ...(name === "advanceTo" || name === "ttyInput" || name === "ttyKey" || name === "typed" || name === "externalKill" || name === "task" ? args : [tid, ...args]));
        }
        check(k.snapshot(1));
      }),
      { numRuns: 300 },
    );
  });
});
