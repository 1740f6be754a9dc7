// The host loader: a C file is compiled with its local headers from its folder, an editor
// buffer can stand in for the file on disk, exec finds other programs in the folder
// (compiled once, at the first exec), and a file opened by a relative name is read from
// the folder, as it is when the program runs for real in that folder.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadProgram, loadSession } from "../../../src/host/load";
import { DATA_TXT, GREET_H, MAIN_C, OTHER_C } from "./folder";

describe("host loader (src/host/load.ts)", function () {
  this.timeout(60000);
  let dir = "";

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "forklab-host-"));
    writeFileSync(join(dir, "greet.h"), GREET_H);
    writeFileSync(join(dir, "data.txt"), DATA_TXT);
    writeFileSync(join(dir, "main.c"), MAIN_C);
    writeFileSync(join(dir, "other.c"), OTHER_C);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the local header, the data file and the exec target from the file's folder", async () => {
    const { session, errors } = await loadSession(join(dir, "main.c"), {});
    assert.deepEqual(errors, []);
    session!.run();
    session!.snapshot();
    assert.equal(session!.stdout(), "hello from the header\nline one\nother runs\nother exited 3\n");
  });

  it("compiles an exec target once, at its first use; a missing one is undefined", async () => {
    const loaded = await loadProgram(join(dir, "main.c"));
    const first = loaded.loadProgram("other");
    assert.ok(first?.funcIndex.has("main"));
    assert.equal(loaded.loadProgram("other"), first, "the same compiled program the second time");
    assert.equal(loaded.loadProgram("missing"), undefined);
  });

  it("an editor buffer stands in for the file on disk", async () => {
    const loaded = await loadProgram(join(dir, "main.c"), { text: "int main(void) { return 7; }\n" });
    assert.equal(loaded.name, "main");
    assert.equal(loaded.program.funcIndex.has("main"), true);
    assert.equal(loaded.program.funcIndex.has("other"), false);
    const { session } = await loadSession(join(dir, "main.c"), {}, { text: "int main(void) { return 7; }\n" });
    session!.run();
    session!.snapshot();
    assert.equal(session!.mainStatus, 7 << 8, "exit status 7 from the buffer's main");
  });

  it("data files come only from the program's folder: not by absolute path, not from above it", async () => {
    const loaded = await loadProgram(join(dir, "main.c"));
    assert.equal(new TextDecoder().decode(loaded.readFile("data.txt")), "line one\n");
    assert.equal(loaded.readFile(join(dir, "data.txt")), undefined);
    assert.equal(loaded.readFile("../data.txt"), undefined);
    assert.equal(loaded.readFile("nothing.txt"), undefined);
  });
});
