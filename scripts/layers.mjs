// @ts-check
// The import-direction check of `npm test`: every import in src/ goes to a layer the
// layering rule allows (docs/layers.md), no import loop runs through src/c/, the C library
// (src/c/libc/) does not reach into the machine (vm.ts: built-ins are handed to it by the
// loader), and no file grows past MAX_LINES (one concept per file).
// Loops count runtime imports only: `import type` is erased by the compiler, so it
// neither orders module evaluation nor ties the layers together at run time.
// Usage: node scripts/layers.mjs   (prints each broken rule; exit status 1 if any)
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Longest a source file may be: past it a file holds more than one concept. */
export const MAX_LINES = 700;

/** Each top-level folder of src/ and the folders it may import (itself always). */
export const ALLOWED = {
  contract: [],
  kernel: ["contract"],
  c: ["contract", "kernel"],
  session: ["contract", "kernel", "c"],
  coach: ["contract", "kernel", "c", "session", "host", "fidelity", "live"],
  render: ["contract"],
  webview: ["contract", "render"],
  host: ["contract", "kernel", "c", "session", "coach"],
  fidelity: ["contract", "kernel", "c", "session", "host"],
  live: ["contract", "kernel", "c", "session", "host", "render"],
  bench: ["contract", "kernel", "c", "session", "coach", "host", "render", "live"],
  cli: ["contract", "kernel", "c", "session", "coach", "host", "render", "fidelity", "live", "bench"],
  extension: ["contract", "kernel", "c", "session", "coach", "host", "render", "live"],
};

/** @param {string} dir @returns {string[]} */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** @param {string} from @param {string} spec */
function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const p of [`${base}.ts`, join(base, "index.ts"), base]) if (existsSync(p) && statSync(p).isFile()) return p;
  return undefined;
}

/** The relative imports of a file: [target file, runtime?] (re-exports and dynamic import() included).
 *  @param {string} file @param {string} [text] the file's text, when already read
 *  @returns {Array<{ to: string; runtime: boolean }>} */
export function importsOf(file, text = readFileSync(file, "utf8")) {
  const out = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^"';]*?)\s*from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[4] ?? m[5];
    const to = resolveSpec(file, spec);
    if (!to) continue;
    // `import { type A, type B }` is type-only too.
    const names = m[3] ?? "";
    const onlyTypes = !!m[2] || (/^\{[^}]*\}$/.test(names.trim()) && names.replace(/[{}\s]/g, "").split(",").filter(Boolean).every((n) => n.startsWith("type")));
    out.push({ to, runtime: !onlyTypes });
  }
  return out;
}

/** Bundle entries (scripts/build.mjs) gather what the extension loads on first use from
 *  every layer below it, so they may import any of those. */
const ENTRIES = new Set(["host/model-entry.ts", "live/entry.ts"]);
const BELOW_EXTENSION = ALLOWED.extension;

/** Every broken rule in the tree under `src` (the project's own by default).
 *  @param {string} src */
export function check(src = join(root, "src")) {
  const layerOf = (/** @type {string} */ f) => relative(src, f).split("/")[0];
  const problems = [];
  const files = tsFiles(src);
  const graph = new Map();
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const lines = text.split("\n").length - 1;
    if (lines > MAX_LINES) problems.push(`${relative(src, f)} has ${lines} lines, more than ${MAX_LINES}: split it by concept`);
    const from = layerOf(f);
    const allowed = ENTRIES.has(relative(src, f)) ? BELOW_EXTENSION : /** @type {Record<string, string[]>} */ (ALLOWED)[from];
    if (!allowed) { problems.push(`src/${from}/ is not a layer docs/layers.md names (add it to scripts/layers.mjs)`); continue; }
    const deps = importsOf(f, text);
    for (const d of deps) {
      const to = layerOf(d.to);
      if (to !== from && !allowed.includes(to)) problems.push(`${relative(src, f)} imports ${relative(src, d.to)}: ${from}/ may not import ${to}/`);
      if (relative(src, f).startsWith("c/libc/") && relative(src, d.to) === "c/vm.ts") problems.push(`${relative(src, f)} imports c/vm.ts: the library gets what it needs through ctl.ts and control.ts`);
    }
    graph.set(f, deps.filter((d) => d.runtime).map((d) => d.to));
  }
  for (const loop of loopsIn(graph, (f) => layerOf(f) === "c")) problems.push(`import loop in src/c/: ${loop.map((f) => relative(src, f)).join(" -> ")}`);
  return [...new Set(problems)];
}

/** Each strongly connected set of more than one file among those `keep` selects, as a path.
 *  @param {Map<string, string[]>} graph @param {(f: string) => boolean} keep */
function loopsIn(graph, keep) {
  const index = new Map(), low = new Map(), stack = [], on = new Set(), loops = [];
  let n = 0;
  /** @param {string} v */
  const visit = (v) => {
    index.set(v, n); low.set(v, n); n++; stack.push(v); on.add(v);
    for (const w of (graph.get(v) ?? []).filter(keep)) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const set = [];
      let w;
      do { w = stack.pop(); on.delete(w); set.push(w); } while (w !== v);
      if (set.length > 1) loops.push([...set.reverse(), set[0]]);
    }
  };
  for (const v of [...graph.keys()].filter(keep).sort()) if (!index.has(v)) visit(v);
  return loops;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = check();
  for (const p of problems) console.error(`layers: ${p}`);
  console.log(problems.length ? `layers: ${problems.length} broken` : "layers: every import points down; no import loop in src/c/");
  process.exitCode = problems.length ? 1 : 0;
}
