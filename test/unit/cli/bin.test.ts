// bin/forklab.js, the command's entry: it runs dist/cli.js, refuses when the build is
// missing, and warns when a checkout's sources changed after the last build.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BIN = resolve(__dirname, "../../../bin/forklab.js");

describe("bin/forklab.js", () => {
  let root: string;
  const run = () => spawnSync(process.execPath, [join(root, "bin", "forklab.js")], { encoding: "utf8" });
  /** Sets a file's modification time to `secondsAgo` before now. */
  const age = (path: string, secondsAgo: number) => {
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(path, t, t);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "forklab-bin-"));
    mkdirSync(join(root, "bin"));
    copyFileSync(BIN, join(root, "bin", "forklab.js"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("refuses with a clear message when dist/cli.js was never built", () => {
    const r = run();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /dist\/cli\.js is missing; run `npm run build` first/);
  });

  it("runs the build quietly when it is newer than every source", () => {
    mkdirSync(join(root, "dist"));
    mkdirSync(join(root, "src", "render"), { recursive: true });
    writeFileSync(join(root, "src", "render", "figure.ts"), "");
    age(join(root, "src", "render", "figure.ts"), 60);
    writeFileSync(join(root, "dist", "cli.js"), "console.log('ran');");
    const r = run();
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), "ran");
    assert.equal(r.stderr, "");
  });

  it("names the source that changed after the build, then runs the old build", () => {
    mkdirSync(join(root, "dist"));
    mkdirSync(join(root, "src", "render"), { recursive: true });
    writeFileSync(join(root, "dist", "cli.js"), "console.log('ran');");
    age(join(root, "dist", "cli.js"), 60);
    writeFileSync(join(root, "src", "kernel.ts"), "");
    age(join(root, "src", "kernel.ts"), 120);
    writeFileSync(join(root, "src", "render", "figure.ts"), "");
    const r = run();
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), "ran");
    assert.match(r.stderr, /warning: src\/render\/figure\.ts changed after the last build; this runs the old dist\/ \(run `npm run build`\)/);
  });
});
