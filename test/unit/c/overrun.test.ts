import * as assert from "node:assert";
import { overrunPhrase } from "../../../src/c/overrun";

describe("overrunPhrase: how far an access left its object", () => {
  // An object of 8 bytes at 100: bytes 100..107.
  it("counts the bytes before the start, singular and plural", () => {
    assert.strictEqual(overrunPhrase(100, 8, 99, 1), "1 byte before the start of");
    assert.strictEqual(overrunPhrase(100, 8, 96, 4), "4 bytes before the start of");
  });
  it("says 'just past the end' for the first byte after it", () => {
    assert.strictEqual(overrunPhrase(100, 8, 108, 4), "just past the end of");
  });
  it("counts how far past the end an access starts", () => {
    assert.strictEqual(overrunPhrase(100, 8, 109, 1), "1 byte past the end of");
    assert.strictEqual(overrunPhrase(100, 8, 112, 4), "4 bytes past the end of");
  });
  it("counts how far an access that starts inside runs past the end", () => {
    assert.strictEqual(overrunPhrase(100, 8, 104, 5), "running 1 byte past the end of");
    assert.strictEqual(overrunPhrase(100, 8, 100, 20), "running 12 bytes past the end of");
  });
});
