// System calls in words, as strace writes them, in every place that shows one: the view's
// events and step caption (describeEvent), the exported picture (the same), and the CLI's
// trace (`forklab run`). A reviewer saw `pipe(0) = 0` where the pipe returned 3 and 4,
// `sigaction(17, "handler")` and `socket(2, 1, 0)`.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { quoteBytes, syscallText } from "../../../src/contract/syscalltext";
import { BUF_SHOWN } from "../../../src/contract/snapshot";
import { buildFigure } from "../../../src/render/figure";
import { stepEffects } from "../../../src/coach/hovers";
import { describeEvent } from "../../../src/render/events";
import { modelCli } from "../../../src/fidelity/model";
import { stepper } from "../session/helpers";
import { compile } from "../c/helpers";
import { Stepper } from "../../../src/session/stepper";

const ROOT = join(__dirname, "..", "..", "..");

const PROGRAM = `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
void handler(int sig) { }
int main(void) {
    int fd[2];
    pipe(fd);
    signal(SIGCHLD, handler);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int f = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    waitpid(-1, NULL, WNOHANG);
    return 0;
}
`;

// A pipe between parent and child: what went through it is what a learner watches for.
const PIPE = `#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int fd[2];
    char buf[64];
    char big[100];
    pipe(fd);
    if (fork() == 0) {
        close(fd[0]);
        write(fd[1], "hello parent", 12);
        memset(big, 'x', sizeof big);
        write(fd[1], big, sizeof big);
        return 0;
    }
    close(fd[1]);
    read(fd[0], buf, 12);
    while (read(fd[0], buf, sizeof buf) > 0)
        ;
    write(9, "gone", 4);
    wait(NULL);
    return 0;
}
`;

/** What `forklab run` prints for `text` saved as `name` in a directory of its own. */
function forklabRun(text: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "forklab-calls-"));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [modelCli(ROOT), "run", file], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** Every syscall event's words over a whole run of `text`. */
async function eventTexts(text: string): Promise<string[]> {
  const { program } = await compile(text, "calls.c");
  const st = new Stepper({ program, name: "calls", scenario: {}, maxSteps: 500 });
  st.continue();
  return st.history.flatMap((s) => s.events.filter((e) => e.kind === "syscall").map(describeEvent));
}

describe("system calls in words (syscallText)", function () {
  this.timeout(60_000);

  it("the view's events name the pipe's descriptors, signals, socket and open constants", async () => {
    const texts = await eventTexts(PROGRAM);
    const has = (s: string) => assert.ok(texts.some((t) => t.endsWith(s)), `no "${s}" in:\n${texts.join("\n")}`);
    has("pipe([3, 4]) = 0");
    has("signal(SIGCHLD, handler) = 0");
    has("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 5");
    has('open("out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 6');
    has("waitpid(-1, WNOHANG) = -1 ECHILD");
    assert.ok(texts.every((t) => !/\(\d+, "handler"\)|pipe\(0\)/.test(t)), texts.join("\n"));
  });

  it("writev and readv are named as themselves, with the bytes gathered or spread (not as write and read)", async () => {
    const texts = await eventTexts(`#include <sys/uio.h>
#include <sys/socket.h>
int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct iovec out[2] = { { "HEAD", 4 }, { "body", 4 } };
    writev(sv[0], out, 2);
    char a[3], b[8];
    struct iovec in[2] = { { a, 3 }, { b, 8 } };
    readv(sv[1], in, 2);
    return 0;
}
`);
    const has = (s: string) => assert.ok(texts.some((t) => t.endsWith(s)), `no "${s}" in:\n${texts.join("\n")}`);
    has('writev(3, "HEADbody", 8) = 8');
    has('readv(4, "HEADbody", 11) = 8');
  });

  it("the echo server's steps: sigaction by name, the listening socket's constants", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.until((s) => s.events.some((e) => e.kind === "syscall" && e.call === "listen"));
    const texts = st.history.flatMap((s) => s.events.map(describeEvent));
    assert.ok(texts.some((t) => /sigaction\(SIGCHLD, sigchld_handler\) = 0$/.test(t)), texts.join("\n"));
    assert.ok(texts.some((t) => /socket\(AF_INET, SOCK_STREAM, IPPROTO_TCP\) = 3$/.test(t)), texts.join("\n"));
    assert.ok(texts.some((t) => /setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, 1\) = 0$/.test(t)), texts.join("\n"));
  });

  it("the CLI's trace says the same as the view", () => {
    const out = forklabRun(PROGRAM, "calls.c");
    assert.match(out, /pipe\(\[3, 4\]\) = 0/);
    assert.match(out, /rt_sigaction\(SIGCHLD, handler\) = 0/);
    assert.match(out, /socket\(AF_INET, SOCK_STREAM\) = 5/);
    assert.match(out, /open\("out.txt", O_WRONLY\|O_CREAT\|O_TRUNC\) = 6/);
  });

  it("a pipe's bytes: the child's write and the parent's read show them, as strace -s 32 does", async () => {
    const { program } = await compile(PIPE, "pipe.c");
    const st = new Stepper({ program, name: "pipe", scenario: {}, maxSteps: 500 });
    st.continue();
    const events = st.history.flatMap((s) => s.events.flatMap((e) => (e.kind === "syscall" ? [e] : [])));
    const texts = events.map(describeEvent);
    const has = (re: RegExp) => assert.ok(texts.some((t) => re.test(t)), `no ${re} in:\n${texts.join("\n")}`);
    has(/^pid \d+: write\(4, "hello parent", 12\) = 12$/);
    has(/^pid \d+: read\(3, "hello parent", 12\) = 12$/);
    has(/^pid \d+: write\(4, "x{32}"\.\.\., 100\) = 100$/);
    has(/^pid \d+: read\(3, "x{32}"\.\.\., 64\) = 64$/);
    has(/^pid \d+: read\(3, "x{32}"\.\.\., 64\) = 36$/);
    // End of file moved nothing: no bytes kept, yet strace's "" says so.
    has(/^pid \d+: read\(3, "", 64\) = 0$/);
    // A failed call moved nothing either: strace would print the buffer's address; the count stays.
    has(/^pid \d+: write\(9, 4\) = -1 EBADF$/);
    // The Snapshot keeps the first 32 bytes and the total, not the 100.
    const big = events.find((e) => e.call === "write" && e.ret === 100)!;
    assert.deepEqual([big.buf, big.bufLen], ["x".repeat(BUF_SHOWN), 100]);
    const eof = events.find((e) => e.call === "read" && e.ret === 0)!;
    assert.deepEqual([eof.buf, eof.bufLen], [undefined, undefined]);
    assert.equal(events.find((e) => e.errno === "EBADF")!.buf, undefined);

    // The step's caption, and the hover's calls (from the C trace), say it in the same words.
    const at = st.history.findIndex((s) => s.events.some((e) => e.kind === "syscall" && e.call === "read" && e.ret === 12));
    assert.match(buildFigure(st.history[at], st.history[at - 1]).caption, /^Step \d+: pid \d+: read\(3, "hello parent", 12\) = 12/);
    const lines = PIPE.split("\n");
    const hover = stepEffects(st.history[at - 1], st.history[at], at, st.callsAt(at), (l) => lines[l - 1]);
    assert.deepEqual(hover.flatMap((h) => h.calls), ['read(3, "hello parent", 12) = 12']);
  });

  it("the CLI's trace shows a pipe's bytes as the view does", () => {
    const out = forklabRun(PIPE, "pipe.c");
    assert.match(out, /line {3}11 {2}write\(4, "hello parent", 12\) = 12/);
    assert.match(out, /line {3}17 {2}read\(3, "hello parent", 12\) = 12/);
    assert.match(out, /write\(4, "x{32}"\.\.\., 100\) = 100/);
  });

  it("bytes as strace quotes them: its escapes, octal with a digit after, the cut at 32", () => {
    // Each expected text is strace 6.1's own output for the same bytes (strace -e trace=write cat FILE).
    assert.equal(quoteBytes('a\tb\n"q\\ \x01\x012\x1bx\x7f\xc3\xa9\r\v\f\x00end'), '"a\\tb\\n\\"q\\\\ \\1\\0012\\33x\\177\\303\\251\\r\\v\\f\\0end"');
    assert.equal(quoteBytes("\x07\x08\x807\xff"), '"\\7\\10\\2007\\377"');
    // Only an octal digit (0-7) after forces three digits.
    assert.equal(quoteBytes("\x018\x019\x017"), '"\\18\\19\\0017"');
    // Cut at 32: "..." after the quote; the byte after the cut is not looked at (it is not kept).
    assert.equal(quoteBytes("x".repeat(31) + "\x01", 33), `"${"x".repeat(31)}\\1"...`);
    assert.equal(quoteBytes("x".repeat(32), 32), `"${"x".repeat(32)}"`);
    assert.equal(syscallText({ call: "write", args: [1, 6], ret: 6, buf: "hello\n", bufLen: 6 }), 'write(1, "hello\\n", 6) = 6');
    assert.equal(syscallText({ call: "read", args: [4, 8192], ret: 40, buf: "y".repeat(32), bufLen: 40 }), `read(4, "${"y".repeat(32)}"..., 8192) = 40`);
    assert.equal(syscallText({ call: "sendto", args: [3, 2, "NULL"], ret: 2, buf: "hi", bufLen: 2 }), 'sendto(3, "hi", 2, NULL) = 2');
    assert.equal(syscallText({ call: "recvfrom", args: [3, 100], ret: 0 }), 'recvfrom(3, "", 100) = 0');
    // A record without the bytes (before revision 1.7) reads as before.
    assert.equal(syscallText({ call: "write", args: [1, 4], ret: 4 }), "write(1, 4) = 4");
  });

  it("failures, flags and masks", () => {
    assert.equal(syscallText({ call: "read", args: [0, 8192], ret: -1, errno: "EINTR" }), "read(0, 8192) = -1 EINTR");
    assert.equal(syscallText({ call: "pipe", args: [0o2000000], ret: 0, fds: [5, 6] }), "pipe([5, 6], O_CLOEXEC) = 0");
    assert.equal(syscallText({ call: "socket", args: [1, 1 | 0o4000, 0], ret: 3 }), "socket(AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK, IPPROTO_IP) = 3");
    assert.equal(syscallText({ call: "sigprocmask", args: [0, (1 << 16) | (1 << 1)], ret: 0 }), "sigprocmask(SIG_BLOCK, [INT CHLD]) = 0");
    assert.equal(syscallText({ call: "fcntl", args: [3, 2, 1], ret: 0 }), "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
    assert.equal(syscallText({ call: "kill", args: [7, 15], ret: 0 }), "kill(7, SIGTERM) = 0");
    assert.equal(syscallText({ call: "shutdown", args: [4, 1], ret: 0 }), "shutdown(4, SHUT_WR) = 0");
    assert.equal(syscallText({ call: "shmget", args: [0, 4096, 0o1600], ret: 0 }), "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 0");
    // An address returned in hex, as strace shows it and as the program's pointer reads.
    assert.equal(syscallText({ call: "shmat", args: [0, 0], ret: 0x7f0000000000 }), "shmat(0, 0) = 0x7f0000000000");
    assert.equal(syscallText({ call: "mmap", args: [4096, 0x21], ret: 0x7f0000001000 }), "mmap(4096, MAP_SHARED|MAP_ANONYMOUS) = 0x7f0000001000");
    assert.equal(syscallText({ call: "shmat", args: [9, 0], ret: -1, errno: "EINVAL" }), "shmat(9, 0) = -1 EINVAL");
    // pread and pwrite at an offset, with their bytes, as strace's pread64 and pwrite64.
    assert.equal(syscallText({ call: "pread", args: [3, 4, 3], ret: 4, buf: "3456", bufLen: 4 }), 'pread(3, "3456", 4, 3) = 4');
    assert.equal(syscallText({ call: "pwrite", args: [3, 2, 1], ret: 2, buf: "ab", bufLen: 2 }), 'pwrite(3, "ab", 2, 1) = 2');
    // exit never returns: strace prints exit_group(1) = ?, and so do we (a tester read "exit(1) = 0").
    assert.equal(syscallText({ call: "exit", args: [1], ret: 0 }), "exit(1) = ?");
  });

  it("events in words: who exited when init adopts, which signal interrupts a call, SIG_DFL against SIG_IGN", () => {
    assert.equal(describeEvent({ kind: "adopt", pid: 1, child: 4, parent: 3 }), "init adopts pid 4 (its parent 3 exited)");
    // Before revision 1.9 the event had no parent: the text must not name init as the one that exited.
    assert.equal(describeEvent({ kind: "adopt", pid: 1, child: 4 }), "init adopts pid 4 (its parent exited)");
    assert.equal(describeEvent({ kind: "wake", pid: 2, on: "write(4)", by: "SIGALRM" }), "SIGALRM interrupts pid 2's write(4)");
    assert.equal(describeEvent({ kind: "wake", pid: 2, on: "read(0)" }), "pid 2's read(0) can go on");
    assert.equal(describeEvent({ kind: "signal", pid: 1, signal: "SIGCHLD", action: "ignored", byDefault: true }), "pid 1: SIGCHLD ignored by default (SIG_DFL)");
    assert.equal(describeEvent({ kind: "signal", pid: 1, signal: "SIGCHLD", action: "ignored" }), "pid 1: SIGCHLD ignored");
  });
});
