// The server's life cycle through the forklab command line, as the tasks run it: build
// (no compiler, compile errors in gcc's file:line format), serve (port in use, "started"
// once it listens, a server that never listens, crash by a signal, Ctrl-C), and stop (the
// whole process group, nothing left in /proc).
import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildExample } from "../../../src/live/build";
import { runClients } from "../../../src/live/clients";
import { findServer } from "../../../src/live/discover";
import { readStat } from "../../../src/live/procfs";
import { groupMembers, stopGroup } from "../../../src/live/stop";
import { compile, freePort, ROOT, waitFor } from "./realproc";

const onLinux = process.platform === "linux";

/** Starting `node --import tsx` takes seconds on a loaded machine: deadlines only end a failing wait. */
const SLOW_MS = 60_000;

/** `forklab ARGS...` run from source, with its output collected. */
class Cli {
  /** Every forklab started by a test, so that a test that fails midway leaves none behind. */
  static readonly started: Cli[] = [];
  readonly child: ChildProcess;
  out = "";
  code?: number | null;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    for (const s of [this.child.stdout!, this.child.stderr!]) s.setEncoding("utf8").on("data", (d: string) => { this.out += d; });
    this.child.on("exit", (c) => { this.code = c; });
    Cli.started.push(this);
  }

  async done(): Promise<number> {
    return waitFor(() => this.code !== undefined && (this.code ?? -1), "forklab to exit", SLOW_MS);
  }

  /** The server's pid once `serve` has said it started. */
  serverPid(): Promise<number> {
    return waitFor(() => Number(/started: pid (\d+)/.exec(this.out)?.[1]) || undefined, "the server to start", SLOW_MS);
  }

  /** Ends a forklab that is still running and the server group it started (the group's id is the server's pid). */
  async end(): Promise<void> {
    const pgid = Number(/started: pid (\d+)/.exec(this.out)?.[1]);
    if (this.code === undefined) {
      this.child.kill("SIGKILL");
      await waitFor(() => this.code !== undefined, "forklab to be killed", SLOW_MS);
    }
    if (pgid && groupMembers(pgid).length) await stopGroup(pgid, 1000);
  }
}

(onLinux ? describe : describe.skip)("forklab build, serve and stop", function () {
  this.timeout(4 * SLOW_MS);
  let dir: string;
  let echo: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "forklab-serve-"));
    echo = compile("echoserverp", ["examples/echoserverp.c", "examples/csapp.c"]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  // A failed wait must not leave forklab or its server running: mocha would then wait for
  // them forever instead of reporting the failure.
  afterEach(async () => {
    for (const cli of Cli.started.splice(0)) await cli.end();
  });

  it("build: a missing compiler and a compile error are said plainly", async () => {
    const none = await buildExample({ source: join(ROOT, "examples/echoserverp.c"), workspace: dir, compiler: "no-such-cc" });
    assert.equal(none.ok, false);
    assert.match(none.message, /No C compiler: 'no-such-cc' was not found/);
    const bad = join(dir, "bad.c");
    writeFileSync(bad, "int main(void)\n{\n    return nope;\n}\n");
    const r = await buildExample({ source: bad, workspace: dir });
    assert.equal(r.ok, false);
    assert.match(r.message, /did not compile.*Problems panel/);
    // The $gcc problem matcher wants file:line:column: error: message.
    // Paths are relative to the workspace folder, where the matcher looks for them.
    assert.match(r.diagnostics, /^bad\.c:3:12: error: .nope. undeclared/m);
  });

  it("build: a source named like a cc option (-fdump-tree-all.c) is compiled as a file, not read as an option", async () => {
    writeFileSync(join(dir, "-fdump-tree-all.c"), "int main(void)\n{\n    return 0;\n}\n");
    const r = await buildExample({ source: "-fdump-tree-all.c", workspace: dir, out: join(dir, "dumped") });
    assert.equal(r.ok, true, r.diagnostics);
    assert.deepEqual(readdirSync(dir).filter((f) => /\.\d+t\./.test(f)), [], "cc wrote tree dumps: the name was taken as an option");
  });

  it("serve refuses a port in use and names who holds it", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const cli = new Cli(["serve", echo, "--port", String(port)]);
      assert.equal(await cli.done(), 1);
      assert.match(cli.out, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use by pid ${process.pid} \\(node\\)`));
    } finally {
      holder.close();
    }
  });

  it("serve runs the server in its own group; stop ends the group and nothing is left", async () => {
    const port = await freePort();
    const cli = new Cli(["serve", echo, "--port", String(port)]);
    const pid = await cli.serverPid();
    assert.match(cli.out, new RegExp(`started: pid ${pid}, process group ${pid}, listening on 127\\.0\\.0\\.1:${port}`));
    // Said once it listens: clients may come at once.
    const clients = await runClients({ port, clients: 3, lines: ["ping"], close: "together" });
    assert.ok(clients.ok, JSON.stringify(clients.results));
    // Two connections we hold open ourselves: two children serving them.
    const held: net.Socket[] = [];
    const closedByServer: Array<Promise<unknown>> = [];
    for (let i = 0; i < 2; i++) {
      const c = net.connect(port, "127.0.0.1");
      closedByServer.push(new Promise((r) => c.once("close", r)));
      c.on("error", () => undefined);
      c.write("stay\n");
      await new Promise((r) => c.once("data", r));
      held.push(c);
    }
    try {
      // The first three children may still be exiting: wait for just the server and two.
      await waitFor(() => groupMembers(pid).length === 3, "the server and its two children", SLOW_MS);
      const stop = new Cli(["stop", "--port", String(port)]);
      assert.equal(await stop.done(), 0, stop.out);
      assert.match(stop.out, /stopped process group \d+ \(3 processes\) with SIGTERM; none is left/);
      assert.deepEqual(groupMembers(pid), []);
      await Promise.all(closedByServer); // the children's ends went with them
      assert.equal(await cli.done(), 0);
      assert.match(cli.out, /server stopped by SIGTERM/);
    } finally {
      for (const c of held) c.destroy();
    }
  });

  it("stop: a member that ended but is not reaped yet (a busy parent) is waited for, not taken for one that ignored SIGTERM", async () => {
    // The parent (perl, outside the group) reaps its child only after 3 s, as a `forklab
    // serve` or an init kept from running by a loaded machine would: past the grace period.
    const parent = spawn("perl", ["-e", '$|=1; my $p = fork; if (!$p) { setpgrp(0, 0); exec "sleep", "30" } print "$p\\n"; sleep 3; waitpid($p, 0);'],
      { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    parent.stdout!.setEncoding("utf8").on("data", (d: string) => { out += d; });
    const exited = new Promise((r) => parent.once("exit", r));
    let pgid = 0;
    try {
      pgid = await waitFor(() => Number(/^(\d+)\n/.exec(out)?.[1]) || undefined, "the child's pid", SLOW_MS);
      await waitFor(() => groupMembers(pgid).length === 1 && readStat(pgid)?.comm === "sleep", "the child to be sleep in its own group", SLOW_MS);
      const r = await stopGroup(pgid, 500);
      assert.equal(r.message, `stopped process group ${pgid} (1 process) with SIGTERM; none is left`);
      assert.equal(r.ok, true);
      assert.deepEqual(groupMembers(pgid), []);
    } finally {
      parent.kill("SIGKILL");
      if (pgid) try { process.kill(-pgid, "SIGKILL"); } catch { /* none left */ }
      await exited;
    }
  });

  it("serve says started only once the server listens, so a client may connect at once", async () => {
    const slow = compile("slowlisten", ["test/unit/live/fixtures/slowlisten.c"]); // listens after 2 s
    const port = await freePort();
    const cli = new Cli(["serve", slow, "--port", String(port)]);
    const pid = await cli.serverPid();
    assert.equal(findServer(port, "127.0.0.1"), pid, `not listening when forklab said: ${cli.out}`);
    await new Promise<void>((connected, refused) => {
      const c = net.connect(port, "127.0.0.1", () => { c.destroy(); connected(); });
      c.once("error", refused);
    });
  });

  it("a server that never listens is stopped after --wait, saying where it waits", async () => {
    // sleep takes the port for a number of seconds: it runs, and never listens.
    const port = await freePort();
    const cli = new Cli(["serve", "/bin/sleep", "--port", String(port), "--wait", "1"]);
    assert.equal(await cli.done(), 1);
    const pid = Number(/sleep \(pid (\d+)\) did not listen/.exec(cli.out)?.[1]);
    assert.ok(pid, cli.out);
    assert.match(cli.out, new RegExp(`did not listen on 127\\.0\\.0\\.1:${port} within 1 s: it is waiting in \\S+; stopping it`));
    assert.match(cli.out, /server stopped by SIGTERM/);
    assert.doesNotMatch(cli.out, /started/);
    assert.deepEqual(groupMembers(pid), []);
  });

  it("Ctrl-C (SIGINT to forklab serve) reaches the server's group", async () => {
    const port = await freePort();
    const cli = new Cli(["serve", echo, "--port", String(port)]);
    const pid = await cli.serverPid();
    cli.child.kill("SIGINT");
    assert.equal(await cli.done(), 0);
    assert.match(cli.out, /server stopped by SIGINT/);
    assert.deepEqual(groupMembers(pid), []);
  });

  it("a server killed by a signal is reported as a crash with the signal", async () => {
    const crash = compile("crash", ["test/unit/live/fixtures/crash.c"]);
    const cli = new Cli(["serve", crash, "--port", String(await freePort())]);
    assert.equal(await cli.done(), 1);
    assert.match(cli.out, /about to crash/);
    assert.match(cli.out, /server crashed: killed by SIGSEGV \(signal 11\): a segmentation fault[^\n]*\. It ended before it listened on 127\.0\.0\.1:\d+; what it printed, if anything, is above/);
    assert.doesNotMatch(cli.out, /started/);
  });
});
