// The messages between the extension (host) and the descriptor-table view, versioned and
// validated on both sides: the host checks what the view sends before acting on it, the
// view checks what the host sends before drawing it. Unknown or malformed messages are
// dropped with a reason, never half-used.
import type { OutputChunk } from "./snapshot";
import { outputProblem } from "./validate";
import type { WireStep } from "./wire";

export const PROTOCOL_VERSION = 1;

/** The signals the view's process form and the command list offer. SIGSTOP beside SIGTSTP:
 *  the stop no handler catches and no SIG_IGN ignores (a program that ignores ^Z is still
 *  stopped by it). */
export const VIEW_SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL", "SIGCHLD", "SIGTSTP", "SIGSTOP", "SIGCONT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGALRM"] as const;

/** Host -> view. */
export type HostMessage =
  | {
      v: typeof PROTOCOL_VERSION; type: "history";
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
  /** A short notice over the picture; `lasts` says when it goes (default "step"). */
  | { v: typeof PROTOCOL_VERSION; type: "notice"; text: string; lasts?: NoticeLasts }
  /** The program was not started (it does not compile): why, and the line of the first
   *  problem (the view offers to show it: a "showProblem" message). */
  | { v: typeof PROTOCOL_VERSION; type: "refused"; title: string; text: string; line: number }
  /** The session whose history the view shows is over (stopped, or gone with a window
   *  reload): why. The view keeps the picture, disables the session's controls and offers
   *  to start stepping the file again (a "restart" message); the next history is live. */
  | { v: typeof PROTOCOL_VERSION; type: "ended"; text: string }
  /** How to draw: the zoom (setting forklab.view.zoom, 1 = actual size) and the
   *  presentation layout (the picture only, large text, for a lecture). */
  | { v: typeof PROTOCOL_VERSION; type: "display"; zoom: number; presentation: boolean }
  /** The learner asked for a zoom step outside the view (a command, or VS Code's keybinding
   *  for Ctrl+= in the view): the view steps from the scale it shows and answers with "zoom". */
  | { v: typeof PROTOCOL_VERSION; type: "zoomStep"; by: ZoomStep }
  /** The question on screen goes (its session ended or moved to another file). */
  | { v: typeof PROTOCOL_VERSION; type: "unask" }
  /** A lesson's predict-then-step question, asked before its answer is on screen; `chosen`:
   *  the choice the learner had selected when it left the screen (the view was hidden or
   *  showed another session), selected again. */
  | { v: typeof PROTOCOL_VERSION; type: "question"; lesson: string; step: string; prompt: string; choices: string[]; chosen?: number }
  /** The host's verdict on an answer: the explanation when right; when wrong, that choice's
   *  why and the table it points at (the view highlights it). */
  | { v: typeof PROTOCOL_VERSION; type: "verdict"; lesson: string; step: string; choice: number; correct: boolean; text: string; table?: QuestionTable };

/** How a line typed at the terminal ends: Enter or Ctrl-D. */
export const TTY_ENDS = ["newline", "eof"] as const;
export type TtyEnd = typeof TTY_ENDS[number];

export const ZOOM_STEPS = ["in", "out", "reset"] as const;
export type ZoomStep = typeof ZOOM_STEPS[number];

/** How long a notice stays (the learner can always dismiss it): "step" until the picture
 *  shows another step or session; "question" also until the question on screen is answered
 *  or goes; "session" until another session is shown. */
export const NOTICE_LASTS = ["step", "question", "session"] as const;
export type NoticeLasts = typeof NOTICE_LASTS[number];

/** The tables a wrong answer's `why` may point at (walkthroughs/README.md). */
export const QUESTION_TABLES = ["process", "descriptor", "openFile", "vnode", "signals", "stdio", "output"] as const;
export type QuestionTable = typeof QUESTION_TABLES[number];

/** View -> host. */
export type ViewMessage =
  | { v: typeof PROTOCOL_VERSION; type: "ready" }
  /** The learner asks to see the problem that kept the program from starting. */
  | { v: typeof PROTOCOL_VERSION; type: "showProblem" }
  /** The learner asks to start stepping again the file whose session ended. */
  | { v: typeof PROTOCOL_VERSION; type: "restart" }
  /** One line: of the chosen process when `pid` is given, else the scheduler's pick (or
   *  the recorded next step after a step back). */
  | { v: typeof PROTOCOL_VERSION; type: "step"; pid?: number }
  | { v: typeof PROTOCOL_VERSION; type: "back" }
  | { v: typeof PROTOCOL_VERSION; type: "goto"; step: number }
  | { v: typeof PROTOCOL_VERSION; type: "connect" }
  | { v: typeof PROTOCOL_VERSION; type: "send"; client: number; line: string }
  | { v: typeof PROTOCOL_VERSION; type: "close"; client: number | "all" }
  | { v: typeof PROTOCOL_VERSION; type: "signal"; pid: number; signal: string }
  /** The learner types at the program's terminal: `text` (one line, without its newline),
   *  then Enter ("newline": the line and its newline) or Ctrl-D ("eof": what was typed
   *  goes as it is; alone, a read of the terminal returns 0). */
  | { v: typeof PROTOCOL_VERSION; type: "ttyInput"; text: string; end: TtyEnd }
  /** The learner turns the presentation layout on or off (the host runs the command
   *  forklab.view.presentation, so the menu and the palette do the same). */
  | { v: typeof PROTOCOL_VERSION; type: "presentation" }
  /** The view's size in CSS pixels, when it changes (the presentation layout measures with
   *  it what closing the side bar and the panel gave the view). */
  | { v: typeof PROTOCOL_VERSION; type: "size"; width: number; height: number }
  /** The learner zoomed the view (the host keeps it in forklab.view.zoom). */
  | { v: typeof PROTOCOL_VERSION; type: "zoom"; zoom: number }
  | { v: typeof PROTOCOL_VERSION; type: "export"; format: "svg" | "png" | "markdown"; data: string }
  /** The learner skips a question's prediction (stepping on is then allowed). */
  | { v: typeof PROTOCOL_VERSION; type: "skip"; lesson: string; step: string }
  /** The learner's answer to a question: the index of the chosen choice. */
  | { v: typeof PROTOCOL_VERSION; type: "answer"; lesson: string; step: string; choice: number }
  /** The learner selected a choice, not yet submitted: the host keeps it with the question,
   *  so it is selected again when the question comes back to the screen. */
  | { v: typeof PROTOCOL_VERSION; type: "choose"; lesson: string; step: string; choice: number };

/** The user actions among the view's messages (what onAction handlers receive). */
export type ViewAction = Exclude<ViewMessage, { type: "ready" } | { type: "showProblem" } | { type: "restart" } | { type: "export" } | { type: "answer" } | { type: "choose" } | { type: "zoom" } | { type: "skip" } | { type: "presentation" } | { type: "size" }>;

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === "object" && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);
const MAX_LINE = 4096;
/** An exported PNG of a 200-process picture is a few MB as base64; refuse anything far beyond. */
const MAX_EXPORT = 64 * 1024 * 1024;

const isCount = (x: unknown): x is number => isInt(x) && x >= 0;
/** Lesson and step ids as lessons.json spells them (forklab.fork, forkTwice). */
const ID = /^[A-Za-z][\w.-]{0,63}$/;
const MAX_TEXT = 2000;
const MAX_CHOICES = 8;
/** The zoom range the view offers (Ctrl+- and Ctrl+= move through it). */
export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 3;
const isText = (x: unknown): x is string => typeof x === "string" && x.length > 0 && x.length <= MAX_TEXT;

/** Why a message's lesson and step are not ids, or undefined. */
function lessonStepProblem(x: Rec): string | undefined {
  if (typeof x.lesson !== "string" || !ID.test(x.lesson)) return `${String(x.type)}.lesson: expected a walkthrough id`;
  return typeof x.step === "string" && ID.test(x.step) ? undefined : `${String(x.type)}.step: expected a step id`;
}

const isChoice = (x: unknown): x is number => isInt(x) && x >= 0 && x < MAX_CHOICES;

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
      if (typeof x.text !== "string") return "notice.text: expected a string";
      return x.lasts === undefined || (NOTICE_LASTS as readonly string[]).includes(String(x.lasts)) ? undefined : `notice.lasts: expected one of ${NOTICE_LASTS.join(", ")}`;
    case "refused":
      if (typeof x.title !== "string" || !isText(x.text)) return "refused: expected a title and why";
      return isInt(x.line) && x.line >= 1 ? undefined : "refused.line: expected a line number";
    case "ended":
      return isText(x.text) ? undefined : "ended.text: expected why the session is over";
    case "display":
      if (typeof x.zoom !== "number" || !(x.zoom >= ZOOM_MIN && x.zoom <= ZOOM_MAX)) return `display.zoom: expected a number from ${ZOOM_MIN} to ${ZOOM_MAX}`;
      return typeof x.presentation === "boolean" ? undefined : "display.presentation: expected true or false";
    case "zoomStep":
      return (ZOOM_STEPS as readonly string[]).includes(String(x.by)) ? undefined : `zoomStep.by: expected one of ${ZOOM_STEPS.join(", ")}`;
    case "unask":
      return undefined;
    case "question":
      if (!isText(x.prompt)) return "question.prompt: expected the question's text";
      if (!Array.isArray(x.choices) || x.choices.length < 2 || x.choices.length > MAX_CHOICES || !x.choices.every(isText)) return `question.choices: expected 2 to ${MAX_CHOICES} choices of text`;
      if (x.chosen !== undefined && !(isChoice(x.chosen) && x.chosen < x.choices.length)) return "question.chosen: expected one of its choices";
      return lessonStepProblem(x);
    case "verdict":
      if (!isChoice(x.choice)) return "verdict.choice: expected a choice index";
      if (typeof x.correct !== "boolean") return "verdict.correct: expected true or false";
      if (!isText(x.text)) return "verdict.text: expected the explanation or why";
      if (x.table !== undefined && !(QUESTION_TABLES as readonly string[]).includes(String(x.table))) return "verdict.table: not a table the view draws";
      return lessonStepProblem(x);
    default:
      return `unknown message type ${JSON.stringify(x.type)}`;
  }
}

/** Why x is not a ViewMessage, or undefined when it is one. */
export function viewMessageProblem(x: unknown): string | undefined {
  if (!isRec(x)) return "not an object";
  if (x.v !== PROTOCOL_VERSION) return `protocol version ${String(x.v)} is not ${PROTOCOL_VERSION}`;
  switch (x.type) {
    case "step":
      return x.pid === undefined || (isInt(x.pid) && x.pid >= 1) ? undefined : "step.pid: expected a pid";
    case "ready": case "back": case "connect": case "showProblem": case "presentation": case "restart":
      return undefined;
    case "zoom":
      return typeof x.zoom === "number" && x.zoom >= ZOOM_MIN && x.zoom <= ZOOM_MAX ? undefined : `zoom.zoom: expected a number from ${ZOOM_MIN} to ${ZOOM_MAX}`;
    case "size":
      return isCount(x.width) && isCount(x.height) ? undefined : "size: expected a width and a height in pixels";
    case "goto":
      return isInt(x.step) && x.step >= 0 ? undefined : "goto.step: expected a step number";
    case "send":
      if (!isInt(x.client)) return "send.client: expected a pid";
      return typeof x.line === "string" && x.line.length <= MAX_LINE ? undefined : "send.line: expected a line of text";
    case "ttyInput":
      if (typeof x.text !== "string" || x.text.length > MAX_LINE || /[\n\r]/.test(x.text)) return "ttyInput.text: expected one line of text";
      return (TTY_ENDS as readonly string[]).includes(String(x.end)) ? undefined : `ttyInput.end: expected one of ${TTY_ENDS.join(", ")}`;
    case "close":
      return isInt(x.client) || x.client === "all" ? undefined : "close.client: expected a pid or \"all\"";
    case "signal":
      if (!isInt(x.pid) || x.pid < 1) return "signal.pid: expected a pid";
      return (VIEW_SIGNALS as readonly string[]).includes(String(x.signal)) ? undefined : "signal.signal: not a signal the view offers";
    case "export":
      if (!["svg", "png", "markdown"].includes(String(x.format))) return "export.format: expected svg, png or markdown";
      return typeof x.data === "string" && x.data.length <= MAX_EXPORT ? undefined : "export.data: expected the exported text";
    case "answer": case "choose":
      return isChoice(x.choice) ? lessonStepProblem(x) : `${x.type}.choice: expected a choice index`;
    case "skip":
      return lessonStepProblem(x);
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
