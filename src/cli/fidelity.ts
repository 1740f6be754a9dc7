// `forklab fidelity FILE.c [--scenario S.json] [--json]`: run the file on real Linux under
// strace and in the model, compare them call by call; exit 0 when they agree, 1 when
// they differ, 2 when the check cannot run here (no strace, no ptrace, no compiler).
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { checkFidelity, defaultScenarioFor } from "../fidelity/check";
import { StraceUnavailable } from "../fidelity/realrun";
import { formatComparison } from "../fidelity/report";
import type { Scenario } from "../session/scenario";

export async function fidelity(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const si = args.indexOf("--scenario");
  const file = args.find((a, i) => !a.startsWith("--") && i !== si + 1);
  if (!file) {
    console.error("usage: forklab fidelity FILE.c [--scenario S.json] [--json]");
    return 2;
  }
  const scenario: Scenario = si >= 0 ? JSON.parse(readFileSync(args[si + 1], "utf8")) : defaultScenarioFor(file);
  const root = join(__dirname, "..");
  try {
    const r = await checkFidelity(file, scenario, { root });
    if (json) console.log(JSON.stringify(r, null, 2));
    else console.log(formatComparison(r.comparison, `${basename(file)} (Linux ${r.ms.linux} ms, model ${r.ms.model} ms)`));
    return r.comparison.agree ? 0 : 1;
  } catch (err) {
    if (err instanceof StraceUnavailable) {
      console.error(`forklab fidelity: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
