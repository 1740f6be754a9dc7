// The normaliser on recorded strace output of our fixtures (test/fidelity/recorded).
import { strict as assert } from "node:assert";
import { normalizeLinux } from "../../src/fidelity/normalize";
import type { NormProc } from "../../src/fidelity/normal";
import { loadRecorded } from "./recorded";

const show = (p: NormProc) => p.entries.map((e) => `${e.line} ${e.handler ? "H " : ""}${e.call}(${e.args.join(",")})=${e.ret}${e.errno ? " " + e.errno : ""}`);

describe("fidelity: normaliser", () => {
  it("pipe_fork: drops the loader, renames clone/pipe2/openat/wait4/exit_group, names pids by fork order", () => {
    const t = normalizeLinux(loadRecorded("pipe_fork").run);
    assert.deepEqual(t.procs.map((p) => p.name), ["P1", "P1.1"]);
    const [p1, child] = t.procs;
    assert.deepEqual(show(p1), [
      "11 pipe(3,4)=0", // lowest free descriptors after 0, 1, 2
      "12 fork()=P1.1",
      "18 close(4)=0",
      "20 read(3)=3",
      "22 waitpid(P1.1,0)=P1.1",
      "24 open(/nonexistent)=-1 ENOENT",
      "25 close(-1)=-1 EBADF",
      "0 write(1)=19", // stdout is a pipe: fully buffered, flushed by exit after main returns
      "0 exit(0)=0",
    ]);
    assert.equal(p1.entries[4].status, 3 << 8, "the raw wait status of exit(3)");
    assert.deepEqual(show(child), ["14 close(3)=0", "15 write(4)=3", "16 write(1)=6", "16 exit(3)=0"]);
    assert.equal(child.stdout, "hello\n", "fork copied the unflushed buffer; exit(3) flushed it at line 16");
    assert.deepEqual(p1.end, { kind: "exited", code: 0 });
    assert.deepEqual(child.end, { kind: "exited", code: 3 });
    assert.deepEqual(p1.children, ["P1.1"]);
  });

  it("reap_handler: getaddrinfo's netlink, nscd and gai.conf descriptors vanish; restarted reads vanish; handler calls are marked", () => {
    const t = normalizeLinux(loadRecorded("reap_handler").run);
    const p1 = t.procs[0];
    const lines = show(p1);
    assert.ok(!lines.some((l) => l.startsWith("23 ")), "nothing is attributed to the getaddrinfo line");
    assert.equal(lines[0], "18 sigaction(SIGCHLD)=0");
    assert.equal(lines[1], "24 socket()=3", "the program's own socket gets the lowest free descriptor, 3");
    assert.deepEqual(lines.filter((l) => l.includes("fork")), ["28 fork()=P1.1", "28 fork()=P1.2", "28 fork()=P1.3"]);
    // signal() sets SA_RESTART: read(0) interrupted by SIGCHLD is restarted, so it shows once.
    assert.equal(lines.filter((l) => l.includes("read(0)")).length, 1);
    assert.ok(p1.entries.filter((e) => e.call === "waitpid").every((e) => e.handler), "waitpid runs only in the handler");
    assert.deepEqual(t.procs.map((p) => p.end), [0, 0, 1, 2].map((code) => ({ kind: "exited", code })));
  });

  it("shell_redirect: bytes written through a descriptor 1 moved onto a file (dash's echo > f, the program's own dup2 after fcntl F_DUPFD) are not stdout", () => {
    const t = normalizeLinux(loadRecorded("shell_redirect").run);
    assert.deepEqual(t.procs.map((p) => [p.name, p.stdout]), [["P1", "back\n"], ["P1.1", "shown\n"]]);
  });
});
