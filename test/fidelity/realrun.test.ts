// Real runs of our fixture programs under strace, normalised: what Linux does, checked.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { checkRules } from "../../src/fidelity/compare";
import { RealRunTimedOut, checkFidelity, linuxTrace } from "../../src/fidelity/check";
import { alarmDue } from "../../src/fidelity/realrun";
import type { NormTrace } from "../../src/fidelity/normal";
import type { Scenario } from "../../src/contract/scenario";

const root = join(__dirname, "..", "..");
const fixture = (name: string) => join(__dirname, "fixtures", name);
const trace = async (name: string, scenario: Scenario): Promise<NormTrace> => (await linuxTrace(fixture(name), scenario, { root })).trace;
const calls = (t: NormTrace, name: string) => t.procs.find((p) => p.name === name)?.entries.map((e) => `${e.line} ${e.call}(${e.args.join(",")})=${e.ret}`) ?? [];

/** Runs `body` on a fresh folder holding `files` (the program among them), removed after. */
async function inFolder(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "forklab-folder-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("fidelity: real runs under strace", function () {
  this.timeout(30000);

  it("a process blocked with an alarm pending is not taken for a finished server: the alarm wakes it", async () => {
    // After the scenario's last signal the harness stops a program that has nothing left to do.
    const t = await trace("alarm_wakes.c", { signals: [{ signal: "SIGINT", afterOutput: "ready" }] });
    assert.deepEqual(t.procs[0].end, { kind: "exited", code: 0 });
    assert.equal(t.procs[0].stdout, "ready\nintr\nrang\ndone\n");
  });

  it("a server that is its own client (no Scenario clients) runs on a free port, named back as argv's port: a taken 15213 does not matter", async () => {
    // Another run of the same program, or any server on the machine, may hold the course's port.
    const holder = createServer();
    await new Promise<void>((r, j) => { holder.once("error", j); holder.listen(15213, "127.0.0.1", r); }).catch(() => undefined);
    try {
      const t = (await linuxTrace(join(root, "examples", "socket-tuple.c"), { argv: ["15213"] }, { root })).trace;
      assert.deepEqual(t.procs[0].end, { kind: "exited", code: 0 }, t.procs[0].stderr);
      assert.match(t.procs[0].stdout, /local port is the server's chosen port 15213\n/);
    } finally {
      holder.close();
    }
  });

  it("a program that never ends is killed at the time limit and reported as not compared, not as a disagreement", async () => {
    await inFolder({ "spin.c": "int main(void) { volatile unsigned n = 0; for (;;) n++; }\n" }, async (dir) => {
      await assert.rejects(checkFidelity(join(dir, "spin.c"), {}, { root, timeoutMs: 2000 }),
        (e: unknown) => e instanceof RealRunTimedOut && /spin\.c did not end within 2 s and was killed: nothing was compared/.test(e.message));
    });
  });

  it("alarmDue: the last alarm of each trace file counts; alarm(0) cancels", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-alarm-"));
    try {
      writeFileSync(join(dir, "t.10"), "1000.500000 alarm(5)              = 0\n1001.000000 alarm(2)              = 4\n");
      writeFileSync(join(dir, "t.11"), "1000.000000 alarm(9)              = 0\n1000.100000 alarm(0)              = 9\n");
      assert.equal(alarmDue(dir), 1003000);
      writeFileSync(join(dir, "t.10"), "1000.500000 pause()              = ?\n");
      assert.equal(alarmDue(dir), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stdout to a pipe: the child's exit flushes the copy of the parent's buffer", async () => {
    const t = await trace("printf_fork.c", { stdout: "pipe" });
    assert.deepEqual(t.procs.map((p) => [p.name, p.stdout]), [["P1", "before fork\n"], ["P1.1", "before fork\n"]]);
    assert.deepEqual(calls(t, "P1.1"), ["12 write(1)=12", "12 exit(0)=0"]);
    assert.deepEqual(checkRules(t), []);
  });

  it("stdout to a file: fully buffered too", async () => {
    const t = await trace("printf_fork.c", { stdout: "file" });
    assert.equal(t.procs[1].stdout, "before fork\n");
  });

  it("stdout to a terminal (script's pty): line buffered, printf writes at its own line, once", async () => {
    const t = await trace("printf_fork.c", { stdout: "tty" });
    assert.deepEqual(calls(t, "P1")[0], "9 write(1)=12");
    assert.equal(t.procs[1].stdout, "");
  });

  it("a forking server with a client on 127.0.0.1: lowest descriptors, child closes listenfd, harness stops the server", async () => {
    const t = await trace("echo_fork.c", { argv: ["15213"], clients: [{ actions: [{ send: "hello" }, { close: true }] }] });
    const p1 = calls(t, "P1");
    assert.deepEqual(p1.slice(0, 8), [
      "24 sigaction(SIGCHLD)=0", "27 socket()=3", "29 setsockopt(3)=0", "30 bind(3)=0", "32 listen(3)=0",
      "34 accept(3)=4", "35 fork()=P1.1", "44 close(4)=0",
    ]);
    assert.deepEqual(calls(t, "P1.1"), ["36 close(3)=0", "39 read(4)=6", "40 write(4)=6", "39 read(4)=0", "41 close(4)=0", "42 exit(0)=0"]);
    assert.equal(t.procs[0].end.kind, "running", "a server never ends by itself; the harness ended it");
    assert.deepEqual(checkRules(t), []);
  });

  it("the program's folder is its working directory on both sides: a data file next to it is read, the folder is left as it was", async () => {
    await inFolder({ "data.txt": "eleven bytes", "reads.c": `#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
    char buf[64];
    int fd = open("data.txt", O_RDONLY);
    int n = read(fd, buf, sizeof buf);
    printf("%d\\n", n);
    unlink("data.txt");
    return 0;
}
` }, async (dir) => {
      // A link to its own folder is not followed (the copy would never end).
      symlinkSync(".", join(dir, "loop"));
      const r = await checkFidelity(join(dir, "reads.c"), {}, { root });
      assert.equal(r.linux.procs[0].stdout, "12\n");
      assert.ok(r.comparison.agree, JSON.stringify(r.comparison.divergences));
      assert.ok(existsSync(join(dir, "data.txt")), "the real run worked on a copy");
    });
  });

  it("argv[0] is ./name on both sides, as a shell run from the program's folder gives it: a usage line agrees", async () => {
    await inFolder({ "needsport.c": `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <port>\\n", argv[0]);
        exit(1);
    }
    return 0;
}
` }, async (dir) => {
      const r = await checkFidelity(join(dir, "needsport.c"), {}, { root });
      assert.equal(r.linux.procs[0].stderr, "usage: ./needsport <port>\n");
      assert.ok(r.comparison.agree, JSON.stringify(r.comparison.divergences));
    });
  });

  it("a failed assert agrees: gcc runs in the program's folder (__FILE__ is prog.c), abort's unblock and raise match", async () => {
    await inFolder({ "checks.c": `#include <assert.h>
#include <stdio.h>
int main(void) {
    int n = 0;
    printf("lost\\n");
    assert(n == 1);
    return 0;
}
` }, async (dir) => {
      const r = await checkFidelity(join(dir, "checks.c"), { stdout: "file" }, { root });
      assert.equal(r.linux.procs[0].stderr, "checks: checks.c:6: main: Assertion `n == 1' failed.\n");
      assert.ok(r.comparison.agree, JSON.stringify(r.comparison.divergences));
    });
  });

  it("children exit while the parent reads: the SIGCHLD handler's waitpid calls are marked as handler work", async () => {
    const t = await trace("reap_handler.c", { stdin: "hi\n" });
    const p1 = t.procs[0];
    assert.ok(p1.entries.some((e) => e.call === "waitpid" && e.handler && typeof e.ret === "string"));
    assert.deepEqual(t.procs.slice(1).map((p) => p.end), [0, 1, 2].map((code) => ({ kind: "exited", code })));
  });
});
