// The built-in ps command's listing of the model's processes (its C part prints it): ps's
// default columns, -j (process groups and sessions), and -o with a list of columns. Every
// model process shares the learner's terminal, pts/0; their CPU time is 00:00:00.
import type { PsEntry } from "../../kernel/kernel";
import { Builtin } from "../ctl";
import { cstr, str } from "./sys";

interface Column { head: string; width: number; left?: boolean; value: (p: PsEntry) => string }

const num = (head: string, f: (p: PsEntry) => number): Column => ({ head, width: 7, value: (p) => String(f(p)) });
const cmd = (p: PsEntry): string => (p.state === "Z" ? `${p.name} <defunct>` : p.name);

const COLUMNS: Record<string, Column> = {
  pid: num("PID", (p) => p.pid), ppid: num("PPID", (p) => p.ppid), pgid: num("PGID", (p) => p.pgid),
  pgrp: num("PGRP", (p) => p.pgid), sid: num("SID", (p) => p.sid), sess: num("SESS", (p) => p.sid),
  stat: { head: "STAT", width: 4, left: true, value: (p) => p.state }, s: { head: "S", width: 1, left: true, value: (p) => p.state },
  state: { head: "S", width: 1, left: true, value: (p) => p.state },
  tty: { head: "TTY", width: 8, left: true, value: () => "pts/0" }, tt: { head: "TT", width: 8, left: true, value: () => "pts/0" },
  time: { head: "TIME", width: 8, value: () => "00:00:00" },
  comm: { head: "COMMAND", width: 0, left: true, value: cmd }, cmd: { head: "CMD", width: 0, left: true, value: cmd },
  args: { head: "COMMAND", width: 0, left: true, value: cmd }, command: { head: "COMMAND", width: 0, left: true, value: cmd },
};

const DEFAULT = ["pid", "tty", "time", "cmd"];
const JOBS = ["pid", "pgid", "sid", "tty", "time", "cmd"];

function cell(c: Column, v: string, last: boolean): string {
  if (last && c.left) return v;
  return c.left ? v.padEnd(c.width) : v.padStart(c.width);
}

/** The listing for ps's options ("" for none); undefined for an option it does not know. */
export function psListing(entries: PsEntry[], options: string[]): string | undefined {
  let names = DEFAULT;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (o === "-j" || o === "j") names = JOBS;
    else if (o === "-o" || o === "o") names = (options[++i] ?? "").split(/[ ,]+/).filter(Boolean);
    else if (o.startsWith("-o")) names = o.slice(2).split(/[ ,]+/).filter(Boolean);
    else if (!["-e", "-A", "a", "x", "ax", "aux", "-a", "-x"].includes(o)) return undefined;
  }
  const cols = names.map((n) => COLUMNS[n.split("=")[0]]);
  if (cols.some((c) => !c) || cols.length === 0) return undefined;
  const row = (vals: string[]): string => vals.map((v, i) => cell(cols[i], v, i === cols.length - 1)).join(" ").trimEnd() + "\n";
  return row(cols.map((c) => c.head)) + entries.filter((p) => p.kind === "program").map((p) => row(cols.map((c) => c.value(p)))).join("");
}

export const psBuiltins: Builtin[] = [
  {
    // const char *__forklab_ps(int argc, char **argv): the listing, or NULL for a bad option.
    name: "__forklab_ps", fn: (c, a) => {
      const opts: string[] = [];
      for (let i = 1; i < a[0]; i++) opts.push(str(c, c.mem.read64(a[1] + i * 8, false)));
      const text = psListing(c.k.processes(), opts);
      return text === undefined ? 0 : cstr(c, text);
    },
  },
];
