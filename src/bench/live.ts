// How much a live-view refresh costs: the example echo server with 50 children (one per
// connected client), read from /proc by the procdump helper with kcmp; then with the
// identity fallback instead of kcmp, and with Node reading /proc instead of procdump.
import * as net from "node:net";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Bench } from "./figure";
import { buildExample } from "../live/build";
import { freePort } from "../host/ports";
import { readStat } from "../live/procfs";
import { LiveSource } from "../live/source";
import { stopGroup } from "../live/stop";

const CHILDREN = 50;
const ROUNDS = 100;
const CLOCK_TICKS = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** The repository root: the folder holding examples/ above this module (src/bench or dist). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "examples", "echoserverp.c"))) {
    if (dirname(dir) === dir) throw new Error("examples/echoserverp.c not found");
    dir = dirname(dir);
  }
  return dir;
}

/** CPU time (ms) used so far by this process and the source's helper processes. */
function cpuMs(source: LiveSource): number {
  const own = process.cpuUsage();
  let ticks = 0;
  for (const pid of [source.sharing.pid, source.reader.pid]) {
    const st = pid === undefined ? undefined : readStat(pid);
    if (st) ticks += st.utime + st.stime;
  }
  return (own.user + own.system) / 1000 + ticks * (1000 / CLOCK_TICKS);
}

/** Wall and CPU milliseconds per refresh. Wall time includes waiting for the helpers to
 *  be scheduled, which on a busy machine dominates; CPU time is the overhead. */
async function perRefresh(source: LiveSource): Promise<{ wall: number; cpu: number }> {
  await source.refresh(); // warm: builds ids, reads the socket tables once
  const c0 = cpuMs(source);
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) await source.refresh();
  return { wall: (performance.now() - t0) / ROUNDS, cpu: (cpuMs(source) - c0) / ROUNDS };
}

export const bench: Bench = async (progress) => {
  if (process.platform !== "linux") {
    progress("live: skipped (needs Linux /proc)");
    return [];
  }
  const root = repoRoot();
  const tmp = mkdtempSync(join(tmpdir(), "forklab-bench-live-"));
  const built = await buildExample({ source: join(root, "examples", "echoserverp.c"), workspace: root, out: join(tmp, "echoserverp") });
  if (!built.ok) throw new Error(`${built.message}\n${built.diagnostics}`);
  const port = await freePort();
  const server = spawn(built.binary, [String(port)], { detached: true, stdio: "ignore" });
  const clients: net.Socket[] = [];
  const sources: LiveSource[] = [];
  try {
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < CHILDREN; i++) {
      clients.push(await new Promise<net.Socket>((res, rej) => {
        const c = net.connect(port, "127.0.0.1", () => res(c)).once("error", rej);
      }));
    }
    const exact = await LiveSource.open({ rootPid: server.pid! });
    const guess = await LiveSource.open({ rootPid: server.pid!, noKcmp: true });
    const slow = await LiveSource.open({ rootPid: server.pid!, noProcdump: true });
    sources.push(exact, guess, slow);
    for (let i = 0; i < 100; i++) {
      if ((await exact.refresh()).processes.length === CHILDREN + 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const n = (await exact.refresh()).processes.length;
    progress(`${n} processes (server + ${n - 1} children), ${ROUNDS} refreshes each`);
    const exactMs = await perRefresh(exact);
    const identityMs = await perRefresh(guess);
    const nodeMs = await perRefresh(slow);
    return [
      { name: "live.refresh.ms", value: exactMs.wall, unit: "ms" },
      { name: "live.refresh.cpu.ms", value: exactMs.cpu, unit: "ms" },
      { name: "live.refresh.identity.ms", value: identityMs.wall, unit: "ms" },
      { name: "live.refresh.identity.cpu.ms", value: identityMs.cpu, unit: "ms" },
      { name: "live.refresh.node_reader.ms", value: nodeMs.wall, unit: "ms" },
      { name: "live.refresh.node_reader.cpu.ms", value: nodeMs.cpu, unit: "ms" },
    ];

  } finally {
    for (const s of sources) s.close();
    for (const c of clients) c.destroy();
    await stopGroup(server.pid!); // and wait until init has reaped the orphaned children
    rmSync(tmp, { recursive: true, force: true });
  }
};
