// The command line a learner gives a program (Start Stepping with Arguments), split into
// argv[1..] as sh(1) splits words, and written back so that it splits the same way.
import { strict as assert } from "node:assert";
import { joinCommandLine, splitCommandLine } from "../../../src/extension/session/cmdline";

describe("a program's command line", () => {
  it("splits at blanks, keeps quoted blanks, and takes a backslash's next character as it is", () => {
    assert.deepEqual(splitCommandLine("15213"), ["15213"]);
    assert.deepEqual(splitCommandLine("  localhost\t 8080  "), ["localhost", "8080"]);
    assert.deepEqual(splitCommandLine("'two words' \"and \\\"three\\\" \\\\ here\" a\\ b"), ["two words", "and \"three\" \\ here", "a b"]);
    assert.deepEqual(splitCommandLine("x'y'\"z\""), ["xyz"], "quotes join with what touches them");
    assert.deepEqual(splitCommandLine("'' b"), ["", "b"], "an empty quoted word is a word");
    assert.deepEqual(splitCommandLine("'$HOME' *.c"), ["$HOME", "*.c"], "nothing is expanded: there is no shell");
    assert.deepEqual(splitCommandLine(""), []);
  });

  it("says why a line with an unclosed quote cannot be split", () => {
    assert.deepEqual(splitCommandLine("'open"), { error: "a single quote is not closed" });
    assert.deepEqual(splitCommandLine("a \"open"), { error: "a double quote is not closed" });
  });

  it("writes argv back as a line that splits into the same words", () => {
    for (const argv of [["15213"], ["two words", "it's", ""], ["a\"b", "back\\slash", "tab\there"], []]) {
      const line = joinCommandLine(argv);
      assert.deepEqual(splitCommandLine(line), argv, line);
    }
    assert.equal(joinCommandLine(["localhost", "8080"]), "localhost 8080");
  });
});
