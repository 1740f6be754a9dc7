// execlp/execvp's PATH search shows under strace as failing execve calls before the one
// that works; the normaliser folds them into that last one.
import { strict as assert } from "node:assert";
import { pathSearchMiss } from "../../src/fidelity/normalize";
import { parseStrace } from "../../src/fidelity/strace";

const trace = [
  `1700000000.000001 execve("/root/.cargo/bin/wc", ["wc", "-w"], 0x7ffc /* 39 vars */) = -1 ENOENT (No such file or directory) <0.000010>`,
  `1700000000.000002 execve("/usr/local/bin/wc", ["wc", "-w"], 0x7ffc /* 39 vars */) = -1 ENOENT (No such file or directory) <0.000010>`,
  `1700000000.000003 execve("/usr/bin/wc", ["wc", "-w"], 0x7ffc /* 39 vars */) = 0 <0.000100>`,
  `1700000000.000004 execve("/usr/bin/nope", ["nope"], 0x7ffc /* 39 vars */) = -1 ENOENT (No such file or directory) <0.000010>`,
  `1700000000.000005 write(2, "x", 1) = 1 <0.000010>`,
].join("\n");

describe("fidelity: PATH search folding", () => {
  it("drops the failed tries of one search and keeps the last; a lone failure stays", () => {
    const events = parseStrace(trace);
    assert.equal(events.length, 5);
    assert.deepEqual(events.map((_, i) => pathSearchMiss(events, i)), [true, true, false, false, false]);
  });
});
