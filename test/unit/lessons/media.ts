// Draws every step's figure with our renderer: finds the Snapshot the figure's `at` selects
// in a model run, then has `forklab render FILE.c --step N` draw that step. Run through
// `node scripts/walkthroughs.mjs --media` (needs `npm run build` for bin/forklab.js).
// Prints the figures it could not draw, with the reason, for lessons.json's pendingMedia.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { allSteps, loadLessons } from "./lessons";
import { locate, ROOT, runModel } from "./model";

async function main(): Promise<number> {
  const ls = loadLessons();
  const pending: Record<string, string> = {};
  for (const { lesson, step } of allSteps(ls)) {
    const fig = step.figure;
    if (!fig) continue;
    const gap = step.claims.find((c) => c.modelGap && c.example === step.example)?.modelGap;
    if (gap) { pending[fig.svg] = gap; continue; }
    const run = await runModel(step.example, step.scenario);
    const n = locate(run, fig.at);
    if (n < 0) { pending[fig.svg] = `the model run never reaches ${JSON.stringify(fig.at)}`; continue; }
    const args = [join(ROOT, "bin", "forklab.js"), "render", join("examples", step.example),
      ...(step.scenario ? ["--scenario", join("examples", step.scenario)] : []), "--step", String(n), "--out", fig.svg];
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 120000 });
    if (r.status !== 0) pending[fig.svg] = `forklab render failed: ${(r.stderr || r.error?.message || "").trim().split("\n")[0]}`;
    else console.log(`${lesson.id}#${step.id}: ${fig.svg} (step ${n})`);
  }
  if (Object.keys(pending).length) console.log(`pending:\n${JSON.stringify(pending, null, 2)}`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => { console.error(e); process.exitCode = 1; });
