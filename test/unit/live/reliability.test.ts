// The course's forking echo server (examples/echoserverp.c), compiled and run for real on
// loopback, driven by the client driver and watched through /proc: every line comes back,
// its SIGCHLD handler reaps every child (no zombies), its descriptor table returns to its
// baseline, and clients that reset their connection do not kill it.
import * as assert from "node:assert/strict";
import { runClients } from "../../../src/live/clients";
import { LiveSnapshot } from "../../../src/live/livesnapshot";
import { readStat } from "../../../src/live/procfs";
import { LiveSource } from "../../../src/live/source";
import { compile, freePort, Program, waitFor } from "./realproc";

const onLinux = process.platform === "linux";
const openFds = (s: LiveSnapshot, pid: number): number[] =>
  s.processes.find((p) => p.pid === pid)!.fds.flatMap((f, fd) => (f === null ? [] : [fd]));

(onLinux ? describe : describe.skip)("the real echo server under load", function () {
  this.timeout(60_000);
  let bin: string;
  let server: Program;
  let source: LiveSource;
  let port: number;
  let baseline: number[];

  before(async () => {
    bin = compile("echoserverp", ["examples/echoserverp.c", "examples/csapp.c"]);
    port = await freePort();
    server = new Program(bin, [String(port)]);
    source = await LiveSource.open({ rootPid: server.pid });
    const first = await waitFor(async () => {
      const s = await source.refresh();
      return s.objects.some((o) => o.kind === "socket" && o.state === "listening" && o.local === `127.0.0.1:${port}`) && s;
    }, "the server to listen");
    baseline = openFds(first, server.pid);
  });

  after(async () => {
    source?.close();
    await server?.stop();
  });

  /** Waits until the server is alone again: every child exited and was reaped. */
  async function alone(): Promise<LiveSnapshot> {
    return waitFor(async () => {
      const s = await source.refresh();
      return s.processes.length === 1 && s;
    }, "every child to be reaped", 10_000);
  }

  it("200 clients, 50 at a time: every line echoed, no zombies, descriptors back to baseline", async () => {
    const lines = ["first line", "x".repeat(1000), "third"];
    const report = await runClients({ port, clients: 200, concurrency: 50, lines, close: "each", timeoutMs: 10_000 });
    const failed = report.results.filter((r) => r.error);
    assert.deepEqual(failed, [], "no client failed");
    assert.equal(report.results.length, 200);
    for (const r of report.results) assert.deepEqual(r.echoed, lines);
    assert.ok(report.results.every((r) => r.serverClosed), "each child closed its end after our FIN");
    assert.ok(report.ok);
    const s = await alone();
    assert.equal(s.processes.filter((p) => p.state === "zombie").length, 0);
    assert.deepEqual(openFds(s, server.pid), baseline, "the parent closed every connfd");
  });

  it("clients that reset their connection (RST) do not kill the server", async () => {
    const report = await runClients({ port, clients: 20, lines: ["about to reset"], close: "together", reset: true });
    assert.ok(report.ok, JSON.stringify(report.results.filter((r) => r.error)));
    // Reset at once after connecting: often before the server has even accepted.
    const early = await runClients({ port, clients: 50, lines: [], close: "together", reset: true });
    assert.ok(early.ok, JSON.stringify(early.results.filter((r) => r.error)));
    const s = await alone();
    assert.equal(readStat(server.pid)?.state !== "Z", true, "the server is alive");
    assert.equal(server.exited, false);
    assert.deepEqual(openFds(s, server.pid), baseline);
    const after = await runClients({ port, clients: 1, lines: ["still there?"] });
    assert.ok(after.ok, "a new client is served after the resets");
  });

  it("one by one and all together: the children see EOF and exit", async () => {
    for (const close of ["one-by-one", "together"] as const) {
      const report = await runClients({ port, clients: 5, lines: ["hi"], close, gapMs: 50 });
      assert.ok(report.ok, close);
      assert.ok(report.results.every((r) => r.serverClosed), `${close}: every child closed its end`);
      await alone();
    }
  });

  it("a client held open is a child of the server holding the connected socket", async () => {
    const run = runClients({ port, clients: 3, lines: ["hold"], close: "together", holdMs: 1500 });
    const s = await waitFor(async () => {
      const x = await source.refresh();
      return x.processes.filter((p) => p.blockedOn === "read(4)").length === 3 && x;
    }, "three children reading from their connections");
    for (const child of s.processes.filter((p) => p.ppid === server.pid)) {
      const f = s.files.find((x) => x.id === child.fds[4])!;
      assert.equal(f.refcount, 1, "the parent closed its copy after fork");
      assert.equal(child.fds[3] ?? null, null, "the child closed listenfd");
    }
    assert.ok((await run).ok);
    await alone();
  });

  it("says clearly when nobody listens", async () => {
    const closed = await freePort();
    const report = await runClients({ port: closed, clients: 1, lines: ["x"] });
    assert.equal(report.ok, false);
    assert.match(report.results[0].error!, /nothing is listening on 127\.0\.0\.1:\d+/);
  });
});
