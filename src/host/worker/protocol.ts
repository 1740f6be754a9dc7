// The messages between the editor's side and the model's worker: the editor sends what
// the learner asked for (start a file, step, step a pid, continue, back, goto, the world's
// actions, stop) and gets back what changed in the session's timeline (its Snapshots,
// the system calls of their steps, where the session is in it, why the run ended). Plain data only and no platform types, so the same model code
// runs in a node worker_threads worker (src/host/worker-node.ts) or a browser Web Worker.
// Every request has an id; the worker answers each one once, in the order they came, and
// may send progress events for a long command before its answer (and, when a Stop cuts it
// short, a stopSeen first).
import type { Diagnostic } from "../../c/diagnostic";
import type { TraceEntry } from "../../c/trace";
import type { Note } from "../../c/vm";
import type { Snapshot } from "../../contract/snapshot";
import type { At } from "../../coach/moments";
import type { CheckId, HalfResult } from "../../coach/check/checks";
import type { ExerciseName } from "../../coach/check/exercises";
import type { Scenario } from "../../contract/scenario";
import type { TtyEnd } from "../../contract/protocol";
import type { Action, Policy } from "../../session/session";
import type { Outcome } from "../../session/stepper";

export const WORKER_PROTOCOL_VERSION = 4;

/** What the learner asked of one session. `limit` bounds the steps a command may take. */
export type Command =
  /** One line (of `pid`, else the scheduler's or the recorded next one). */
  | { kind: "step"; pid?: number }
  | { kind: "back" }
  /** To a step of the timeline, before or after the current one. */
  | { kind: "goto"; step: number }
  /** With `to`: stop at that moment when it is still ahead (a lesson's point, coach/moments.ts). */
  | { kind: "continue"; limit: number; to?: At }
  | { kind: "runToLine"; line: number; limit: number }
  /** Step to a lesson's moment. */
  | { kind: "runTo"; at: At; limit: number }
  /** Step until a demo's moment holds (the demo by its id). */
  | { kind: "demo"; id: string; limit: number }
  | { kind: "connect"; lines: string[] }
  | { kind: "send"; client: number; line: string }
  | { kind: "close"; client: number | "all" }
  | { kind: "signal"; pid: number; signal: string }
  | { kind: "ttyInput"; text: string; end: TtyEnd };

/** Start stepping a file. With `actions`, replay them first and go to timeline entry `at`
 *  (a worker restarted). */
export interface OpenRequest {
  type: "open";
  id: number;
  session: string;
  file: string;
  /** The editor's text (unsaved edits included); headers and exec targets come from disk. */
  text: string;
  scenario: Scenario;
  policy: Policy;
  maxSteps: number;
  actions?: Action[];
  at?: number;
  /** Timeline entries the editor already holds (after a restart): only the rest is sent. */
  known?: number;
  /** The files of the program's folder by path, for a worker with no file system of its own
   *  (a Web Worker): headers, exec targets and data files are read from here. */
  files?: FolderFiles;
}

/** Run the model half of an exercise's checks on a learner's server (`forklab check
 *  --model-only`): each check is a scripted Scenario run to its moment and judged. */
export interface CheckRequest {
  type: "check";
  id: number;
  file: string;
  /** The editor's text (unsaved edits included). */
  text: string;
  exercise: ExerciseName;
  only: CheckId[];
  /** As OpenRequest.files: the program's folder, for a worker with no file system. */
  files?: FolderFiles;
}

/** A request that names a program file the worker loads (a Web Worker is sent its folder). */
export type FileRequest = OpenRequest | CheckRequest;

/** Files by POSIX path (what a vscode.Uri's fsPath gives), bytes as read. */
export type FolderFiles = Record<string, Uint8Array>;

export type Request =
  | OpenRequest
  /** `stopGen`: the stop generation when the request was sent; a later stop cancels it. */
  | { type: "act"; id: number; session: string; command: Command; stopGen: number }
  /** The clients of a session now (for a "which client?" pick). */
  | { type: "clients"; id: number; session: string }
  | { type: "close"; id: number; session: string }
  /** Run a file until every process blocks or ends (the model's side of a live comparison). */
  | { type: "atRest"; id: number; file: string; scenario: Scenario; maxSteps: number }
  | CheckRequest
  /** Get ready for the first open before it is asked for: load the parser (tree-sitter's
   *  runtime and the C grammar) and compile and step a small program, so the front end's
   *  and the interpreter's code has run once (the first compile in a fresh worker costs
   *  several times a later one). Answered with "warmed". */
  | { type: "warm"; id: number };

/** What changed in a session's timeline (the steps up to the current one, then the recorded
 *  future after a step back) since the last Update. The editor's copy replaces its entries
 *  from `from` on with `steps` and then holds `length` entries (those it held after the
 *  replaced ones stay: a step back changes one entry at most). The recorded actions: the
 *  held ones from `actionsFrom` on are replaced by `actions`. */
export interface Update {
  from: number;
  steps: Snapshot[];
  /** The system calls of each step in `steps`. */
  calls: TraceEntry[][];
  length: number;
  /** The timeline entry the session is at. */
  at: number;
  mainPid: number;
  /** Why the run ended, at the current entry. */
  ended?: string;
  actionsFrom: number;
  actions: Action[];
  /** How many of the recorded actions the current entry applied (the rest are its future). */
  cursor: number;
  /** The machine's notes (at most NOTES_SENT), when they changed. */
  notes?: Note[];
}

export const NOTES_SENT = 200;

export interface ClientInfo { pid: number; phase: string }

export type Response =
  | { type: "opened"; id: number; session: string; diagnostics: Diagnostic[]; hasMain: boolean; update?: Update }
  | { type: "done"; id: number; session: string; outcome: Outcome & { reached?: boolean; stopped?: boolean }; update: Update }
  | { type: "clients"; id: number; clients: ClientInfo[] }
  | { type: "closed"; id: number }
  | { type: "atRest"; id: number; snapshot: Snapshot; mainPid: number }
  /** The model's verdict on each check asked for, in order; `cannotRun` (the model cannot
   *  compile the server) and no results when none could run. */
  | { type: "checked"; id: number; cannotRun?: string; results: Array<{ id: CheckId; model: HalfResult }> }
  | { type: "warmed"; id: number }
  | { type: "failed"; id: number; message: string };

/** Sent during a long command (every PROGRESS_MS or so): how far it got, and what changed. */
export interface ProgressEvent { type: "progress"; id: number; session: string; done: number; limit: number; update: Update }

/** Sent as soon as the worker reads a new stop generation, before the command the Stop ends
 *  has answered: the worker is alive and honouring it, so the editor waits for the answer
 *  however slow a loaded machine makes it, rather than restarting the worker. */
export interface StopSeen { type: "stopSeen"; stopGen: number }

export type WorkerMessage = Response | ProgressEvent | StopSeen;

export const PROGRESS_MS = 250;

/** Index of the stop generation in the shared Int32Array. */
export const STOP_SLOT = 0;
