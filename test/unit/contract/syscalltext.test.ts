// System calls in words, as strace writes them, in every place that shows one: the view's
// events and step caption (describeEvent), the exported picture (the same), and the CLI's
// trace (`forklab run`). A reviewer saw `pipe(0) = 0` where the pipe returned 3 and 4,
// `sigaction(17, "handler")` and `socket(2, 1, 0)`.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { syscallText } from "../../../src/contract/syscalltext";
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

  it("the echo server's steps: sigaction by name, the listening socket's constants", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.until((s) => s.events.some((e) => e.kind === "syscall" && e.call === "listen"));
    const texts = st.history.flatMap((s) => s.events.map(describeEvent));
    assert.ok(texts.some((t) => /sigaction\(SIGCHLD, sigchld_handler\) = 0$/.test(t)), texts.join("\n"));
    assert.ok(texts.some((t) => /socket\(AF_INET, SOCK_STREAM, IPPROTO_TCP\) = 3$/.test(t)), texts.join("\n"));
    assert.ok(texts.some((t) => /setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, 1\) = 0$/.test(t)), texts.join("\n"));
  });

  it("the CLI's trace says the same as the view", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-calls-"));
    try {
      const file = join(dir, "calls.c");
      writeFileSync(file, PROGRAM);
      const r = spawnSync(process.execPath, [modelCli(ROOT), "run", file], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /pipe\(\[3, 4\]\) = 0/);
      assert.match(r.stdout, /rt_sigaction\(SIGCHLD, handler\) = 0/);
      assert.match(r.stdout, /socket\(AF_INET, SOCK_STREAM\) = 5/);
      assert.match(r.stdout, /open\("out.txt", O_WRONLY\|O_CREAT\|O_TRUNC\) = 6/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
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
  });
});
