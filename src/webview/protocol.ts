// The messages between the extension (host) and the descriptor-table view, versioned and
// validated on both sides: the host checks what the view sends before acting on it, the
// view checks what the host sends before drawing it. Unknown or malformed messages are
// dropped with a reason, never half-used.
import type { OutputChunk } from "../kernel/snapshot";
import { outputProblem } from "../render/validate";
import type { WireStep } from "./wire";

export const PROTOCOL_VERSION = 1;

/** Signals the view offers to send to a process. */
export const VIEW_SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL", "SIGCHLD", "SIGTSTP", "SIGCONT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGALRM"] as const;

/** Host -> view. */
export type HostMessage =
  | {
      v: 1; type: "history";
      /** Steps the view drops from the front of what it holds first (the caller keeps a window). */
      shift?: number;
      /** The index (after the shift) from which `steps` replace what the view holds. */
      from: number;
      /** The history from `from` on, each step a delta against the one before (wire.ts). */
      steps: WireStep[];
      /** The history's length after this message: from + steps.length. */
      length: number;
      /** The step to show (an index into the history). */
      current: number;
      /** A title for the panel, e.g. the C file's name. */
      title?: string;
      /** With from 0: what reached the terminal before the first step (steps no longer kept). */
      before?: OutputChunk[];
      /** With from 0: how many earlier steps the history no longer holds. */
      dropped?: number;
    }
  | { v: 1; type: "notice"; text: string };

/** View -> host. */
export type ViewMessage =
  | { v: 1; type: "ready" }
  | { v: 1; type: "step" }
  | { v: 1; type: "back" }
  | { v: 1; type: "goto"; step: number }
  | { v: 1; type: "connect" }
  | { v: 1; type: "send"; client: number; line: string }
  | { v: 1; type: "close"; client: number | "all" }
  | { v: 1; type: "signal"; pid: number; signal: string }
  | { v: 1; type: "export"; format: "svg" | "png" | "markdown"; data: string };

/** The user actions among the view's messages (what onAction handlers receive). */
export type ViewAction = Exclude<ViewMessage, { type: "ready" } | { type: "export" }>;

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === "object" && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);
const MAX_LINE = 4096;
/** An exported PNG of a 200-process picture is a few MB as base64; refuse anything far beyond. */
const MAX_EXPORT = 64 * 1024 * 1024;

const isCount = (x: unknown): x is number => isInt(x) && x >= 0;

/** Why x is not a HostMessage, or undefined when it is one. The steps of a history message
 *  are checked as they are decoded (wire.ts), against the steps the view already holds. */
export function hostMessageProblem(x: unknown): string | undefined {
  if (!isRec(x)) return "not an object";
  if (x.v !== PROTOCOL_VERSION) return `protocol version ${String(x.v)} is not ${PROTOCOL_VERSION}`;
  switch (x.type) {
    case "history":
      if (x.shift !== undefined && !isCount(x.shift)) return "history.shift: expected a count";
      if (!isCount(x.from)) return "history.from: expected a step index";
      if (!Array.isArray(x.steps)) return "history.steps: expected an array";
      if (!isInt(x.length) || x.length < 1 || x.length !== x.from + x.steps.length) return "history.length: expected from + the number of steps (at least 1)";
      if (!isCount(x.current) || x.current >= x.length) return "history.current: expected a step index in the history";
      if (x.title !== undefined && typeof x.title !== "string") return "history.title: expected a string";
      if (x.dropped !== undefined && !isCount(x.dropped)) return "history.dropped: expected a count";
      return x.before === undefined ? undefined : outputProblem(x.before, "history.before");
    case "notice":
      return typeof x.text === "string" ? undefined : "notice.text: expected a string";
    default:
      return `unknown message type ${JSON.stringify(x.type)}`;
  }
}

/** Why x is not a ViewMessage, or undefined when it is one. */
export function viewMessageProblem(x: unknown): string | undefined {
  if (!isRec(x)) return "not an object";
  if (x.v !== PROTOCOL_VERSION) return `protocol version ${String(x.v)} is not ${PROTOCOL_VERSION}`;
  switch (x.type) {
    case "ready": case "step": case "back": case "connect":
      return undefined;
    case "goto":
      return isInt(x.step) && x.step >= 0 ? undefined : "goto.step: expected a step number";
    case "send":
      if (!isInt(x.client)) return "send.client: expected a pid";
      return typeof x.line === "string" && x.line.length <= MAX_LINE ? undefined : "send.line: expected a line of text";
    case "close":
      return isInt(x.client) || x.client === "all" ? undefined : "close.client: expected a pid or \"all\"";
    case "signal":
      if (!isInt(x.pid) || x.pid < 1) return "signal.pid: expected a pid";
      return (VIEW_SIGNALS as readonly string[]).includes(String(x.signal)) ? undefined : "signal.signal: not a signal the view offers";
    case "export":
      if (!["svg", "png", "markdown"].includes(String(x.format))) return "export.format: expected svg, png or markdown";
      return typeof x.data === "string" && x.data.length <= MAX_EXPORT ? undefined : "export.data: expected the exported text";
    default:
      return `unknown message type ${JSON.stringify(x.type)}`;
  }
}

export function isHostMessage(x: unknown): x is HostMessage {
  return hostMessageProblem(x) === undefined;
}

export function isViewMessage(x: unknown): x is ViewMessage {
  return viewMessageProblem(x) === undefined;
}
