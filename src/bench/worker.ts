// The model's worker as the extension uses it (dist/worker.js through host/worker-client):
// how long a Stop takes to end a Continue of a one-line endless loop (goal: under 100 ms),
// and the round trip of one Step of examples/echoserverp.c, request to the editor's copy
// updated (the model's share of a click's cost; the view's drawing comes on top).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scenario } from "../contract/scenario";
import { ModelWorker, OpenInput } from "../host/worker-client";
import { nodeWorkerHost } from "../host/worker-node-host";
import { SessionMirror } from "../host/worker/mirror";
import { Bench } from "./figure";

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function session(dist: string, file: string, scenario: Scenario): Promise<{ w: ModelWorker; mirror: SessionMirror; input: OpenInput }> {
  const mirror = new SessionMirror();
  const input: OpenInput = { session: file, file, text: readFileSync(file, "utf8"), scenario, policy: "round-robin", maxSteps: 100_000 };
  const w = new ModelWorker(nodeWorkerHost(dist), { reopen: () => [{ ...input, actions: mirror.actions, at: mirror.at, known: mirror.timeline.length }], reopened: (_s, u) => { if (u) mirror.apply(u); }, tell: () => undefined });
  const r = await w.open(input);
  if (r.type !== "opened" || !r.update) throw new Error(`cannot open ${file}`);
  mirror.apply(r.update);
  return { w, mirror, input };
}

export const bench: Bench = async (progress) => {
  const dist = [__dirname, join(__dirname, "..", "..", "dist")].find((d) => existsSync(join(d, "worker.js")));
  if (!dist) throw new Error("dist/worker.js is missing: run npm run build first");
  const root = join(dist, "..");
  const dir = mkdtempSync(join(tmpdir(), "forklab-bench-worker-"));
  try {
    const loop = join(dir, "loop.c");
    writeFileSync(loop, "int main(void){ while(1); }\n");
    const stops: number[] = [];
    let restarts = 0;
    const l = await session(dist, loop, {});
    try {
      // Warm: a cold worker's first steps are slow to reach their first check.
      const warm = await l.w.act(loop, { kind: "continue", limit: 3 }, (e) => l.mirror.apply(e.update));
      // The mirror takes every update in turn: one left out makes the next refused.
      if (warm.update) l.mirror.apply(warm.update);
      for (let i = 0; i < 5; i++) {
        const run = l.w.act(loop, { kind: "continue", limit: 100_000 }, (e) => l.mirror.apply(e.update));
        await new Promise((r) => setTimeout(r, 300));
        const t0 = performance.now();
        if ((await l.w.stop()) === "restarted") restarts++;
        const done = await run;
        stops.push(performance.now() - t0);
        if (done.update) l.mirror.apply(done.update);
      }
    } finally {
      l.w.dispose();
    }
    progress(`stop: ${stops.map((x) => x.toFixed(1)).join(", ")} ms (${restarts} restarts)`);

    const echo = join(root, "examples", "echoserverp.c");
    const scenario = JSON.parse(readFileSync(join(root, "examples", "echoserverp.scenario.json"), "utf8")) as Scenario;
    const e = await session(dist, echo, scenario);
    const steps: number[] = [];
    try {
      for (let i = 0; i < 60 && !e.mirror.ended; i++) {
        const t0 = performance.now();
        const r = await e.w.act(echo, { kind: "step" });
        if (r.update) e.mirror.apply(r.update);
        steps.push(performance.now() - t0);
      }
    } finally {
      e.w.dispose();
    }
    progress(`step round trip: ${steps.length} steps, p50 ${quantile(steps, 0.5).toFixed(2)} ms`);
    return [
      { name: "worker.stop.p50_ms", value: quantile(stops, 0.5), unit: "ms" },
      { name: "worker.stop.max_ms", value: Math.max(...stops), unit: "ms" },
      { name: "worker.step_roundtrip.p50_ms", value: quantile(steps, 0.5), unit: "ms" },
      { name: "worker.step_roundtrip.p95_ms", value: quantile(steps, 0.95), unit: "ms" },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
