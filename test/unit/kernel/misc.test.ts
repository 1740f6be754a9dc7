// The terminal, shared memory, select, the logical clock and snapshots.
import * as assert from "node:assert/strict";
import {
  AF_INET, IPC_CREAT, IPC_EXCL, IPC_PRIVATE, IPC_RMID, IPC_STAT, Kernel, O_CREAT, O_RDWR, SIG, SOCK_STREAM,
} from "../../../src/kernel/kernel";
import { terminalReaders } from "../../../src/contract/terminal";
import { blocked, boot, dead, done, enc, errno, fork, okRet, proc, text } from "./helpers";

describe("kernel: the terminal", () => {
  it("descriptors 0, 1 and 2 share one open file on the terminal; writes are output with the writer's pid", () => {
    const { k, pid } = boot();
    const s0 = k.snapshot(0);
    const p = proc(s0, pid);
    assert.equal(p.fds.length, 3);
    assert.ok(p.fds.every((id) => id === p.fds[0]));
    okRet(k.write(pid, 1, enc("hello\n")));
    const c = fork(k, pid);
    okRet(k.write(c, 2, enc("oops\n")));
    assert.deepEqual(k.snapshot(1).output, [{ pid, fd: 1, text: "hello\n" }, { pid: c, fd: 2, text: "oops\n" }]);
    assert.equal(p.stdio.stdout.mode, "line", "stdout on a terminal is line buffered");
  });

  it("a read of the terminal blocks until a whole line is typed; Ctrl-D at the start of a line reads as EOF", () => {
    const { k, pid } = boot();
    blocked(k.read(pid, 0, 100), "read(0)");
    k.ttyInput("abc");
    assert.equal(k.task(pid)!.runnable, false, "canonical mode: no newline yet");
    k.ttyInput("\nxyz\n");
    assert.equal(text(k.read(pid, 0, 100)), "abc\n");
    assert.equal(text(k.read(pid, 0, 100)), "xyz\n");
    k.ttyKey("^D");
    assert.equal(okRet(k.read(pid, 0, 100)), 0);
  });

  it("typed input from the learner: a line wakes the reader and is read whole, Ctrl-D reads as 0 once, then a read blocks again", () => {
    const { k, pid } = boot();
    assert.equal(k.hasTerminal(), true);
    blocked(k.read(pid, 0, 100), "read(0)");
    assert.deepEqual(terminalReaders(k.freshSnapshot(0)).map((p) => p.pid), [pid], "the reader waits for the keyboard");
    k.typed("hello\n", false);
    assert.equal(k.task(pid)!.runnable, true, "a whole line wakes the reader");
    assert.deepEqual(terminalReaders(k.freshSnapshot(1)), []);
    const said = k.snapshot(1).events.filter((e) => e.kind === "note").map((e) => e.kind === "note" && e.text);
    assert.deepEqual(said, ["typed \"hello\\n\" at the terminal"]);
    assert.equal(text(k.read(pid, 0, 100)), "hello\n");
    blocked(k.read(pid, 0, 100), "read(0)");
    k.typed("", true);
    assert.equal(okRet(k.read(pid, 0, 100)), 0, "Ctrl-D at the start of a line: end of file");
    blocked(k.read(pid, 0, 100), "read(0)");
    // Ctrl-D after a partial line hands over the line without a newline.
    k.typed("ab", true);
    assert.equal(text(k.read(pid, 0, 100)), "ab");
    blocked(k.read(pid, 0, 100), "read(0)");
  });

  it("echoes what is typed as a terminal does (ECHO, ECHOCTL): the keys as typed, ^C for Ctrl-C, nothing for Ctrl-D; no process wrote it", () => {
    const { k, pid } = boot();
    k.snapshot(0);
    k.typed("hi\n", false);
    assert.deepEqual(k.snapshot(1).output, [{ pid: 0, fd: 0, text: "hi\n", typed: true }]);
    k.typed("", true);
    assert.deepEqual(k.snapshot(2).output, [], "Ctrl-D ends input and shows nothing");
    okRet(k.write(pid, 1, enc("prompt> ")));
    k.ttyKey("^C");
    assert.deepEqual(k.snapshot(3).output, [{ pid, fd: 1, text: "prompt> " }, { pid: 0, fd: 0, text: "^C", typed: true }]);
    assert.ok(dead(k, pid), "and Ctrl-C still ends the foreground process");
  });
});

describe("kernel: System V shared memory (C29)", () => {
  it("shmget/shmat share one segment between parent and child; attach counts follow fork, shmdt and exit", () => {
    const { k, pid } = boot();
    const id = okRet(k.shmget(pid, IPC_PRIVATE, 100, IPC_CREAT | 0o600));
    const a = done(k.shmat(pid, id));
    const c = fork(k, pid);
    assert.equal(done(k.shmctl(pid, id, IPC_STAT)).shmStat!.nattch, 2, "fork copies the attachment");
    a.segment![0] = 42;
    const b = done(k.shmat(c, id));
    assert.equal(b.segment![0], 42, "the child sees the parent's write");
    okRet(k.shmdt(c, b.ret));
    assert.equal(done(k.shmctl(pid, id, IPC_STAT)).shmStat!.nattch, 2);
    k.exit(c, 0);
    assert.equal(done(k.shmctl(pid, id, IPC_STAT)).shmStat!.nattch, 1);
    assert.equal(errno(k.shmdt(pid, 12345)), "EINVAL");
  });

  it("IPC_RMID removes the segment once the last process detaches; keys, EEXIST, ENOENT, EINVAL", () => {
    const { k, pid } = boot();
    assert.equal(errno(k.shmget(pid, 1234, 10, 0)), "ENOENT");
    const id = okRet(k.shmget(pid, 1234, 10, IPC_CREAT));
    assert.equal(okRet(k.shmget(pid, 1234, 10, 0)), id);
    assert.equal(errno(k.shmget(pid, 1234, 10, IPC_CREAT | IPC_EXCL)), "EEXIST");
    assert.equal(errno(k.shmget(pid, 1234, 99999, 0)), "EINVAL", "larger than the segment");
    assert.equal(errno(k.shmget(pid, IPC_PRIVATE, 0, IPC_CREAT)), "EINVAL");
    const at = okRet(k.shmat(pid, id));
    okRet(k.shmctl(pid, id, IPC_RMID));
    const seg = k.snapshot(0).objects.find((o) => o.kind === "shm");
    assert.ok(seg && seg.kind === "shm" && seg.removed && seg.attached === 1);
    okRet(k.shmdt(pid, at));
    assert.equal(k.snapshot(1).objects.filter((o) => o.kind === "shm").length, 0);
    assert.equal(errno(k.shmat(pid, id)), "EINVAL");
  });
});

describe("kernel: select", () => {
  it("reports readable pipes and accept-ready listening sockets; blocks until one is ready (C1, C14)", () => {
    const { k, pid } = boot();
    const [r, w] = done(k.pipe(pid)).fds!;
    const ls = okRet(k.socket(pid, AF_INET, SOCK_STREAM));
    okRet(k.bind(pid, ls, { host: "0.0.0.0", port: 15213 }));
    okRet(k.listen(pid, ls, 5));
    const sets = { read: [r, ls] };
    blocked(k.select(pid, ls + 1, sets, null), `select(${ls + 1})`);
    const c = k.spawn({ name: "c", kind: "client" });
    const cfd = okRet(k.socket(c, AF_INET, SOCK_STREAM));
    okRet(k.connect(c, cfd, { host: "127.0.0.1", port: 15213 }));
    assert.equal(k.task(pid)!.runnable, true);
    const res = done(k.select(pid, ls + 1, sets, null));
    assert.deepEqual([res.ret, res.readable], [1, [ls]]);
    okRet(k.write(pid, w, enc("x")));
    assert.deepEqual(done(k.select(pid, ls + 1, { read: [r, ls], write: [w] }, 0)).readable, [r, ls]);
    assert.deepEqual(done(k.select(pid, ls + 1, { write: [w] }, 0)).writable, [w]);
    assert.equal(errno(k.select(pid, 100, { read: [50] }, 0)), "EBADF");
    assert.equal(errno(k.select(pid, -1, {}, 0)), "EINVAL");
  });

  it("times out in logical time and returns 0", () => {
    const { k, pid } = boot();
    const [r] = done(k.pipe(pid)).fds!;
    blocked(k.select(pid, r + 1, { read: [r] }, 2500));
    assert.equal(k.nextTimer(), 2500);
    k.advanceTo(2500);
    assert.equal(okRet(k.select(pid, r + 1, { read: [r] }, 2500)), 0);
  });

  it("an interrupted select fails with EINTR even under SA_RESTART", () => {
    const { k, pid } = boot();
    const [r] = done(k.pipe(pid)).fds!;
    k.signal(pid, SIG.SIGUSR1, "h");
    blocked(k.select(pid, r + 1, { read: [r] }, null));
    k.externalKill(pid, SIG.SIGUSR1);
    const d = k.takeSignal(pid)!;
    k.sigreturn(pid, d.savedMask);
    assert.equal(errno(k.select(pid, r + 1, { read: [r] }, null)), "EINTR");
  });
});

describe("kernel: the logical clock", () => {
  it("sleep blocks until logical time reaches the deadline, then returns 0", () => {
    const { k, pid } = boot();
    blocked(k.sleep(pid, 2), "sleep(2)");
    assert.equal(k.nextTimer(), 2000);
    k.advanceTo(1999);
    assert.equal(k.task(pid)!.runnable, false);
    k.advanceTo(2000);
    assert.equal(okRet(k.sleep(pid, 2)), 0);
  });

  it("alarm raises SIGALRM when due (default: terminate) and returns the seconds left on the previous alarm", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    assert.equal(okRet(k.alarm(c, 5)), 0);
    k.advanceTo(1000);
    assert.equal(okRet(k.alarm(c, 3)), 4);
    k.advanceTo(3999);
    assert.ok(!dead(k, c));
    k.advanceTo(4000);
    assert.ok(dead(k, c));
    assert.equal(done(k.wait(pid)).status, SIG.SIGALRM);
  });

  it("a handled signal cuts a sleep short: sleep returns the seconds left", () => {
    const { k, pid } = boot();
    k.signal(pid, SIG.SIGALRM, "on_alarm");
    okRet(k.alarm(pid, 1));
    blocked(k.sleep(pid, 10));
    k.advanceTo(k.nextTimer()!);
    const d = k.takeSignal(pid)!;
    k.sigreturn(pid, d.savedMask);
    assert.equal(okRet(k.sleep(pid, 10)), 9);
  });
});

describe("kernel: snapshots", () => {
  it("are plain JSON: a round trip through JSON.stringify changes nothing", () => {
    const { k, pid } = boot();
    okRet(k.open(pid, "/f", O_CREAT | O_RDWR));
    fork(k, pid);
    k.signal(pid, SIG.SIGCHLD, "reaper");
    const s = k.snapshot(3, { running: pid, annotate: (p) => (p === pid ? { line: 12 } : undefined) });
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    assert.equal(proc(s, pid).state, "running");
    assert.equal(proc(s, pid).line, 12);
    assert.equal(s.step, 3);
  });

  it("share unchanged parts with the previous snapshot (structural sharing)", () => {
    const { k, pid } = boot();
    const c = fork(k, pid);
    const a = k.snapshot(0);
    okRet(k.write(c, 1, enc("x")));
    const b = k.snapshot(1);
    assert.equal(b.objects, a.objects, "nothing changed in the v-node table");
    assert.equal(b.files, a.files);
    assert.equal(b.processes, a.processes);
    okRet(k.open(c, "/f", O_CREAT | O_RDWR));
    const d = k.snapshot(2);
    assert.equal(proc(d, pid), proc(b, pid), "the parent did not change");
    assert.notEqual(proc(d, c), proc(b, c));
    assert.equal(proc(d, c).signals, proc(b, c).signals, "nor did the child's signal state");
  });

  it("carry each step's events once", () => {
    const k = new Kernel();
    const pid = k.spawn({ name: "p" });
    k.snapshot(0);
    okRet(k.getpid(pid));
    assert.equal(k.snapshot(1).events.length, 1);
    assert.equal(k.snapshot(2).events.length, 0);
  });
});
