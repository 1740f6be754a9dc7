// `forklab bench [GROUP] [--json]`: runs every benchmark group (or the one named) and prints its figures.
// Progress goes to stderr so that --json output on stdout stays parseable.
import { Bench, Figure } from "../bench/figure";

const groups: Array<[string, () => Promise<Bench>]> = [
  ["live", async () => (await import("../bench/live")).bench],
  ["stepper", async () => (await import("../bench/stepper")).bench],
  ["render", async () => (await import("../bench/render")).renderBench],
  ["kernel", async () => (await import("../bench/kernel")).kernelBench],
  ["check", async () => (await import("../bench/check")).bench],
  ["worker", async () => (await import("../bench/worker")).bench],
  ["bounded", async () => (await import("../bench/bounded")).boundedBench],
];

export async function bench(args: string[]): Promise<number> {
  const json = args.includes("--json");
  // One case of the bounded group, in a process of its own (the group starts it so).
  const oneCase = args.indexOf("--case");
  if (oneCase >= 0) {
    const { runCase, CASES } = await import("../bench/bounded");
    const name = CASES.find((c) => c === args[oneCase + 1]);
    if (!name) { console.error(`forklab bench: --case takes one of ${CASES.join(", ")}`); return 2; }
    console.log(JSON.stringify(await runCase(name)));
    return 0;
  }
  const only = args.find((a) => !a.startsWith("--"));
  const wrong = args.find((a) => a.startsWith("-") && a !== "--json");
  if (wrong || (only && !groups.some(([name]) => name === only))) {
    console.error(`forklab bench: ${wrong ? `unknown option ${wrong}` : `no group '${only}'`}; groups: ${groups.map(([name]) => name).join(", ")}`);
    return 2;
  }
  const figures: Figure[] = [];
  for (const [name, load] of groups) {
    if (only && name !== only) continue;
    process.stderr.write(`bench: ${name}...\n`);
    figures.push(...(await (await load())((t) => process.stderr.write(`  ${t}\n`))));
  }
  if (json) console.log(JSON.stringify({ figures }, null, 2));
  else for (const f of figures) console.log(`${f.name.padEnd(34)} ${String(+f.value.toFixed(3)).padStart(12)} ${f.unit}`);
  return 0;
}
