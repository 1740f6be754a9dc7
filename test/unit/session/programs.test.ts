// Scenario "programs": a server started before the main program, as one would in another
// terminal. On Linux, echoclient against a running echoserverp prints each line it sends
// back; with no server, its connect is refused (Open_clientfd fails, exit 1 with a message).
import { strict as assert } from "node:assert";
import { compile, example } from "../c/helpers";
import { Session } from "../../../src/session/session";
import type { Program } from "../../../src/c/program";

async function programOf(name: string): Promise<Program> {
  const { program, diagnostics } = await compile(example(`${name}.c`), `${name}.c`);
  assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), []);
  return program;
}

describe("scenario programs", function () {
  this.timeout(60000);

  it("echoclient talks to echoserverp started first: its lines come back, the server's output is not its stdout", async () => {
    const client = await programOf("echoclient");
    const server = await programOf("echoserverp");
    const s = new Session({
      program: client, name: "echoclient",
      scenario: { argv: ["127.0.0.1", "15213"], stdin: "hello\nfork lab\n", programs: [{ file: "echoserverp.c", argv: ["15213"] }] },
      loadProgram: (n) => (n === "echoserverp" ? server : undefined),
    });
    s.run();
    const snap = s.snapshot();
    assert.equal(s.stdout(), "hello\nfork lab\n");
    assert.equal(s.stderr(), "");
    assert.equal(s.mainStatus, 0);
    // The server is its own top-level program, started before the client, still in accept.
    const srv = snap.processes.find((p) => p.name === "echoserverp" && p.ppid === 1)!;
    assert.ok(srv, JSON.stringify(snap.processes));
    assert.equal(srv.kind, "program");
    assert.ok(srv.pid < s.mainPid);
    assert.notEqual(srv.pgid, snap.processes.find((p) => p.pid === s.mainPid)?.pgid ?? s.mainPid);
    assert.ok(s.trace.some((e) => e.pid === srv.pid && e.call === "accept" && e.ret >= 0), "the server accepted the client");
    assert.ok(s.trace.some((e) => e.pid !== srv.pid && e.pid !== s.mainPid && e.call === "read" && e.ret === 0), "a server child read EOF after the client closed");
  });

  it("without the program the connection is refused, as on Linux with no server", async () => {
    const client = await programOf("echoclient");
    const s = new Session({ program: client, name: "echoclient", scenario: { argv: ["127.0.0.1", "15213"], stdin: "hello\n" } });
    s.run();
    s.snapshot(); // collects the output
    assert.equal(s.stdout(), "");
    assert.match(s.stderr(), /Open_clientfd/);
  });
});
