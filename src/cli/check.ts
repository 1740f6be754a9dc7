// `forklab check SERVER.c|DIR [--exercise echo|schedule] [--json] [--junit OUT.xml]
//  [--model-only | --real-only] [--time-limit S]`: judges a learner's server (or, given a
// folder, every student's) in the model and for real. Exit 0 when every check passes, 1
// when any fails, 2 when the server cannot be built or started (or the arguments are wrong).
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHECK_IDS, type CheckId } from "../coach/check/checks";
import { exerciseNamed } from "../coach/check/exercises";
import { findSubmissions, summaryTable } from "../coach/check/folder";
import { junitXml, formatReport, reportJson } from "../coach/check/report";
import { checkServer, type CheckOptions, type CheckReport } from "../coach/check/run";

const USAGE = "usage: forklab check SERVER.c|DIR [--exercise echo|schedule] [--json] [--junit OUT.xml] [--model-only | --real-only] [--only ID,...] [--time-limit S]";
const VALUED = ["--exercise", "--junit", "--only", "--time-limit"];

/** Our examples folder: csapp.c for servers that include "csapp.h" without shipping it. */
const EXAMPLES = [join(__dirname, "..", "examples"), join(__dirname, "..", "..", "examples")].find((d) => { try { return statSync(d).isDirectory(); } catch { return false; } });

export async function check(args: string[]): Promise<number> {
  const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const target = args.find((a, i) => !a.startsWith("--") && !VALUED.includes(args[i - 1]));
  const exercise = exerciseNamed(opt("--exercise") ?? "echo");
  const only = opt("--only")?.split(",") as CheckId[] | undefined;
  const limit = Number(opt("--time-limit") ?? 60);
  if (!target || !exercise || (only && only.some((id) => !CHECK_IDS.includes(id))) || !(limit > 0) || (args.includes("--model-only") && args.includes("--real-only"))) {
    console.error(USAGE + (only ? `\nchecks: ${CHECK_IDS.join(", ")}` : ""));
    return 2;
  }
  let isDir: boolean;
  try { isDir = statSync(target).isDirectory(); } catch { console.error(`forklab check: ${target}: no such file or folder`); return 2; }
  const json = args.includes("--json");
  const base: CheckOptions = {
    exercise, only, examplesDir: EXAMPLES,
    model: !args.includes("--real-only"), real: !args.includes("--model-only"),
    progress: (line) => { if (!json) process.stderr.write(`  ${line}\n`); },
  };
  const files = isDir ? findSubmissions(target) : [{ name: target.replace(/^.*\//, "").replace(/\.c$/, ""), file: target }];
  if (!files.length) { console.error(`forklab check: no submissions (C files or folders) in ${target}`); return 2; }
  const rows: Array<{ name: string; report: CheckReport }> = [];
  for (const sub of files) {
    if (!json) process.stderr.write(`${sub.name}:\n`);
    const report: CheckReport = sub.file
      ? await checkServer(sub.file, { ...base, deadline: Date.now() + limit * 1000 })
      : { file: sub.name, results: [], cannotRun: sub.problem, seconds: 0 };
    rows.push({ name: sub.name, report });
    if (!json) console.log(formatReport(report) + "\n");
  }
  const junit = opt("--junit");
  if (junit) writeFileSync(junit, junitXml(rows));
  if (json) console.log(JSON.stringify(isDir ? { submissions: rows.map((r) => ({ name: r.name, ...reportJson(r.report) })) } : reportJson(rows[0].report), null, 2));
  else if (isDir) console.log(summaryTable(rows));
  if (!isDir && rows[0].report.cannotRun) return 2;
  return rows.every((r) => !r.report.cannotRun && r.report.results.every((c) => c.ok)) ? 0 : 1;
}
