// The model as the extension sees it: everything it runs from the C front end, the kernel
// and the sessions, in one entry that the build bundles apart (dist/model.js). The
// extension loads it on first use (src/extension/model.ts), so activation evaluates none
// of it. Add here what a feature needs from below extension/, and import only types elsewhere.
export { loadProgram, modelAtRest } from "./load";
export { readScenario } from "./scenario";
export { Stepper } from "../session/stepper";
export { runTo, sawKeys } from "../coach/moments";
export { stepEffects } from "../coach/hovers";
export { demo, DEMOS } from "../coach/demos";
