// Model and reality side by side: examples/echoserverp.c with two clients, stepped in the
// model and run for real, agree on what the lesson draws: the server in accept(3) holding
// the listening socket alone, each child in read(4) holding its connected socket alone
// (refcount 1: the parent closed its copy, the child closed listenfd).
import * as assert from "node:assert/strict";
import { modelAtRest } from "../../../src/host/load";
import { compareWithModel } from "../../../src/live/sidebyside";
import { LiveSource } from "../../../src/live/source";
import { join } from "node:path";
import { compile, freePort, Program, ROOT, waitFor } from "./realproc";

(process.platform === "linux" ? describe : describe.skip)("the model next to the real server", function () {
  this.timeout(60_000);
  let server: Program | undefined;
  let source: LiveSource | undefined;

  after(async () => {
    source?.close();
    await server?.stop();
  });

  it("agrees on processes, states, sockets and refcounts with the same two clients", async () => {
    const bin = compile("echoserverp", ["examples/echoserverp.c", "examples/csapp.c"]);
    const port = await freePort();
    server = new Program(bin, [String(port)]);
    source = await LiveSource.open({ rootPid: server.pid });
    await waitFor(async () => (await source!.refresh()).processes[0]?.blockedOn === "accept(3)", "the server in accept");
    const rows = await compareWithModel(source,
      { file: join(ROOT, "examples/echoserverp.c"), port, clients: 2, lines: ["same clients"] }, modelAtRest);
    const row = (who: string, what: string) => rows.find((r) => r.who === who && r.what === what)!;
    assert.equal(row("server", "state").model, "blocked in accept(3)");
    assert.ok(row("server", "state").same);
    assert.deepEqual([row("server", "fd 3").model, row("server", "fd 3").same], ["listening socket, refcount 1", true]);
    for (const child of ["child 1", "child 2"]) {
      assert.deepEqual([row(child, "state").live, row(child, "state").same], ["blocked in read(4)", true]);
      assert.deepEqual([row(child, "fd 4").live, row(child, "fd 4").same], ["connected socket, refcount 1", true]);
      assert.equal(row(child, "fd 3"), undefined, "the child closed listenfd on both sides (no row)");
    }
    assert.equal(rows.some((r) => r.who === "child 3"), false, "two clients, two children on both sides");
  });
});
