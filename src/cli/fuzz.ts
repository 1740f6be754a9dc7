// `forklab fuzz [--seed S] [--count N] [--json] [--shrink K]`: random process programs run in
// the model and on Linux under the fidelity harness; prints agreements and, for each
// disagreement, the shrunk program and its first divergence. Exit 0 when all agree, 1 when
// some disagree or could not be judged, 2 when the check cannot run here.
import { join } from "node:path";
import { fuzz, type FuzzReport } from "../fidelity/fuzz/fuzz";
import { StraceUnavailable } from "../fidelity/realrun";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function count(text: string | undefined, name: string, dflt: number): number {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} wants a whole number, not '${text}'`);
  return n;
}

function summary(r: FuzzReport): string {
  return `${r.programs} programs, ${r.agree} agree, ${r.disagree.length} disagree, ${r.unsteady.length} disagreed once then agreed, ${r.errors.length} not judged (seed ${r.seed}, ${r.seconds.toFixed(0)} s)`;
}

/** The first argument that is neither --json nor one of the valued options with its value. */
function stray(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--json") continue;
    if (["--seed", "--count", "--shrink"].includes(args[i])) { i++; continue; }
    return args[i];
  }
  return undefined;
}

export async function fuzzCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  let seed: number, n: number, budget: number;
  try {
    const odd = stray(args);
    if (odd !== undefined) throw new Error(`unknown argument ${odd} (usage: forklab fuzz [--seed S] [--count N] [--json] [--shrink K])`);
    seed = count(option(args, "--seed"), "--seed", Date.now() % 2 ** 31);
    n = count(option(args, "--count"), "--count", 100);
    budget = count(option(args, "--shrink"), "--shrink", 40);
  } catch (err) {
    console.error(`forklab fuzz: ${(err as Error).message}`);
    return 2;
  }
  let shown = 0;
  try {
    const r = await fuzz({
      seed, count: n, root: join(__dirname, ".."), shrinkBudget: budget,
      progress: (done, rep) => {
        if (json) return;
        // Each disagreement as soon as it is shrunk: a long run stopped early loses none.
        while (shown < rep.disagree.length) {
          const d = rep.disagree[shown++];
          console.log(`DISAGREE program ${d.seed} (${d.blocks} blocks, shrunk to ${d.shrunkBlocks}): ${d.first}\n${d.program}`);
        }
        if (done % 10 === 0 || done === n) process.stderr.write(`  ${summary(rep)}\n`);
      },
    });
    if (json) console.log(JSON.stringify({ programs: r.programs, agree: r.agree, disagree: r.disagree, unsteady: r.unsteady, errors: r.errors, seed: r.seed, seconds: r.seconds }, null, 2));
    else {
      for (const u of r.unsteady) console.log(`UNSTEADY program ${u.seed} disagreed once, then agreed: ${u.first}`);
      for (const e of r.errors) console.log(`NOT JUDGED program ${e.seed}: ${e.error}`);
      console.log(summary(r));
    }
    return r.disagree.length || r.errors.length ? 1 : 0;
  } catch (err) {
    if (!(err instanceof StraceUnavailable)) throw err;
    console.error(`forklab fuzz: ${err.message}`);
    return 2;
  }
}
