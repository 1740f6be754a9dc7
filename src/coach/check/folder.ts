// Instructor mode: every submission in a folder (one C file, or one folder, per student)
// checked in turn under a time limit, with a summary table.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { CHECK_IDS } from "./checks";
import type { CheckReport } from "./run";

export interface Submission {
  /** The student: the file's or folder's name. */
  name: string;
  /** The server to check, or why none was found. */
  file?: string;
  problem?: string;
}

const hasMain = (file: string): boolean => /\bmain\s*\(/.test(readFileSync(file, "utf8"));

/** The submissions in dir, in name order. In a student's folder the server is the one .c
 *  file with main() (csapp.c and helpers without main are compiled in as usual). */
export function findSubmissions(dir: string): Submission[] {
  const out: Submission[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (entry.startsWith(".")) continue;
    if (statSync(path).isDirectory()) {
      const mains = readdirSync(path).filter((f) => f.endsWith(".c") && f !== "csapp.c").map((f) => join(path, f)).filter(hasMain);
      if (mains.length === 1) out.push({ name: entry, file: mains[0] });
      else out.push({ name: entry, problem: mains.length ? `several .c files with main(): ${mains.map((m) => basename(m)).join(", ")}` : "no .c file with main()" });
    } else if (entry.endsWith(".c") && entry !== "csapp.c") {
      out.push({ name: entry.replace(/\.c$/, ""), file: path });
    }
  }
  return out;
}

/** The class's table: one row per student, one column per check. */
export function summaryTable(rows: Array<{ name: string; report: CheckReport }>): string {
  const width = Math.max(7, ...rows.map((r) => r.name.length));
  const head = ["student".padEnd(width), ...CHECK_IDS.map((id) => id), "result"].join("  ");
  const lines = rows.map(({ name, report }) => {
    if (report.cannotRun) return `${name.padEnd(width)}  cannot run: ${report.cannotRun.split("\n")[0]}`;
    const cells = CHECK_IDS.map((id) => {
      const r = report.results.find((x) => x.id === id);
      return (r ? (r.ok ? "pass" : "FAIL") : "-").padEnd(id.length);
    });
    const failed = report.results.filter((r) => !r.ok).length;
    return [name.padEnd(width), ...cells, failed ? `${failed} failed` : "all pass"].join("  ");
  });
  return [head, ...lines].join("\n");
}
