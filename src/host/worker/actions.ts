// A view action (a button, the timeline, a client's line, a signal) as the command the
// model runs, checked against the session first: the view's messages are already checked
// for shape (contract/protocol.ts); here a goto must land inside the timeline it was shown.
import type { ViewAction } from "../../contract/protocol";
import type { Command } from "./protocol";

export interface ActionContext {
  /** Entries in the session's timeline (the recorded future included). */
  length: number;
  /** Lines a client connected from the view sends (forklab.clientLines). */
  clientLines: string[];
}

/** The command for a view action, or why it cannot be done. */
export function viewCommand(a: ViewAction, ctx: ActionContext): Command | string {
  switch (a.type) {
    case "step": return { kind: "step", pid: a.pid };
    case "back": return { kind: "back" };
    case "goto":
      if (a.step >= ctx.length) return `step ${a.step} is not in the history (0..${ctx.length - 1})`;
      return { kind: "goto", step: a.step };
    case "connect": return { kind: "connect", lines: ctx.clientLines };
    case "send": return { kind: "send", client: a.client, line: a.line };
    case "close": return { kind: "close", client: a.client };
    case "signal": return { kind: "signal", pid: a.pid, signal: a.signal };
    case "ttyInput": return { kind: "ttyInput", text: a.text, end: a.end };
  }
}
