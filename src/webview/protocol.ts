// The messages between the extension (host) and the descriptor-table view, versioned and
// validated on both sides: the host checks what the view sends before acting on it, the
// view checks what the host sends before drawing it. Unknown or malformed messages are
// dropped with a reason, never half-used.
import type { Snapshot } from "../kernel/snapshot";
import type { TimelineEntry } from "../render/events";
import { snapshotProblem } from "../render/validate";

export const PROTOCOL_VERSION = 1;

/** Signals the view offers to send to a process. */
export const VIEW_SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL", "SIGCHLD", "SIGTSTP", "SIGCONT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGALRM"] as const;

/** Host -> view. */
export type HostMessage =
  | {
      v: 1; type: "show";
      snapshot: Snapshot;
      /** The snapshot before it, for the change highlights. */
      previous?: Snapshot;
      /** How many snapshots the history holds (steps 0..steps-1). */
      steps: number;
      /** The steps worth jumping to. */
      timeline: TimelineEntry[];
      /** A title for the panel, e.g. the C file's name. */
      title?: string;
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

function timelineProblem(x: unknown): string | undefined {
  if (!Array.isArray(x)) return "timeline: expected an array";
  for (let i = 0; i < x.length; i++) {
    const e = x[i];
    if (!isRec(e) || !isInt(e.step) || !isInt(e.pid) || typeof e.text !== "string" ||
      !["fork", "exit", "reap", "signal", "descriptor"].includes(String(e.kind))) return `timeline[${i}]: malformed entry`;
  }
  return undefined;
}

/** Why x is not a HostMessage, or undefined when it is one. */
export function hostMessageProblem(x: unknown): string | undefined {
  if (!isRec(x)) return "not an object";
  if (x.v !== PROTOCOL_VERSION) return `protocol version ${String(x.v)} is not ${PROTOCOL_VERSION}`;
  switch (x.type) {
    case "show":
      if (!isInt(x.steps) || x.steps < 1) return "show.steps: expected a positive integer";
      if (x.title !== undefined && typeof x.title !== "string") return "show.title: expected a string";
      return snapshotProblem(x.snapshot, "show.snapshot") ??
        (x.previous === undefined ? undefined : snapshotProblem(x.previous, "show.previous")) ??
        timelineProblem(x.timeline);
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
