// How much a live-view refresh costs: the example echo server with 50 children (one per
// connected client), read from /proc with kcmp (and with the identity fallback).
import * as net from "node:net";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Bench } from "./figure";
import { buildExample } from "../live/build";
import { freePort } from "../live/server";
import { LiveSource } from "../live/source";

const CHILDREN = 50;
const ROUNDS = 40;

/** The repository root: the folder holding examples/ above this module (src/bench or dist). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "examples", "echoserverp.c"))) {
    if (dirname(dir) === dir) throw new Error("examples/echoserverp.c not found");
    dir = dirname(dir);
  }
  return dir;
}

async function perRefresh(source: LiveSource): Promise<number> {
  await source.refresh(); // warm: builds ids, reads the socket tables once
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) await source.refresh();
  return (performance.now() - t0) / ROUNDS;
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
    sources.push(exact, guess);
    for (let i = 0; i < 100; i++) {
      if ((await exact.refresh()).processes.length === CHILDREN + 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const n = (await exact.refresh()).processes.length;
    progress(`${n} processes (server + ${n - 1} children), ${ROUNDS} refreshes each`);
    const kcmpMs = await perRefresh(exact);
    const identityMs = await perRefresh(guess);
    return [
      { name: "live.refresh.ms", value: kcmpMs, unit: "ms" },
      { name: "live.refresh.identity.ms", value: identityMs, unit: "ms" },
    ];
  } finally {
    for (const s of sources) s.close();
    for (const c of clients) c.destroy();
    try { process.kill(-server.pid!, "SIGKILL"); } catch { /* already gone */ }
    rmSync(tmp, { recursive: true, force: true });
  }
};
