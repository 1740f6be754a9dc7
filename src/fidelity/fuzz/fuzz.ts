// The differential fuzzer: random programs (generate.ts) run on Linux under strace and in
// the model through the fidelity harness (check.ts); each disagreement is shrunk
// (shrink.ts) to a smallest program that still disagrees, reported with its first divergence.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkFidelity } from "../check";
import { StraceUnavailable } from "../realrun";
import { generate, programSeed, render, size, type FuzzProgram } from "./generate";
import { shrink } from "./shrink";

export interface Disagreement {
  /** The program's seed: `generate(seed)` makes it again. */
  seed: number;
  /** The first divergence (or ordering rule broken) of the shrunk program. */
  first: string;
  /** Blocks before and after shrinking. */
  blocks: number;
  shrunkBlocks: number;
  /** The shrunk program's C text. */
  program: string;
}

export interface FuzzReport {
  seed: number;
  programs: number;
  agree: number;
  disagree: Disagreement[];
  /** Programs the check could not judge (the real run timed out, the compiler failed...). */
  errors: Array<{ seed: number; error: string }>;
  /** Programs that disagreed once and agreed when run again: the real run's timing (strace's
   *  stamps under load), not the model. Each is run a second time before it counts. */
  unsteady: Array<{ seed: number; first: string }>;
  seconds: number;
}

export interface FuzzOptions {
  seed: number;
  count: number;
  root: string;
  /** Checks spent shrinking each disagreement. */
  shrinkBudget?: number;
  progress?: (done: number, report: FuzzReport) => void;
}

type Verdict = { agree: true } | { agree: false; first: string } | { error: string };

/** Run one program through the harness in a fresh folder (its files land there). */
async function judge(p: FuzzProgram, root: string): Promise<Verdict> {
  const dir = mkdtempSync(join(tmpdir(), "forklab-fuzz-"));
  const file = join(dir, `fuzz-${p.seed}.c`);
  try {
    writeFileSync(file, render(p));
    const r = await checkFidelity(file, {}, { root, timeoutMs: 20000 });
    if (r.comparison.agree) return { agree: true };
    const d = r.comparison.divergences[0];
    const v = r.comparison.violations[0];
    return { agree: false, first: d ? `${d.proc}: ${d.what}: Linux ${d.linux ?? "-"} | model ${d.model ?? "-"}` : `${v.side} broke ${v.rule}: ${v.detail}` };
  } catch (err) {
    if (err instanceof StraceUnavailable) throw err;
    return { error: (err instanceof Error ? err.message : String(err)).split("\n").slice(0, 3).join(" ") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function agrees(p: FuzzProgram, root: string): Promise<boolean> {
  const v = await judge(p, root);
  return "agree" in v && v.agree;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
  const t0 = Date.now();
  const report: FuzzReport = { seed: o.seed, programs: 0, agree: 0, disagree: [], errors: [], unsteady: [], seconds: 0 };
  for (let i = 0; i < o.count; i++) {
    const p = generate(programSeed(o.seed, i));
    const v = await judge(p, o.root);
    report.programs++;
    if ("error" in v) report.errors.push({ seed: p.seed, error: v.error });
    else if (v.agree) report.agree++;
    else if (await agrees(p, o.root)) report.unsteady.push({ seed: p.seed, first: v.first });
    else {
      const small = await shrink(p, async (c) => { const w = await judge(c, o.root); return "agree" in w && !w.agree; }, o.shrinkBudget);
      const again = await judge(small.program, o.root);
      report.disagree.push({
        seed: p.seed, first: "first" in again ? again.first : v.first, blocks: size(p.blocks), shrunkBlocks: size(small.program.blocks), program: render(small.program),
      });
    }
    report.seconds = (Date.now() - t0) / 1000;
    o.progress?.(i + 1, report);
  }
  return report;
}
