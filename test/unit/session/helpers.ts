// Shared by the editor unit tests: a Stepper on an example under a scenario.
import { compile, example, exampleScenario } from "../c/helpers";
import { Stepper } from "../../../src/session/stepper";
import type { Scenario } from "../../../src/contract/scenario";

export async function stepper(file: string, scenario: Scenario | string = {}): Promise<Stepper> {
  const { program, diagnostics } = await compile(example(file), file);
  // As in the editor: unsupported calls are diagnostics; the program still steps up to them.
  if (!program.funcIndex.has("main")) throw new Error(diagnostics.map((d) => `${d.line}: ${d.message}`).join("\n"));
  const sc = typeof scenario === "string" ? exampleScenario(scenario) : scenario;
  return new Stepper({ program, name: file.replace(/\.c$/, ""), scenario: sc, maxSteps: 5000 });
}

export { example };
