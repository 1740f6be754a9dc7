// What each platform is told: Linux runs everything; macOS runs the server and clients but
// has no /proc or kcmp for the live view; Windows has no fork() and is pointed to WSL.
import * as assert from "node:assert/strict";
import { platformSupport } from "../../../src/live/platform";

describe("platform support messages", () => {
  it("Linux: server, clients and live view", () => {
    assert.deepEqual(platformSupport("linux"), { server: true, live: true, why: "" });
  });

  it("macOS: the server runs; the live view says what it lacks", () => {
    const mac = platformSupport("darwin");
    assert.equal(mac.server, true);
    assert.equal(mac.live, false);
    assert.match(mac.why, /no \/proc/);
    assert.match(mac.why, /kcmp is Linux only/);
    assert.match(mac.why, /lsof -p PID/);
  });

  it("Windows: nothing runs natively; the message explains WSL step by step", () => {
    const win = platformSupport("win32");
    assert.equal(win.server, false);
    assert.match(win.why, /wsl --install/);
    assert.match(win.why, /Reopen Folder in WSL/);
    assert.match(win.why, /build-essential/);
  });
});
