// /proc parsing checked against this machine's real kernel: stat lines (a name with spaces
// and parentheses), fdinfo offsets and flags, fd links, /proc/net/tcp addresses and states,
// and which descriptors share an open file (kcmp exact, the identity fallback not).
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { closeSync, constants, copyFileSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flagNames, LiveSnapshot } from "../../../src/live/livesnapshot";
import { readNetTable } from "../../../src/live/netsockets";
import { ProcUnreadable, readDescriptors, readProcess, readStat } from "../../../src/live/procfs";
import { descendants, scanDescendants } from "../../../src/live/proctree";
import { nodeReader, openTreeReader } from "../../../src/live/procdump";
import { LiveSource } from "../../../src/live/source";
import { waitFor } from "./realproc";

const onLinux = process.platform === "linux";

(onLinux ? describe : describe.skip)("reading /proc", function () {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), "forklab-procfs-")); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("parses a stat line whose command name holds spaces and a ')'", async () => {
    const odd = join(dir, "a) b");
    copyFileSync("/bin/sleep", odd);
    const child = spawn(odd, ["5"], { stdio: "ignore" });
    try {
      // After exec the name is the file's; once in nanosleep the state is S (sleeping).
      const st = await waitFor(() => { const x = readStat(child.pid!); return x?.comm === "a) b" && x.state === "S" && x; },
        "the copy of sleep to be asleep");
      assert.equal(st.ppid, process.pid);
      assert.equal(st.pgid, readStat(process.pid)!.pgid, "spawn without detached keeps our group");
      const r = readProcess(child.pid!)!;
      assert.ok(r.syscall && r.syscall.nr >= 0, "a sleeping process reports the call it sleeps in");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("reads an fd's offset and flags from fdinfo, with O_CLOEXEC apart", () => {
    const path = join(dir, "data.txt");
    writeFileSync(path, "hello, world\n");
    const fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_NONBLOCK);
    try {
      readSync(fd, Buffer.alloc(5), 0, 5, null); // advances the shared offset by 5
      const d = readDescriptors(process.pid).find((x) => x.fd === fd)!;
      assert.equal(d.link, path);
      assert.deepEqual(d.target, { kind: "path", path });
      assert.equal(d.info.pos, 5);
      assert.deepEqual(flagNames(d.info.flags), ["O_RDWR", "O_APPEND", "O_NONBLOCK"]);
      assert.equal(d.info.flags & 0o2000000, 0o2000000, "node opens files close-on-exec");
      assert.equal(d.file?.size, 13);
      assert.equal(d.file?.preview, "hello, world\n");
    } finally {
      closeSync(fd);
    }
  });

  it("finds listening and connected TCP sockets with their addresses in /proc/net/tcp", async () => {
    const server = net.createServer((c) => c.pipe(c));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    const client = net.connect(port, "127.0.0.1");
    await new Promise((r) => client.once("connect", r));
    try {
      const rows = readNetTable("self", "tcp");
      const listen = rows.find((s) => s.local === `127.0.0.1:${port}` && s.tcpState === "LISTEN");
      assert.ok(listen, "the listening socket is in /proc/net/tcp");
      const mine = rows.find((s) => s.local === `127.0.0.1:${client.localPort}`);
      assert.equal(mine?.tcpState, "ESTABLISHED");
      assert.equal(mine?.remote, `127.0.0.1:${port}`);
      const links = readDescriptors(process.pid).map((d) => d.link);
      assert.ok(links.includes(`socket:[${listen!.inode}]`), "our fd link names the same inode");
    } finally {
      client.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  it("decodes IPv6 loopback and v4-mapped addresses from /proc/net/tcp6", async () => {
    const listen = async (host: string): Promise<net.Server> => {
      const srv = net.createServer((c) => c.pipe(c));
      await new Promise<void>((r) => srv.listen(0, host, r));
      return srv;
    };
    const portOf = (srv: net.Server) => (srv.address() as net.AddressInfo).port;
    const v6 = await listen("::1");
    const mapped = await listen("::ffff:127.0.0.1"); // an IPv6 socket bound to an IPv4 address
    const one = net.connect(portOf(v6), "::1");
    await new Promise((r) => one.once("connect", r));
    try {
      const rows = readNetTable("self", "tcp6");
      assert.equal(rows.find((x) => x.local === `[::1]:${one.localPort}`)?.remote, `[::1]:${portOf(v6)}`);
      assert.ok(rows.some((x) => x.local === `[::1]:${portOf(v6)}` && x.listening));
      assert.ok(rows.some((x) => x.local === `127.0.0.1:${portOf(mapped)}` && x.listening), "v4-mapped shown as IPv4");
    } finally {
      one.destroy();
      await Promise.all([v6, mapped].map((srv) => new Promise((r) => srv.close(r))));
    }
  });

  it("walks the tree through the children files and by scanning /proc alike", async () => {
    const child = spawn("sh", ["-c", "sleep 5 & sleep 5 & wait"], { stdio: "ignore", detached: true });
    try {
      const tree = await waitFor(() => { const t = descendants(child.pid!); return t.length === 3 && t; }, "two grandchildren");
      assert.deepEqual([...tree].sort(), [...scanDescendants(child.pid!)].sort());
      for (const pid of tree.slice(1)) assert.equal(readStat(pid)!.ppid, child.pid);
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
  });

  it("the procdump helper reads the same tree as Node does, odd file names included", async () => {
    const odd = join(dir, "tab\there\nnewline \\ back");
    writeFileSync(odd, "odd");
    const fd = openSync(odd, "r");
    const shell = spawn("sh", ["-c", "sleep 5 & sleep 5 & wait"], { stdio: ["ignore", fd, "ignore"], detached: true });
    const fast = await openTreeReader();
    try {
      assert.equal(fast.method, "procdump", "the helper builds with cc on this machine");
      // Compare a quiet tree: the shell waiting, both children asleep in sleep(1).
      await waitFor(() => {
        const t = descendants(shell.pid!).map((p) => readStat(p));
        return t.length === 3 && t.every((x) => x?.state === "S") && t.slice(1).every((x) => x?.comm === "sleep");
      }, "the shell's two children asleep");
      const strip = (rs: Awaited<ReturnType<typeof fast.read>>) => rs
        .map((r) => ({ pid: r.stat.pid, ppid: r.stat.ppid, state: r.stat.state, comm: r.stat.comm, signals: r.signals,
          fds: r.fds.map((d) => ({ fd: d.fd, link: d.link, target: d.target, info: d.info, file: d.file })) }))
        .sort((a, b) => a.pid - b.pid);
      const a = strip(await fast.read(shell.pid!));
      const b = strip(await nodeReader().read(shell.pid!));
      assert.equal(a.length, 3);
      assert.deepEqual(a, b);
      const out = a[0].fds.find((d) => d.fd === 1)!;
      assert.equal(out.link, odd, "tab, newline and backslash survive the helper's escaping");
      assert.deepEqual(out.file, { size: 3, preview: "odd" });
    } finally {
      fast.close();
      process.kill(-shell.pid!, "SIGKILL");
      closeSync(fd);
    }
  });

  it("says plainly when /proc cannot be read", () => {
    // A fake /proc where process 42's fd "directory" is a file: the read fails with ENOTDIR.
    const fake = join(dir, "proc");
    mkdirSync(join(fake, "42"), { recursive: true });
    writeFileSync(join(fake, "42", "stat"), "42 (srv) S 1 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 100 0 0");
    writeFileSync(join(fake, "42", "status"), "SigPnd:\t0\n");
    writeFileSync(join(fake, "42", "fd"), "");
    assert.throws(() => readProcess(42, fake), (e: unknown) => e instanceof ProcUnreadable && /fd \(ENOTDIR\)/.test(e.message));
    assert.match(new ProcUnreadable("/proc/1/fd", "EACCES").message, /another user, or \/proc is mounted with hidepid/);
    assert.equal(readProcess(43, fake), undefined, "a process that is gone is not an error");
  });

  it("kcmp tells a shared open file from a second open() of the same file; the fallback cannot", async () => {
    const path = join(dir, "twice.txt");
    writeFileSync(path, "x");
    const a = openSync(path, "r");
    const b = openSync(path, "r"); // a second open: its own open file description
    // The child's descriptor 1 is a copy of a: the same open file description.
    const child = spawn("sleep", ["5"], { stdio: ["ignore", a, "ignore"] });
    const exact = await LiveSource.open({ rootPid: process.pid });
    const guess = await LiveSource.open({ rootPid: process.pid, noKcmp: true });
    try {
      await waitFor(() => readStat(child.pid!)?.comm === "sleep", "the child");
      const me = (s: LiveSnapshot) => s.processes.find((p) => p.pid === process.pid)!;
      const kid = (s: LiveSnapshot) => s.processes.find((p) => p.pid === child.pid)!;
      const s = await exact.refresh();
      assert.equal(s.live.sharing, "kcmp");
      assert.equal(me(s).fds[a], kid(s).fds[1], "a and the child's stdout are one open file");
      assert.notEqual(me(s).fds[a], me(s).fds[b], "two open() calls make two open files");
      const fa = s.files.find((f) => f.id === me(s).fds[a])!;
      const fb = s.files.find((f) => f.id === me(s).fds[b])!;
      assert.equal(fa.object, fb.object, "both refer to the same file object");
      assert.equal(fa.refcount, 2);
      assert.equal(fb.refcount, 1);

      // Hints from an earlier refresh only save calls: wrong ones change nothing.
      const fds = readDescriptors(process.pid).filter((d) => d.fd === a || d.fd === b);
      const kidFd = readDescriptors(child.pid!).find((d) => d.fd === 1)!;
      const group = [...fds, kidFd]; // a, b, the child's copy of a
      for (const hints of [[0, 0, 0], [0, 1, 2], [-1, -1, -1], [5, 5, 7]]) {
        const [c] = await exact.sharing.classify([group], [hints]);
        assert.equal(c[0], c[2], `hints ${hints}: a is the child's stdout`);
        assert.notEqual(c[0], c[1], `hints ${hints}: b is another open file`);
      }

      const g = await guess.refresh();
      assert.equal(g.live.sharing, "identity");
      assert.match(g.live.sharingNote, /kcmp/);
      assert.equal(me(g).fds[a], me(g).fds[b], "same inode, offset and flags: the fallback merges them");
      assert.ok(g.events.some((e) => e.kind === "note" && /guessed/.test(e.text)), "the snapshot says it guessed");
    } finally {
      exact.close();
      guess.close();
      child.kill("SIGKILL");
      closeSync(a);
      closeSync(b);
    }
  });
});
