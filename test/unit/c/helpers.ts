// Test helpers: load the parser from node_modules, compile C text, run it in a Session.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadParser } from "../../../src/c/parse";
import { compileC, LoadResult } from "../../../src/c/load";
import { Session, SessionOptions } from "../../../src/session/session";
import { Scenario } from "../../../src/session/scenario";

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
