// Test helpers: load the parser from node_modules, compile C text, run it in a Session.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadParser } from "../../../src/c/parse";
import { compileC, LoadResult } from "../../../src/c/load";
import { Session, SessionOptions } from "../../../src/session/session";
import { Scenario } from "../../../src/contract/scenario";

const root = join(__dirname, "..", "..", "..");
export const wasm = {
  runtime: async () => readFileSync(join(root, "node_modules/web-tree-sitter/web-tree-sitter.wasm")),
  grammar: async () => readFileSync(join(root, "node_modules/tree-sitter-c/tree-sitter-c.wasm")),
};

export async function compile(text: string, file = "prog.c", files: Record<string, string> = {}): Promise<LoadResult> {
  const parser = await loadParser(wasm);
  return compileC(parser, file, text, (p) => files[p]);
}

export interface Ran {
  session: Session;
  stdout: string;
  stderr: string;
  ended: string;
  diagnostics: string[];
}

/** Compile and run to the end; throws on compile errors. */
export async function run(text: string, scenario: Scenario = {}, opts: Partial<SessionOptions> = {}): Promise<Ran> {
  const { program, diagnostics } = await compile(text);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n"));
  const session = new Session({ program, name: "prog", scenario, ...opts });
  const ended = session.run();
  session.snapshot();
  return { session, stdout: session.stdout(), stderr: session.stderr(), ended, diagnostics: session.machine.notes.map((n) => n.text) };
}

export function example(name: string): string {
  return readFileSync(join(root, "examples", name), "utf8");
}

export function exampleScenario(name: string): Scenario {
  return JSON.parse(readFileSync(join(root, "examples", name), "utf8")) as Scenario;
}

/** Compile with cc and run in a fresh folder holding `files`, stdin given; its stdout and status. */
export function real(src: string, files: Record<string, string> = {}, stdin = ""): { stdout: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "forklab-cmd-"));
  try {
    writeFileSync(join(dir, "prog.c"), src);
    for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
    // As a learner builds and runs it in its folder: __FILE__ is "prog.c", argv[0] "./prog".
    const cc = spawnSync("cc", ["-w", "-o", "prog", "prog.c", "-lm"], { cwd: dir, encoding: "utf8" });
    assert.equal(cc.status, 0, cc.stderr);
    const r = spawnSync("./prog", [], { cwd: dir, input: stdin, encoding: "utf8", timeout: 10000 });
    return { stdout: r.stdout, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run `src` in the model and for real (same files and stdin): stdout must be equal; returns it. */
export async function same(src: string, files: Record<string, string> = {}, stdin = ""): Promise<string> {
  const m = await run(src, { files, stdin });
  const r = real(src, files, stdin);
  assert.equal(m.stdout, r.stdout);
  return m.stdout;
}
