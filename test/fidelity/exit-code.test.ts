// exit's status is status & 0377 (what wait and the shell see): the model's trace keeps the
// argument the program passed, strace shows what the kernel was given; both are compared
// as wait reports them, so exit(-1) and exit(255), exit(256) and exit(0) agree.
// test/conformance/exit-codes.c checks the same against Linux.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { normalizeModel } from "../../src/fidelity/model";
import { exitCode } from "../../src/fidelity/calls";

const source = join(__dirname, "..", "conformance", "exit-codes.c");

describe("fidelity: exit statuses compared as wait reports them", () => {
  it("exitCode keeps the low 8 bits", () => {
    assert.deepEqual([-1, 256, 511, 3, -256, 0].map(exitCode), [255, 0, 255, 3, 0, 0]);
  });

  it("the model's exit(-1) and exit(256) normalise to exit(255) and exit(0)", () => {
    const t = normalizeModel({
      stdout: "", stderr: "", exitStatus: 0, mainPid: 2,
      trace: [
        { pid: 2, line: 12, call: "fork", args: [], ret: 3 },
        { pid: 3, line: 14, call: "exit", args: [-1], ret: 0 },
        { pid: 2, line: 12, call: "fork", args: [], ret: 4 },
        { pid: 4, line: 14, call: "exit", args: [256], ret: 0 },
        { pid: 2, line: 18, call: "exit", args: [-2], ret: 0 },
      ],
    }, source);
    const exits = t.procs.map((p) => [p.name, p.entries.find((e) => e.call === "exit")?.args, p.end]);
    assert.deepEqual(exits, [
      ["P1", [254], { kind: "exited", code: 254 }],
      ["P1.1", [255], { kind: "exited", code: 255 }],
      ["P1.2", [0], { kind: "exited", code: 0 }],
    ]);
  });
});
