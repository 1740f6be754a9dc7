// The C stepper's costs: the median cost of one stepped line, stepping back and jumping on
// a 10,000-step timeline, and the echo server (examples/echoserverp.c) serving 1,000
// scripted clients to completion.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Bench } from "./figure";
import { compileC } from "../c/load";
import { Session } from "../session/session";
import { Stepper } from "../session/stepper";
import { hostParser, loadProgram } from "../host/load";

const LOOP = `#include <stdio.h>
int main(void) {
  int i, sum = 0;
  char buf[64];
  for (i = 0; i < 20000; i++) {
    sum += i % 7;
    buf[i % 64] = (char)sum;
  }
  printf("%d %d\\n", sum, buf[3]);
  return 0;
}
`;

// The same loop over unsigned long values beyond 2^53 (an FNV-1a hash): the BigInt path.
const LOOP64 = `#include <stdio.h>
int main(void) {
  unsigned long h = 0xcbf29ce484222325UL;
  int i;
  for (i = 0; i < 20000; i++) {
    h ^= (unsigned long)(i & 0xff);
    h *= 0x100000001b3UL;
  }
  printf("%lu\\n", h);
  return 0;
}
`;

/** The median time of one stepped line over a whole run of the program. */
function medianLine(s: Session): { median: number; lines: number } {
  const times: number[] = [];
  while (!s.ended && times.length < 60000) {
    const t0 = process.hrtime.bigint();
    s.step();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], lines: times.length };
}

export const bench: Bench = async (progress) => {
  const parser = await hostParser();
  // From the bundle (dist/) or from source (src/bench/).
  const root = [join(__dirname, ".."), join(__dirname, "..", "..")].find((r) => existsSync(join(r, "examples", "echoserverp.c"))) ?? process.cwd();
  // Per-line cost: step a loop one line at a time and time each step.
  const loop = compileC(parser, "loop.c", LOOP, () => undefined).program;
  const { median, lines } = medianLine(new Session({ program: loop, name: "loop" }));
  progress(`${lines} lines stepped, median ${median.toFixed(2)} us`);
  const loop64 = compileC(parser, "loop64.c", LOOP64, () => undefined).program;
  const wide = medianLine(new Session({ program: loop64, name: "loop64" }));
  progress(`${wide.lines} lines of 64-bit hashing stepped, median ${wide.median.toFixed(2)} us`);

  // Stepping back once at step 10,000 with a Snapshot per step (as the extension runs):
  // the latest checkpoint before it restored, and the recorded actions after it replayed.
  const tt = new Session({ program: loop, name: "loop", snapshots: true });
  while (tt.steps < 10000 && !tt.ended) tt.step();
  const b0 = process.hrtime.bigint();
  tt.stepBack();
  const backMs = Number(process.hrtime.bigint() - b0) / 1e6;
  progress(`step back at step 10,000: ${backMs.toFixed(0)} ms (now at step ${tt.steps})`);

  // The learner's timeline: 10,000 recorded steps, then jumps to steps spread over it (the
  // view's slider; the recorded future is kept). Each jump restores the nearest checkpoint.
  // The process's peak memory with that timeline and its checkpoints held.
  let timelinePeak = process.memoryUsage().rss;
  const st = new Stepper({ program: loop, name: "loop", maxSteps: 10000, checkpoint: (n) => {
    if (n % 500 === 0) timelinePeak = Math.max(timelinePeak, process.memoryUsage().rss);
    return false;
  } });
  st.continue(10000);
  const jumps: number[] = [];
  for (const target of [5000, 9000, 1000, 7500, 2500]) {
    const j0 = process.hrtime.bigint();
    st.goto(target);
    jumps.push(Number(process.hrtime.bigint() - j0) / 1e6);
  }
  const gotoMs = jumps.reduce((a, b) => a + b, 0) / jumps.length;
  timelinePeak = Math.max(timelinePeak, process.memoryUsage().rss);
  progress(`goto on a ${st.timeline.length - 1}-step timeline: ${jumps.map((x) => x.toFixed(1)).join(", ")} ms (mean ${gotoMs.toFixed(1)}); peak RSS ${(timelinePeak / 1048576).toFixed(0)} MB`);

  // The echo server with 1,000 clients, each connecting, sending a line and closing.
  const file = join(root, "examples", "echoserverp.c");
  const server = (await loadProgram(file)).program;
  const clients = Array.from({ length: 1000 }, (_, i) => ({ actions: [{ send: `hello ${i}` }, { close: true as const }] }));
  let peak = process.memoryUsage().rss;
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const e = new Session({ program: server, name: "echoserverp", scenario: { argv: ["15213"], clients, signals: [{ signal: "SIGINT", afterClientsClosed: 1000 }], maxSteps: 2_000_000 } });
  while (!e.ended) {
    e.step();
    if (e.steps % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (Date.now() - t0) / 1000;
  // CPU time as well: on a shared machine the wall clock also counts other people's work.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  e.snapshot();
  const echoed = e.stdout().split("\n").filter((l) => l.startsWith("server received")).length;
  progress(`echo1000: ${e.steps} steps in ${seconds.toFixed(2)} s (${cpuSeconds.toFixed(2)} s CPU), ${echoed} lines echoed, ended: ${e.ended}`);
  return [
    { name: "step.line.median_us", value: median, unit: "us" },
    { name: "step.line_u64.median_us", value: wide.median, unit: "us" },
    { name: "session.back_10k.ms", value: backMs, unit: "ms" },
    { name: "view.goto_10k.ms", value: gotoMs, unit: "ms" },
    { name: "view.timeline_10k.peak_mb", value: timelinePeak / 1048576, unit: "MB" },
    { name: "echo1000.seconds", value: seconds, unit: "s" },
    { name: "echo1000.cpu_seconds", value: cpuSeconds, unit: "s" },
    { name: "echo1000.steps", value: e.steps, unit: "steps" },
    { name: "echo1000.peak_mb", value: peak / 1048576, unit: "MB" },
  ];
};
