// The command each code lens runs: the editor's vocabulary, handed to the lens texts in
// src/coach/lenses.ts (which know nothing of VS Code). No vscode import, so the unit tests
// of the lenses can use the same ids.
import type { LensCommands } from "../../coach/lenses";

export const LENS_COMMANDS: LensCommands = {
  start: "forklab.startSession",
  runToEnd: "forklab.runToEnd",
  step: "forklab.step",
  stepProcess: "forklab.stepProcess",
  back: "forklab.stepBack",
  continue: "forklab.continue",
  stop: "forklab.stopSession",
  connect: "forklab.connectClient",
  signal: "forklab.sendSignal",
  runToLine: "forklab.runToLine",
};
