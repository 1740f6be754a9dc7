// `forklab bench bounded`: adversarial programs run to their bound. Each case runs in a
// child process of its own so that its peak memory (max RSS) is its own:
//   one_line_loop  `while (1);` on one line, run until the default limit stops it
//   forkbomb_10k   a fork bomb spread over lines, 10,000 steps
//   clients5000    the forking echo server serving 5,000 scripted clients to the end
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Bench, Figure } from "./figure";
import { compileC } from "../c/load";
import { Session } from "../session/session";
import { hostParser, loadProgram } from "../host/load";

const ONE_LINE_LOOP = "int main(void) { while (1); }\n";
const FORK_BOMB = `#include <unistd.h>
int main(void) {
  while (1)
    fork();
}
`;

export const CASES = ["one_line_loop", "forkbomb_10k", "clients5000"] as const;
export type CaseName = (typeof CASES)[number];

export interface CaseResult {
  seconds: number;
  /** CPU time: on a shared machine the wall clock also counts other people's work. */
  cpuSeconds: number;
  peakMb: number;
  steps: number;
  ended: string;
}

function examplesDir(): string {
  const root = [join(__dirname, ".."), join(__dirname, "..", "..")].find((r) => existsSync(join(r, "examples", "echoserverp.c"))) ?? process.cwd();
  return join(root, "examples");
}

async function session(name: CaseName): Promise<Session> {
  const parser = await hostParser();
  if (name === "one_line_loop") return new Session({ program: compileC(parser, "loop.c", ONE_LINE_LOOP, () => undefined).program, name: "loop" });
  if (name === "forkbomb_10k") return new Session({ program: compileC(parser, "bomb.c", FORK_BOMB, () => undefined).program, name: "bomb", maxSteps: 10_000 });
  const server = (await loadProgram(join(examplesDir(), "echoserverp.c"))).program;
  const clients = Array.from({ length: 5000 }, (_, i) => ({ actions: [{ send: `hello ${i}` }, { close: true as const }] }));
  return new Session({
    program: server, name: "echoserverp",
    scenario: { argv: ["15213"], clients, signals: [{ signal: "SIGINT", afterClientsClosed: 5000 }], maxSteps: 2_000_000 },
  });
}

/** Run one case here, in this process (the child the bench starts). */
export async function runCase(name: CaseName): Promise<CaseResult> {
  const s = await session(name);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ended = s.run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: process.resourceUsage().maxRSS / 1024, steps: s.steps, ended };
}

export const boundedBench: Bench = async (progress) => {
  const figures: Figure[] = [];
  for (const name of CASES) {
    // The CLI runs itself again with --case: a fresh process per case, for its own peak memory.
    const out = execFileSync(process.execPath, [process.argv[1], "bench", "--case", name], { encoding: "utf8", maxBuffer: 1 << 20, timeout: 600_000 });
    const r = JSON.parse(out) as CaseResult;
    progress(`${name}: ${r.steps} steps in ${r.seconds.toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s CPU), peak ${r.peakMb.toFixed(0)} MB; ${r.ended}`);
    figures.push({ name: `bounded.${name}.s`, value: r.seconds, unit: "s" }, { name: `bounded.${name}.peak_mb`, value: r.peakMb, unit: "MB" });
  }
  return figures;
};
