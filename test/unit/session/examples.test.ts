// Course examples run unchanged in the stepper under their scenarios; each test checks the
// Linux behaviour the example is there to show.
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { Session } from "../../../src/session/session";
import { Scenario } from "../../../src/contract/scenario";

async function session(name: string, scenario: Scenario | string = {}): Promise<Session> {
  const { program, diagnostics } = await compile(example(`${name}.c`), `${name}.c`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors, []);
  const sc = typeof scenario === "string" ? exampleScenario(scenario) : scenario;
  return new Session({ program, name, scenario: sc });
}

async function finish(name: string, scenario: Scenario | string = {}): Promise<Session> {
  const s = await session(name, scenario);
  s.run();
  s.snapshot();
  return s;
}

describe("examples in the stepper", function () {
  this.timeout(60000);

  it("echoserverp: after fork the connected socket's open file has refcount 2; children echo and are reaped", async () => {
    const s = await session("echoserverp", "echoserverp.scenario.json");
    while (!s.trace.some((e) => e.call === "fork")) s.step();
    const snap = s.snapshot();
    const parent = snap.processes.find((p) => p.pid === s.mainPid)!;
    const child = snap.processes.find((p) => p.ppid === s.mainPid && p.kind === "program")!;
    assert.equal(s.trace.find((e) => e.call === "accept")!.ret, 4);
    assert.equal(parent.fds[4], child.fds[4]);
    assert.equal(snap.files.find((f) => f.id === parent.fds[4])!.refcount, 2);
    s.run();
    s.snapshot();
    assert.equal(s.stdout(), "server received 6 bytes\nserver received 6 bytes\nserver received 9 bytes\n");
    // Every child was reaped by the SIGCHLD handler's loop: the last waitpid found none left.
    const waits = s.trace.filter((e) => e.call === "waitpid");
    assert.equal(waits.filter((e) => e.ret > 0).length, 2);
    assert.equal(waits[waits.length - 1].errno, "ECHILD");
    assert.equal((s.mainStatus ?? 0) & 0x7f, 2, "the server ends by SIGINT");
  });

  it("printf-fork: on a terminal the line before fork prints once", async () => {
    const s = await finish("printf-fork", "printf-fork.tty.scenario.json");
    assert.equal(s.stdout().split("hello from before fork").length - 1, 1);
  });

  it("printf-fork: into a pipe the unflushed line is copied by fork and printed twice", async () => {
    const s = await finish("printf-fork", { stdout: "pipe" });
    assert.equal(s.stdout().split("hello from before fork").length - 1, 2);
  });

  it("sigchld-lost: one handler call per SIGCHLD reaps 1 of 5, leaving 4 zombies", async () => {
    const s = await finish("sigchld-lost");
    assert.match(s.stdout(), /handler reaped 1 of 5 children\n4 were still zombies/);
  });

  it("sigchld-loop: the waitpid loop reaps all 5", async () => {
    const s = await finish("sigchld-loop");
    assert.match(s.stdout(), /handler reaped 5 of 5 children\n0 were still zombies/);
  });

  it("sigpipe: a write with no reader kills the child with SIGPIPE; ignored, it fails with EPIPE", async () => {
    const s = await finish("sigpipe");
    assert.match(s.stdout(), /child was killed by SIGPIPE/);
    assert.ok(s.trace.some((e) => e.call === "write" && e.errno === "EPIPE"));
  });

  it("fork-returns: fork returns 0 in the child and the child's pid in the parent", async () => {
    const s = await finish("fork-returns");
    const fork = s.trace.find((e) => e.call === "fork")!;
    assert.ok(fork.ret > s.mainPid);
    assert.match(s.stdout(), /child: fork returned 0/);
  });

  it("shared-offset: parent and child share one offset after fork; a second open() does not", async () => {
    const s = await finish("shared-offset");
    assert.match(s.stdout(), /after fork, the parent read 'b'\na second open\(\) read 'a'/);
  });

  it("pipe-eof-close: the reader sees EOF once every write end is closed", async () => {
    const s = await finish("pipe-eof-close");
    assert.equal(s.stdout(), "hi\nparent: EOF\n");
  });

  it("zombies: exited children stay in the process table until reaped", async () => {
    const s = await session("zombies", "zombies.scenario.json");
    let most = 0;
    while (!s.ended) {
      s.step();
      const snap = s.snapshot();
      most = Math.max(most, snap.processes.filter((p) => p.state === "zombie" && p.ppid === s.mainPid).length);
    }
    assert.equal(most, 3);
  });
});
