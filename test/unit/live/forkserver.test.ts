// The live view on a real forking server (test/unit/live/fixtures/forkstop.c), read from
// /proc: after fork, parent and child share the connected socket's open file (refcount 2,
// decided by kcmp), the parent's close drops it to 1, and an unreaped child shows as Z.
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { LiveSnapshot } from "../../../src/live/livesnapshot";
import { LiveSource } from "../../../src/live/source";
import { OpenFile, Proc, SocketObject } from "../../../src/contract/snapshot";
import { readStat } from "../../../src/live/procfs";
import { compile, Program, waitFor } from "./realproc";

const onLinux = process.platform === "linux";

function fileOf(s: LiveSnapshot, p: Proc, fd: number): OpenFile {
  const id = p.fds[fd];
  assert.ok(id !== null && id !== undefined, `pid ${p.pid} has no fd ${fd}`);
  return s.files.find((f) => f.id === id)!;
}

function objectOf(s: LiveSnapshot, f: OpenFile): SocketObject {
  const o = s.objects.find((x) => x.id === f.object);
  assert.equal(o?.kind, "socket");
  return o as SocketObject;
}

async function connect(port: number): Promise<net.Socket> {
  return new Promise((res, rej) => {
    const s = net.connect(port, "127.0.0.1", () => res(s));
    s.once("error", rej);
  });
}

(onLinux ? describe : describe.skip)("live view of a real forking server", function () {
  let bin: string;
  let server: Program | undefined;
  let source: LiveSource | undefined;
  const sockets: net.Socket[] = [];

  before(() => {
    bin = compile("forkstop", ["test/unit/live/fixtures/forkstop.c"]);
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    source?.close();
    source = undefined;
    await server?.stop();
    server = undefined;
  });

  async function start(...args: string[]): Promise<number> {
    server = new Program(bin, args);
    const port = Number(await waitFor(() => /port (\d+)/.exec(server!.stdout)?.[1], "the server's port"));
    source = await LiveSource.open({ rootPid: server.pid });
    return port;
  }

  it("shows the listening socket with its address, held by the server alone", async () => {
    const port = await start();
    const s = await source!.refresh();
    assert.equal(s.processes.length, 1);
    const root = s.processes[0];
    assert.equal(root.pid, server!.pid);
    assert.equal(root.pgid, server!.pid, "the server leads its own process group");
    assert.equal(root.blockedOn, "accept(3)");
    const listen = fileOf(s, root, 3);
    assert.equal(listen.refcount, 1);
    assert.deepEqual(listen.flags, ["O_RDWR"]);
    const obj = objectOf(s, listen);
    assert.equal(obj.state, "listening");
    assert.equal(obj.local, `127.0.0.1:${port}`);
    assert.equal(s.live.sharing, "kcmp", `kcmp should work on this Linux machine: ${s.live.sharingNote}`);
  });

  it("after fork and before the parent's close, parent and child share one open file: refcount 2", async () => {
    const port = await start("stop");
    sockets.push(await connect(port));
    // The parent stops itself right after fork; the child closes listenfd and blocks in read.
    const snap = await waitFor(async () => {
      const x = await source!.refresh();
      const parent = x.processes.find((p) => p.pid === server!.pid);
      const child = x.processes.find((p) => p.ppid === server!.pid);
      return parent?.state === "stopped" && child?.blockedOn === "read(4)" && x;
    }, "the parent stopped after fork and the child reading");
    const parent = snap.processes.find((p) => p.pid === server!.pid)!;
    const child = snap.processes.find((p) => p.ppid === server!.pid)!;
    const shared = fileOf(snap, parent, 4);
    assert.equal(fileOf(snap, child, 4).id, shared.id, "both descriptors 4 name one open file");
    assert.equal(shared.refcount, 2);
    const conn = objectOf(snap, shared);
    assert.equal(conn.state, "connected");
    assert.equal(conn.remote, `127.0.0.1:${sockets[0].localPort}`);
    assert.equal(conn.local, `127.0.0.1:${port}`);
    assert.equal(fileOf(snap, parent, 3).refcount, 1, "the child closed its copy of listenfd");
    assert.equal(child.fds[3] ?? null, null);

    process.kill(server!.pid, "SIGCONT"); // the parent goes on to close(connfd)
    const later = await waitFor(async () => {
      const x = await source!.refresh();
      const p = x.processes.find((q) => q.pid === server!.pid);
      return p !== undefined && p.state !== "stopped" && (p.fds[4] ?? null) === null && x;
    }, "the parent's close(connfd)");
    const kid = later.processes.find((p) => p.ppid === server!.pid)!;
    const own = fileOf(later, kid, 4);
    assert.equal(own.refcount, 1, "only the child holds the connection now");
    assert.equal(own.id, shared.id, "the open file keeps its id across refreshes");
  });

  it("a child that exits and is not reaped shows as a zombie (Z) with its wait status", async () => {
    const port = await start("noreap");
    const c = await connect(port);
    sockets.push(c);
    c.end(); // the child reads EOF, closes and exits; nobody waits for it
    const snap = await waitFor(async () => {
      const x = await source!.refresh();
      return x.processes.some((p) => p.ppid === server!.pid && p.state === "zombie") && x;
    }, "a zombie child");
    const zombie = snap.processes.find((p) => p.ppid === server!.pid && p.state === "zombie")!;
    assert.equal(readStat(zombie.pid)?.state, "Z", "/proc/PID/stat says Z");
    assert.equal(zombie.exitStatus, 0, "exit(0) gives wait status 0");
    assert.deepEqual(zombie.fds, [], "the kernel closed a zombie's descriptors");
    const parent = snap.processes.find((p) => p.pid === server!.pid)!;
    assert.equal(parent.fds[4] ?? null, null, "the parent closed its copy");
    assert.equal(zombie.pid, snap.processes.find((p) => p.ppid === server!.pid)!.pid);
  });
});
