// Which function each source line belongs to, and which functions are signal handlers.
// Both sides of a comparison use this one map, so "this call ran inside a handler" means
// the same thing for Linux and for the model. A brace scan is enough for course C.

export interface FunctionExtent {
  name: string;
  /** 1-based, inclusive: from the line with the name to the closing brace. */
  first: number;
  last: number;
}

/** Blank out comments, strings and character literals, keeping line breaks. */
function stripped(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g,
    (m) => m.replace(/[^\n]/g, " "));
}

export function functionExtents(source: string): FunctionExtent[] {
  const text = stripped(source);
  const out: FunctionExtent[] = [];
  let depth = 0;
  let line = 1;
  let current: FunctionExtent | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{") {
      if (depth === 0) {
        // A function body: the nearest `name (` before this brace, skipping the parameters.
        const head = text.slice(Math.max(0, i - 2000), i);
        const m = /(\w+)\s*\([^;{}]*\)\s*$/.exec(head);
        if (m && !/^(if|while|for|switch|return|sizeof)$/.test(m[1])) {
          const first = line - (head.slice(m.index).match(/\n/g)?.length ?? 0);
          current = { name: m[1], first, last: line };
        }
      }
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0 && current) {
        current.last = line;
        out.push(current);
        current = undefined;
      }
    }
  }
  return out;
}

/** Functions installed as handlers: signal(SIG, f), Signal(SIG, f), sa.sa_handler = f. */
export function handlerNames(source: string): Set<string> {
  const text = stripped(source);
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:signal|Signal|sigset)\s*\(\s*\w+\s*,\s*&?(\w+)\s*\)/g)) names.add(m[1]);
  for (const m of text.matchAll(/\bsa_(?:handler|sigaction)\s*=\s*&?(\w+)/g)) names.add(m[1]);
  for (const n of ["SIG_IGN", "SIG_DFL"]) names.delete(n);
  return names;
}

/** line -> function name, for every line inside a function. */
export function lineOwners(source: string): Map<number, string> {
  const owners = new Map<number, string>();
  for (const f of functionExtents(source)) for (let l = f.first; l <= f.last; l++) owners.set(l, f.name);
  return owners;
}

/** Every line inside a function installed as a signal handler. */
export function handlerLines(source: string): Set<number> {
  const handlers = handlerNames(source);
  const lines = new Set<number>();
  for (const f of functionExtents(source)) if (handlers.has(f.name)) for (let l = f.first; l <= f.last; l++) lines.add(l);
  return lines;
}

/**
 * line -> the first line of the statement it continues. The stepper counts a statement
 * spread over several lines at its first line; gcc's line table puts a call on the line it
 * is written on. A line continues the statement when parentheses are still open at its
 * start, or the previous code line ended in an operator or a comma.
 */
export function statementLines(source: string): Map<number, number> {
  const lines = stripped(source).split("\n");
  const map = new Map<number, number>();
  let depth = 0;
  let start = 1;
  let continues = false;
  lines.forEach((text, i) => {
    const code = text.trim();
    if (!code || code.startsWith("#")) return;
    if (!(depth > 0 || continues)) start = i + 1;
    map.set(i + 1, start);
    for (const c of code) depth += c === "(" ? 1 : c === ")" ? -1 : 0;
    if (depth < 0) depth = 0;
    continues = /(?:[-+*/%=<>&|^!,?]|&&|\|\|)$/.test(code) && !/\+\+$|--$/.test(code);
  });
  return map;
}
