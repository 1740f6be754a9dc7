// The real thing inside VS Code: the forklab tasks build and start the course's echo
// server, the clients task gets its echoes, the live view reads the server's tables from
// /proc (parent and children, the right open files and refcounts), and the stop task
// leaves no process of the server's group behind.
import * as assert from "node:assert";
import * as vscode from "vscode";
import { findServer } from "../../src/live/discover";
import type { CompareRow } from "../../src/live/compare";
import type { LiveSnapshot } from "../../src/live/livesnapshot";
import { readStat } from "../../src/live/procfs";
import { freePort } from "../../src/host/ports";
import { groupMembers } from "../../src/live/stop";
import { forkLab } from "./extension";
import { waitFor } from "../wait";

(process.platform === "linux" ? describe : describe.skip)("the real echo server through tasks and the live view", function () {
  this.timeout(120_000);
  let port: number;
  let pgid: number | undefined;
  const config = () => vscode.workspace.getConfiguration("forklab");

  before(async () => {
    await forkLab().activate();
    port = await freePort();
    await config().update("server.port", port, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand("forklab.live.stop");
    if (pgid !== undefined && groupMembers(pgid).length) process.kill(-pgid, "SIGKILL");
    await config().update("server.port", undefined, vscode.ConfigurationTarget.Global);
  });

  it("provides build, server, clients and stop tasks of type forklab", async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: "forklab" });
    const kinds = tasks.map((t) => String(t.definition.task)).sort();
    assert.deepStrictEqual(kinds, ["build", "clients", "server", "stop"]);
    const build = tasks.find((t) => t.definition.task === "build")!;
    assert.strictEqual(build.group?.id, vscode.TaskGroup.Build.id);
    assert.ok(build.problemMatchers.includes("$gcc"), "compile errors go to Problems through $gcc");
    assert.ok(tasks.find((t) => t.definition.task === "server")!.name.endsWith(`127.0.0.1:${port}`));
  });

  it("build then run: a real server listens, leading its own process group", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.server.run"), true);
    const pid = findServer(port, "127.0.0.1");
    assert.ok(pid, "someone listens on the port");
    const st = readStat(pid)!;
    assert.strictEqual(st.comm, "echoserverp");
    assert.strictEqual(st.pgid, pid, "the server leads its process group");
    pgid = st.pgid;
  });

  it("clients get their echoes while the live view shows parent and children with the right open files", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.live.open"), true);
    const clients = vscode.commands.executeCommand<number | undefined>("forklab.clients.run",
      { clients: 2, lines: ["from vs code"], holdMs: 4000, close: "together" });
    const snap = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<LiveSnapshot | undefined>("forklab.live.snapshot");
      return s && s.processes.filter((p) => p.blockedOn === "read(4)").length === 2 && s;
    }, "two children reading their connections", 20_000, 100);
    const parent = snap.processes.find((p) => p.pid === pgid)!;
    assert.strictEqual(parent.blockedOn, "accept(3)");
    assert.strictEqual(snap.live.sharing, "kcmp", snap.live.sharingNote);
    const file = (id: number | null | undefined) => snap.files.find((f) => f.id === id)!;
    const listen = file(parent.fds[3]);
    assert.strictEqual(listen.refcount, 1, "only the parent keeps listenfd");
    const children = snap.processes.filter((p) => p.ppid === pgid);
    assert.strictEqual(children.length, 2);
    for (const child of children) {
      const conn = file(child.fds[4]);
      assert.strictEqual(conn.refcount, 1, "the parent closed its copy of connfd");
      const obj = snap.objects.find((o) => o.id === conn.object);
      assert.ok(obj?.kind === "socket" && obj.state === "connected" && obj.local === `127.0.0.1:${port}`);
      assert.strictEqual(child.fds[3] ?? null, null, "the child closed listenfd");
      assert.strictEqual(child.fds[1], parent.fds[1], "fork copied stdout: the same open file");
    }
    assert.ok(file(parent.fds[1]).refcount >= 3, "stdout's open file is shared by the parent and both children");
    assert.strictEqual(await clients, 0, "every client got every echo");
  });

  it("the model next to the live server, with the same two clients, agrees on what the lesson draws", async () => {
    const rows = await vscode.commands.executeCommand<CompareRow[] | undefined>("forklab.live.compare");
    assert.ok(rows, "the comparison ran");
    const row = (who: string, what: string) => rows.find((r) => r.who === who && r.what === what);
    assert.ok(row("server", "state")?.same, JSON.stringify(row("server", "state")));
    assert.ok(row("server", "fd 3")?.same);
    for (const child of ["child 1", "child 2"]) {
      assert.deepStrictEqual([row(child, "fd 4")?.live, row(child, "fd 4")?.same], ["connected socket, refcount 1", true]);
    }
  });

  it("stop ends the server's whole group: nothing is left in /proc", async () => {
    assert.strictEqual(await vscode.commands.executeCommand("forklab.server.stop"), 0);
    assert.deepStrictEqual(groupMembers(pgid!), []);
    assert.strictEqual(findServer(port, "127.0.0.1"), undefined);
  });
});
