// The platform-free loader (src/host/program.ts) as the Web Worker uses it: the program's
// folder given as bytes by path, no file system. Headers, exec targets and data files come
// from that folder and from nowhere else; the POSIX path helpers it stands on.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { hostParser } from "../../../src/host/load";
import { baseOf, dirOf, inside } from "../../../src/host/posix-path";
import { programFrom } from "../../../src/host/program";
import { Session } from "../../../src/session/session";
import { DATA_TXT, GREET_H, MAIN_C, OTHER_C } from "./folder";

const bytes = (s: string) => new TextEncoder().encode(s);


describe("program loader from given files (src/host/program.ts)", function () {
  this.timeout(60000);
  const folder: Record<string, Uint8Array> = {
    "/course/lab/greet.h": bytes(GREET_H),
    "/course/lab/data.txt": bytes(DATA_TXT),
    "/course/lab/other.c": bytes(OTHER_C),
    "/course/secret.txt": bytes("not the program's\n"),
  };
  const read = (p: string) => folder[p];

  it("runs a program whose header, data file and exec target come from the given folder", async () => {
    const loaded = programFrom(await hostParser(), "/course/lab/main.c", MAIN_C, read);
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === "error"), []);
    assert.equal(loaded.name, "main");
    const session = new Session({ program: loaded.program, name: loaded.name, scenario: {}, loadProgram: loaded.loadProgram, readFile: loaded.readFile });
    session.run();
    session.snapshot();
    assert.equal(session.stdout(), "hello from the header\nline one\nother runs\nother exited 3\n");
  });

  it("reads data files only inside the program's folder", async () => {
    const loaded = programFrom(await hostParser(), "/course/lab/main.c", MAIN_C, read);
    assert.equal(new TextDecoder().decode(loaded.readFile("./data.txt")), "line one\n");
    assert.equal(loaded.readFile("/course/lab/data.txt"), undefined, "an absolute path");
    assert.equal(loaded.readFile("../secret.txt"), undefined, "above the folder");
    assert.equal(loaded.readFile("sub/../../secret.txt"), undefined, "above the folder, by a detour");
    assert.equal(loaded.loadProgram("../secret"), undefined);
  });

  it("POSIX path helpers", () => {
    assert.equal(dirOf("/a/b/c.c"), "/a/b");
    assert.equal(dirOf("/c.c"), "/");
    assert.equal(dirOf("c.c"), ".");
    assert.equal(baseOf("/a/b/c.c"), "c.c");
    assert.equal(inside("/a", "b/./c.txt"), "/a/b/c.txt");
    assert.equal(inside("/a", "b/../c.txt"), "/a/c.txt");
    assert.equal(inside("/", "x"), "/x");
    assert.equal(inside("/a", ".."), undefined);
    assert.equal(inside("/a", "."), undefined);
    assert.equal(inside("/a", "/etc/passwd"), undefined);
    assert.equal(join("/a", "b/../c.txt"), inside("/a", "b/../c.txt"), "agrees with node's join inside the folder");
  });
});
