// The shape of walkthroughs/lessons.json (documented in walkthroughs/README.md) and a
// loader that fills in each claim's example and scenario from its step.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { At, Role } from "../../../src/coach/moments";

export const LESSONS_FILE = join(__dirname, "..", "..", "..", "walkthroughs", "lessons.json");

// Roles and moments are the coach's own (src/coach/moments.ts): lessons name them as it runs them.
export type { At, Role };

/** Arguments a check reads: whose table, which descriptor, which call. */
export interface Where {
  pid?: Role;
  child?: number;
  /** The k-th child of that process in fork order (an orphan is its parent's child, the program's grandchild). */
  grandchild?: number;
  fd?: number;
  /** sameFile: the other descriptor (default: the same number in the same role). */
  otherPid?: Role;
  otherChild?: number;
  otherFd?: number;
  /** returns / errno: the call's name in the trace and which one (1-based). */
  call?: string;
  nth?: number;
}

export const CHECKS = [
  "stdout", "processes", "zombies", "fdCount", "fds", "refcount", "offset", "objectKind", "socketState",
  "pipeBytes", "pipeReaders", "pipeWriters", "acceptQueue", "socketLocal", "socketRemote", "shmAttached",
  "sameFile", "state", "blockedOn", "ppid", "lost", "pending", "blocked", "threads", "stdoutBuffered",
  "returns", "errno",
] as const;
export type Check = (typeof CHECKS)[number];

export interface Expectation {
  equals?: unknown;
  includes?: unknown;
  excludes?: unknown;
  min?: number;
  max?: number;
}

export interface Claim extends Where, Expectation {
  id: string;
  /** The sentence as the lesson's markdown says it (it must appear there). */
  text: string;
  example: string;
  scenario: string | null;
  at: At;
  check: Check;
  /** A sentence of examples/expected/<example>.json's facts that says the same. */
  fact?: string;
  /** Why the model cannot show this yet; the test then checks that it still cannot. */
  modelGap?: string;
}

export type TableName = "process" | "descriptor" | "openFile" | "vnode" | "signals" | "stdio" | "output";

export interface Choice {
  text: string;
  /** For a wrong choice: why not, pointing at what the tables show. */
  why?: string;
  /** The table that shows why (the view highlights it). */
  table?: TableName;
}

export interface Question {
  prompt: string;
  /** The session stops here and asks before stepping on, so the answer is not on screen yet. */
  askAt: At;
  choices: Choice[];
  /** Index into choices. */
  answer: number;
  /** Shown after a right answer. */
  explanation: string;
  /** The claim (in this step) that proves the answer on the model. */
  claim: string;
}

export interface CommandLink {
  id: string;
  args?: Record<string, unknown>;
  label: string;
}

export interface Figure {
  svg: string;
  at: At;
}

export interface Step {
  id: string;
  title: string;
  /** One or two sentences for the walkthrough list; the command links are appended. */
  description: string;
  concepts: string[];
  example: string;
  line: number;
  /** Text that must be on that line, so a drifting example is caught. */
  lineHas: string;
  scenario: string | null;
  command: CommandLink;
  /** Further links (e.g. answering the question). */
  links?: CommandLink[];
  completionEvents: string[];
  markdown: string;
  figure?: Figure;
  question?: Question;
  claims: Claim[];
  when?: string;
}

export interface Lesson {
  id: string;
  title: string;
  description: string;
  concepts: string[];
  when?: string;
  steps: Step[];
}

export interface ContextKey extends Where, Expectation {
  check: Check;
  /** What the learner has seen when the view sets this key. */
  meaning: string;
}

export interface Lessons {
  version: number;
  /** Command ids the lessons use, with the arguments each takes (see walkthroughs/README.md). */
  commands: Record<string, { title: string; args: Record<string, string> }>;
  /** Context keys the view sets when a Snapshot on screen satisfies the predicate. */
  contextKeys: Record<string, ContextKey>;
  /** What forklab.runDemo runs, by name. */
  demos: Record<string, { example: string; what: string }>;
  /** Figures that cannot be drawn yet, with the reason. */
  pendingMedia: Record<string, string>;
  lessons: Lesson[];
}

type RawClaim = Omit<Claim, "example" | "scenario"> & Partial<Pick<Claim, "example" | "scenario">>;

export function loadLessons(file = LESSONS_FILE): Lessons {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Lessons;
  for (const l of raw.lessons) for (const s of l.steps) {
    s.claims = (s.claims as RawClaim[]).map((c) => ({ ...c, example: c.example ?? s.example, scenario: c.scenario === undefined ? s.scenario : c.scenario }));
  }
  return raw;
}

export function allSteps(ls: Lessons): Array<{ lesson: Lesson; step: Step }> {
  return ls.lessons.flatMap((lesson) => lesson.steps.map((step) => ({ lesson, step })));
}

export function allClaims(ls: Lessons): Array<{ lesson: Lesson; step: Step; claim: Claim }> {
  return allSteps(ls).flatMap(({ lesson, step }) => step.claims.map((claim) => ({ lesson, step, claim })));
}

/** The context key a right answer sets: forklab.answered.<lesson without "forklab.">.<step>. */
export function answeredKey(lesson: string, step: string): string {
  return `forklab.answered.${lesson.replace(/^forklab\./, "")}.${step}`;
}
