// The real server starts with descriptors 0-2 only: the shell step that starts it closes
// whatever else the extension host's terminal left open without close-on-exec.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { CLOSE_FROM_3 } from "../../../src/live/server";

describe("the server's inherited descriptors", () => {
  it("closes every descriptor above 2, one-digit and many-digit, before exec", function () {
    if (process.platform !== "linux") this.skip();
    // Descriptors 3 and up that a child would inherit: spawnSync passes extra stdio entries.
    const extra = openSync("/dev/null", "r");
    try {
      const stdio: Array<"ignore" | "pipe" | "inherit" | number> = ["ignore", "pipe", "inherit"];
      for (let i = 3; i < 12; i++) stdio.push(extra);
      const r = spawnSync("/bin/bash", ["-c", CLOSE_FROM_3, "/bin/ls", "/proc/self/fd"], { stdio, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      // ls itself opens one descriptor to list the directory (3); nothing else is there.
      assert.deepEqual(r.stdout.trim().split(/\s+/).map(Number).sort((a, b) => a - b), [0, 1, 2, 3]);
    } finally { closeSync(extra); }
  });
});
