// Which session Stop Stepping ends. A session goes on while its file is out of sight
// (another file in front, its tab closed, the view or a README focused), so Stop must reach
// every one: the file in front's own session as always; else the one session there is,
// named; else the learner picks from the list. No vscode import: the unit tests use it.
import { baseOf, dirOf } from "../../host/posix-path";

/** A session as the list shows it. */
export interface Running {
  /** The session's key (its file's URI as a string). */
  key: string;
  /** Its file's path ('/'-separated, as in a URI). */
  path: string;
  /** The step it shows. */
  step: number;
  /** Its file has an editor tab open. */
  open: boolean;
  /** The Fork Lab view shows it. */
  shown: boolean;
}

/** One row of the list: the file, its step, and where it is. */
export interface StopItem {
  key: string;
  label: string;
  description: string;
}

export type StopChoice =
  /** Nothing is being stepped. */
  | { kind: "none" }
  /** The file in front has a session: that one ends, as it always has. */
  | { kind: "this"; key: string }
  /** The learner is elsewhere and one session runs: it ends, and is named. */
  | { kind: "only"; key: string }
  /** The learner is elsewhere and several run: the list, the view's first. */
  | { kind: "pick"; items: StopItem[] };

/** `front`: the key of the C file in the active editor, if one is. */
export function stopChoice(front: string | undefined, running: readonly Running[]): StopChoice {
  if (front !== undefined && running.some((r) => r.key === front)) return { kind: "this", key: front };
  if (!running.length) return { kind: "none" };
  if (running.length === 1) return { kind: "only", key: running[0].key };
  const ordered = [...running.filter((r) => r.shown), ...running.filter((r) => !r.shown)];
  return { kind: "pick", items: ordered.map((r) => stopItem(r, running)) };
}

/** A row: the file's name; its folder too when another running file has the same name. */
function stopItem(r: Running, all: readonly Running[]): StopItem {
  const name = baseOf(r.path);
  const twin = all.some((o) => o.key !== r.key && baseOf(o.path) === name);
  const where = [
    `step ${r.step}`,
    ...(twin ? [dirOf(r.path)] : []),
    ...(r.shown ? ["shown in the Fork Lab view"] : []),
    ...(r.open ? [] : ["its tab is closed"]),
  ];
  return { key: r.key, label: name, description: where.join(" · ") };
}

