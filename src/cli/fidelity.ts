// `forklab fidelity FILE.c [--scenario S.json] [--json]` (or `--all` for every example): run the file on real Linux under
// strace and in the model, compare them call by call; exit 0 when they agree, 1 when
// they differ, 2 when the check cannot run here (no strace, no ptrace, no compiler), 3 when
// the real program did not end in time (nothing was compared).
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { RealRunTimedOut, checkFidelity } from "../fidelity/check";
import { defaultScenarioFor, readScenario } from "../host/scenario";
import { StraceUnavailable } from "../fidelity/realrun";
import { formatComparison } from "../fidelity/report";
import type { Scenario } from "../contract/scenario";
import { FIDELITY_EXIT } from "../contract/fidelity-exit";

/** `--all`: every example with its scenario, one line each, and the time for the corpus. */
async function corpus(root: string, json: boolean): Promise<number> {
  const dir = join(root, "examples");
  const files = readdirSync(dir).filter((f) => f.endsWith(".c") && f !== "csapp.c").sort();
  const t0 = Date.now();
  const rows: Array<{ file: string; agree: boolean; first?: string; ms: number }> = [];
  for (const f of files) {
    const t = Date.now();
    const path = join(dir, f);
    try {
      const r = await checkFidelity(path, defaultScenarioFor(path), { root });
      const d = r.comparison.divergences[0];
      const v = r.comparison.violations[0];
      rows.push({ file: f, agree: r.comparison.agree, first: d ? `${d.proc}: ${d.what}: Linux ${d.linux ?? "-"} | model ${d.model ?? "-"}` : v?.detail, ms: Date.now() - t });
    } catch (err) {
      if (err instanceof StraceUnavailable) throw err;
      rows.push({ file: f, agree: false, first: String(err instanceof Error ? err.message : err).split("\n").slice(0, 2).join(" "), ms: Date.now() - t });
    }
    const row = rows[rows.length - 1];
    if (!json) console.log(`${row.agree ? "AGREE " : "DIFFER"} ${f.padEnd(28)} ${String(row.ms).padStart(6)} ms  ${row.first ?? ""}`.slice(0, 240));
  }
  const secs = (Date.now() - t0) / 1000;
  const agreeing = rows.filter((r) => r.agree).length;
  if (json) console.log(JSON.stringify({ rows, agreeing, total: rows.length, seconds: secs }, null, 2));
  else console.log(`${agreeing}/${rows.length} examples agree with Linux; corpus checked in ${secs.toFixed(1)} s`);
  return agreeing === rows.length ? FIDELITY_EXIT.agree : FIDELITY_EXIT.differ;
}

export async function fidelity(argv: string[]): Promise<number> {
  // A lone "--" ends the options: the file after it may be named like one (-x.c).
  const end = argv.indexOf("--");
  const args = end < 0 ? argv : argv.slice(0, end);
  const json = args.includes("--json");
  if (args.includes("--all")) {
    try {
      return await corpus(join(__dirname, ".."), json);
    } catch (err) {
      if (!(err instanceof StraceUnavailable)) throw err;
      console.error(`forklab fidelity: ${err.message}`);
      return FIDELITY_EXIT.cannotRun;
    }
  }
  const si = args.indexOf("--scenario");
  const file = end >= 0 ? argv[end + 1] : args.find((a, i) => !a.startsWith("--") && (si < 0 || i !== si + 1));
  if (!file || (end >= 0 && argv.length !== end + 2)) {
    console.error("usage: forklab fidelity FILE.c [--scenario S.json] [--json]");
    return FIDELITY_EXIT.cannotRun;
  }
  const scenario: Scenario = si >= 0 ? readScenario(args[si + 1]) : defaultScenarioFor(file);
  const root = join(__dirname, "..");
  try {
    const r = await checkFidelity(file, scenario, { root });
    if (json) console.log(JSON.stringify(r, null, 2));
    else console.log(formatComparison(r.comparison, `${basename(file)} (Linux ${r.ms.linux} ms, model ${r.ms.model} ms)`));
    return r.comparison.agree ? FIDELITY_EXIT.agree : FIDELITY_EXIT.differ;
  } catch (err) {
    if (err instanceof StraceUnavailable) {
      console.error(`forklab fidelity: ${err.message}`);
      return FIDELITY_EXIT.cannotRun;
    }
    if (err instanceof RealRunTimedOut) {
      console.error(`forklab fidelity: ${err.message}`);
      return FIDELITY_EXIT.timedOut;
    }
    throw err;
  }
}
