// What the extension's own thread uses from below extension/: teaching helpers that read
// the Snapshots it holds (the "saw" keys, a step's effects and variables for hovers, the
// demos' moments), bundled apart (dist/model.js) and loaded on first use
// (src/extension/model.ts). The model
// itself (parser, interpreter, kernel, sessions) runs in the worker (dist/worker.js,
// src/host/worker-client.ts), never here. Also the scenario reader: it checks files against the
// schema with Ajv, which activation should not load. Import only types elsewhere.
export { sawKeys } from "../coach/moments";
export { parseScenario } from "../contract/scenario-check";
export { stepEffects } from "../coach/hovers";
export { variableInProcesses } from "../coach/variables";
export { compileErrors } from "../c/diagnostic";
export { demo, DEMOS } from "../coach/demos";
