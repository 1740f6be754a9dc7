// The checks of `forklab check`: stable ids, what each one asks of a learner's server, and
// the shape of a result. The model half (model.ts) and the real half (real.ts) run the same
// checks with the same clients; report.ts prints them.

/** Every check, in the order they run and print. */
export const CHECK_IDS = ["echo", "concurrent", "reaps", "parent-closes", "child-closes-listenfd", "survives-reset"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** What each check asks, in one line (the Test Explorer's labels, the report's table). */
export const CHECK_TITLES: Record<CheckId, string> = {
  "echo": "every line a client sends gets its answer",
  "concurrent": "a second client is served while a first stays connected and silent",
  "reaps": "no zombies once clients have left, also when several leave at the same moment",
  "parent-closes": "the server's descriptor count returns to its baseline after clients leave",
  "child-closes-listenfd": "a child serving a client does not hold the listening socket",
  "survives-reset": "a client that resets its connection neither kills nor wedges the server",
};

/** Where a failure shows in the model: the step (history index) and the source line. */
export interface ModelWhere {
  step: number;
  line?: number;
  pid?: number;
}

/** One half's verdict on one check. */
export interface HalfResult {
  ok: boolean;
  /** Plain words: what went wrong (or what was seen when it passed). */
  message: string;
  /** Model half: where the failure shows. */
  where?: ModelWhere;
  /** Real half: the /proc evidence, one line each. */
  evidence?: string[];
  /** The half could not run this check (no compiler, not Linux, ...): neither pass nor fail. */
  skipped?: boolean;
}

export interface CheckResult {
  id: CheckId;
  ok: boolean;
  message: string;
  model?: HalfResult;
  real?: HalfResult;
}

/** Both halves' verdicts as one: it passes when every half that ran passed. */
export function joinHalves(id: CheckId, model?: HalfResult, real?: HalfResult): CheckResult {
  const halves = [model, real].filter((h): h is HalfResult => !!h && !h.skipped);
  const failed = [model && !model.ok && !model.skipped ? `model: ${model.message}` : "", real && !real.ok && !real.skipped ? `real: ${real.message}` : ""].filter(Boolean);
  const ok = halves.length > 0 && failed.length === 0;
  const message = failed.length ? failed.join("; ") : (halves[0]?.message ?? "not run");
  return { id, ok, message, model, real };
}

/** Thrown when the server cannot be built or started: `forklab check` exits 2. */
export class CannotRun extends Error {}

/** One scripted request and the answer a right server gives. */
export interface Exchange {
  send: string;
  /** The answer, newline included. */
  answer: string;
}

/** An exercise: the requests the checks send and the files the server reads. */
export interface Exercise {
  name: "echo" | "schedule";
  /** Requests, used in order; checks that need one use the first ones. At least three. */
  exchanges: Exchange[];
  /** Files in the server's working directory: name -> text. */
  files: Record<string, string>;
}

/** The exchange for client n (0-based), cycling through the exercise's list. */
export function exchangeFor(ex: Exercise, n: number): Exchange {
  return ex.exchanges[n % ex.exchanges.length];
}

/** A C string literal's look, for messages: "hello\n". */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** "1", "1 and 2", "1, 2 and 3". */
export function listWords(items: Array<string | number>): string {
  const s = items.map(String);
  return s.length <= 1 ? s.join("") : `${s.slice(0, -1).join(", ")} and ${s[s.length - 1]}`;
}
