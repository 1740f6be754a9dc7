// scripts/vscode-tools.mjs picks the ports for code-server and Chromium's debugging port the
// way src/host/ports.ts does: outside the kernel's ephemeral range, where an outgoing
// connection could take a port between our choosing it and the server binding it.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { choiceRange, ephemeralRange, portFree } from "../../../src/host/ports";

type Tools = { freePort: () => Promise<number> };
const tools = (): Promise<Tools> => import(pathToFileURL(join(__dirname, "..", "..", "..", "scripts", "vscode-tools.mjs")).href);

describe("scripts/vscode-tools.mjs: freePort", () => {
  it("gives free loopback ports outside the ephemeral range, from the range ports.ts chooses from", async () => {
    const { freePort } = await tools();
    const [lo, hi] = ephemeralRange();
    const [a, b] = choiceRange([lo, hi]);
    for (let i = 0; i < 10; i++) {
      const port = await freePort();
      assert.ok(port < lo || port > hi, `port ${port} is in the ephemeral range ${lo}-${hi}`);
      assert.ok(port >= a && port <= b, `port ${port} is outside ${a}-${b}`);
      assert.equal(await portFree("127.0.0.1", port), undefined, `port ${port} is not free`);
    }
  });
});
