// The strace parser on text as strace 6.1 writes it with -ff -k -ttt -T.
import { strict as assert } from "node:assert";
import { decodeString, parseStrace, splitTopLevel, type SyscallEvent } from "../../src/fidelity/strace";
import { loadRecorded } from "./recorded";

const calls = (text: string) => parseStrace(text).filter((e): e is SyscallEvent => e.kind === "syscall");

describe("fidelity: strace parser", () => {
  it("reads a call with its arguments, result, errno, duration and stack", () => {
    const [c] = calls([
      '1795270186.068083 openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000012>',
      " > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x51) [0xf8011]",
      " > /tmp/fx/a(main+0xd2) [0x129b]",
    ].join("\n"));
    assert.equal(c.name, "openat");
    assert.deepEqual(c.args, ["AT_FDCWD", '"/nonexistent"', "O_RDONLY"]);
    assert.equal(c.ret, -1);
    assert.equal(c.errno, "ENOENT");
    assert.equal(c.duration, 0.000012);
    assert.deepEqual(c.stack.map((f) => [f.object, f.address]), [["/usr/lib/x86_64-linux-gnu/libc.so.6", 0xf8011], ["/tmp/fx/a", 0x129b]]);
  });

  it("reads a result strace prints in hex (fcntl F_GETFL) as its number, not as 0", () => {
    const [c] = calls("1.0 fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE) <0.000005>");
    assert.equal(c.ret, 0x8002);
  });

  it("keeps commas and parentheses inside strings and brackets together", () => {
    const [c] = calls('1.0 write(1, "a, b) = 3\\n", 10) = 10');
    assert.deepEqual(c.args, ["1", '"a, b) = 3\\n"', "10"]);
    assert.deepEqual(splitTopLevel("[3, 4], {a=1, b=[2]}, 0"), ["[3, 4]", "{a=1, b=[2]}", "0"]);
  });

  it("marks calls the kernel will restart and resumes restart_syscall under its real name", () => {
    const evs = calls([
      "1.0 read(0, 0x7ffd8e6fa234, 4) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
      "1.1 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=5}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
      "1.2 restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0",
    ].join("\n"));
    assert.equal(evs[0].restart, "ERESTARTSYS");
    assert.equal(evs[0].ret, "?");
    assert.equal(evs[1].restart, "ERESTART_RESTARTBLOCK");
    assert.equal(evs[2].name, "restart_syscall");
    assert.equal(evs[2].resumes, "clock_nanosleep");
  });

  it("joins <unfinished ...> with its <... resumed> half, keeping the first half's stack", () => {
    const evs = calls([
      "2.0 accept(3, NULL, NULL <unfinished ...>",
      " > /tmp/s(main+0x10) [0x1200]",
      "2.5 <... accept resumed>) = 4",
    ].join("\n"));
    assert.equal(evs.length, 1);
    assert.equal(evs[0].name, "accept");
    assert.equal(evs[0].ret, 4);
    assert.equal(evs[0].time, 2.0);
    assert.equal(evs[0].stack[0].address, 0x1200);
  });

  it("a call left unfinished at the end of the file never returned", () => {
    const evs = parseStrace("3.0 read(4,  <unfinished ...>\n3.5 +++ killed by SIGKILL +++\n");
    assert.deepEqual(evs.map((e) => e.kind), ["exit", "syscall"]);
    const read = evs.find((e): e is SyscallEvent => e.kind === "syscall");
    assert.equal(read?.ret, "?");
  });

  it("reads signal deliveries, stops, exits and deaths by signal", () => {
    const evs = parseStrace([
      "1.0 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=9052, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---",
      "1.1 --- stopped by SIGTSTP ---",
      "1.2 +++ exited with 3 +++",
      "1.3 +++ killed by SIGSEGV (core dumped) +++",
    ].join("\n"));
    assert.deepEqual(evs[0], { kind: "signal", time: 1.0, signal: "SIGCHLD", stack: [],
      info: { si_signo: "SIGCHLD", si_code: "CLD_EXITED", si_pid: "9052", si_uid: "0", si_status: "3", si_utime: "0", si_stime: "0" } });
    assert.deepEqual(evs[1], { kind: "stopped", time: 1.1, signal: "SIGTSTP" });
    assert.deepEqual(evs[2], { kind: "exit", time: 1.2, code: 3 });
    assert.deepEqual(evs[3], { kind: "exit", time: 1.3, signal: "SIGSEGV", core: true });
  });

  it("gives exit_group's stack to exit_group even though `+++ exited` comes first", () => {
    const evs = parseStrace("1.0 exit_group(3) = ?\n1.0 +++ exited with 3 +++\n > /tmp/a(main+0x5e) [0x1227]\n");
    const exit = evs[0] as SyscallEvent;
    assert.equal(exit.name, "exit_group");
    assert.equal(exit.stack[0].address, 0x1227);
  });

  it("decodes strace's C string escapes into bytes and notices truncation", () => {
    assert.deepEqual(decodeString('"a\\n\\t\\0\\177\\x01\\\\\\""'), { bytes: Buffer.from([97, 10, 9, 0, 0o177, 1, 92, 34]), truncated: false });
    assert.equal(decodeString('"abc"...')?.truncated, true);
    assert.equal(decodeString("0x7ffd"), undefined);
  });

  it("parses a whole recorded run: the child's exit flushes the copied stdio buffer", () => {
    const { run } = loadRecorded("pipe_fork");
    const child = [...run.procs.keys()].find((p) => p !== run.mainPid) as number;
    const writes = (run.procs.get(child) ?? []).filter((e): e is SyscallEvent => e.kind === "syscall" && e.name === "write");
    assert.deepEqual(writes.map((w) => w.args[0]), ["4", "1"]);
    assert.equal(writes[1].args[1], '"hello\\n"');
  });
});
