// A command line as a learner types it after the program's name ("15213", "localhost 8080",
// "'two words'") split into argv[1..] the way sh(1) splits words: blanks separate, single
// quotes keep everything, double quotes keep all but \" and \\, a backslash outside quotes
// keeps the next character. No expansion: there is no shell here to expand anything.

/** The words of `line`, or why it cannot be split (an unclosed quote). */
export function splitCommandLine(line: string): string[] | { error: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "\\" && i + 1 < line.length) word += line[++i];
    else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "a single quote is not closed" };
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === "\"") {
      let j = i + 1;
      for (; j < line.length && line[j] !== "\""; j++) word += line[j] === "\\" && (line[j + 1] === "\"" || line[j + 1] === "\\") ? line[++j] : line[j];
      if (j >= line.length) return { error: "a double quote is not closed" };
      i = j;
    } else word += c;
  }
  if (inWord) words.push(word);
  return words;
}

/** argv[1..] written back as a command line that splits into the same words. */
export function joinCommandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}
