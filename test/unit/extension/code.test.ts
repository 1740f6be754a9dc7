// The presentation layout's share of the editor area for the code (src/extension/view/code.ts).
// At 1920x1080 the code had 30% and was cut at about 45 characters where the minimap began;
// now it gets what its longest line needs, as long as the picture keeps its 16 px text.
import assert from "node:assert/strict";
import { CODE_LEAST, PICTURE_LEAST, codeShare, codeWidth, longestLine } from "../../../src/extension/view/code";

/** The editor area at 1920x1080 and at 1366x768: the window less the activity bar. */
const FULL_HD = 1920 - 48;
const LAPTOP = 1366 - 48;

describe("the presentation layout's code column", () => {
  it("measures the longest line in columns, a tab to its next stop", () => {
    assert.equal(longestLine("int x;\n\tif (x) {\r\n\t\treturn 1; /* one */\n}", 4), 8 + "return 1; /* one */".length);
    assert.equal(longestLine("ab\tc", 8), 9);
    assert.equal(longestLine("", 4), 0);
  });

  it("the picture's least width is the two columns at 16 px: 971 px", () => {
    assert.equal(PICTURE_LEAST, 971);
  });

  it("at 1920x1080 an 80-column file is whole beside a picture at 16 px", () => {
    const share = codeShare(FULL_HD, 80, 14);
    assert.ok(share * FULL_HD >= codeWidth(80, 14), `the code ${share * FULL_HD} px for ${codeWidth(80, 14)} px`);
    assert.ok((1 - share) * FULL_HD >= PICTURE_LEAST, `the picture ${(1 - share) * FULL_HD} px`);
    assert.ok(share > CODE_LEAST);
  });

  it("at 1920x1080 a 100-column file takes what the picture leaves, and wraps", () => {
    const share = codeShare(FULL_HD, 100, 14);
    assert.ok(Math.abs((1 - share) * FULL_HD - PICTURE_LEAST) < 2, `the picture ${(1 - share) * FULL_HD} px`);
    assert.ok(share * FULL_HD < codeWidth(100, 14));
  });

  it("a short file, or a laptop's 1366x768, keeps the code at 30% and the picture at 70%", () => {
    assert.equal(codeShare(FULL_HD, 30, 14), CODE_LEAST);
    assert.equal(codeShare(LAPTOP, 80, 14), CODE_LEAST);
  });

  it("a larger editor font asks for more width", () => {
    assert.ok(codeShare(FULL_HD, 60, 20) > codeShare(FULL_HD, 60, 14));
    assert.ok(codeWidth(80, 14) > 80 * 14 * 0.55, "at least the characters themselves");
  });
});
