// A step's caption cut to the picture's width keeps what a learner reads it for: the call,
// its count and its result. The bytes quoted in it give way first, as strace cuts them.
import { strict as assert } from "node:assert";
import { clipCaption } from "../../../src/render/text";

const WRITE = 'Step 42: pid 5: write(1, "server received 6 bytes\\nserver r"..., 48) = 48; pid 5 exited 0 (+3)';

describe("a caption cut to fit", () => {
  it("is whole when it fits", () => {
    assert.equal(clipCaption(WRITE, 200), WRITE);
  });

  it("shortens the quoted bytes first, keeping the count, the result and what follows", () => {
    const cut = clipCaption(WRITE, 70);
    assert.ok(cut.length <= 70, cut);
    assert.equal(cut, 'Step 42: pid 5: write(1, "server re"..., 48) = 48; pid 5 exited 0 (+3)');
  });

  it("never cuts inside an escape, nor the bytes below 8 characters; then clips the end", () => {
    assert.equal(clipCaption('pid 2: read(0, "\\012\\012\\012\\012\\012\\012", 1024) = 6', 40), 'pid 2: read(0, "\\012\\012"..., 1024) = 6');
    const narrow = clipCaption(WRITE, 50);
    assert.equal(narrow.length, 50);
    assert.ok(narrow.startsWith('Step 42: pid 5: write(1, "server r"..., 48) = 48;'), narrow);
    assert.ok(narrow.endsWith("\u2026"));
  });

  it("shortens the longest bytes first when a step made several calls", () => {
    const two = 'Step 9: pid 2: read(4, "hello\\n", 8192) = 6; pid 3: write(4, "a much longer line of bytes here\\n", 33) = 33';
    const cut = clipCaption(two, two.length - 10);
    assert.match(cut, /read\(4, "hello\\n", 8192\) = 6/, "the short one stays whole");
    assert.match(cut, /write\(4, "a much longer line of"\.\.\., 33\) = 33$/);
    assert.ok(cut.length <= two.length - 10);
  });
});
