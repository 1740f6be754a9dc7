// Choosing loopback ports for the servers we start (src/host/ports.ts).
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { choiceRange, ephemeralRange, freePort, portFree } from "../../../src/host/ports";

describe("live/ports", () => {
  it("reads the kernel's ephemeral range, with the common default when it cannot", () => {
    assert.deepEqual(ephemeralRange(() => "32768\t60999\n"), [32768, 60999]);
    assert.deepEqual(ephemeralRange(() => "49152 65535"), [49152, 65535]);
    assert.deepEqual(ephemeralRange(() => "garbage"), [32768, 60999]);
    assert.deepEqual(ephemeralRange(() => { throw new Error("ENOENT"); }), [32768, 60999]);
    assert.deepEqual(ephemeralRange(() => "70000 80000"), [32768, 60999]);
  });

  it("chooses from the larger side outside that range, never under 10000", () => {
    assert.deepEqual(choiceRange([32768, 60999]), [10000, 32767]);
    assert.deepEqual(choiceRange([10000, 30000]), [30001, 65535]);
    assert.deepEqual(choiceRange([49152, 65535]), [10000, 49151]);
  });

  it("gives a port outside the ephemeral range that a server can then bind", async () => {
    const [lo, hi] = ephemeralRange();
    for (let i = 0; i < 5; i++) {
      const port = await freePort();
      assert.ok(port >= 10000 && (port < lo || port > hi), `port ${port} is outside ${lo}-${hi}`);
      assert.equal(await portFree("127.0.0.1", port), undefined);
    }
  });

  it("says a port somebody listens on is in use; with no range to choose from, the kernel picks", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", () => r()));
    const held = (holder.address() as net.AddressInfo).port;
    try {
      assert.equal(await portFree("127.0.0.1", held), "EADDRINUSE");
      const port = await freePort([held, held]);
      assert.notEqual(port, held);
      assert.equal(await portFree("127.0.0.1", port), undefined);
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });
});
