// Model and reality side by side at one moment: N clients connected to the real server,
// their lines echoed, still open; the same program stepped in the model with the same
// argv, the same kind of stdout and the same clients, until every process blocks. The
// model runner is passed in, so this file needs neither the C front end nor VS Code.
import type { Snapshot } from "../contract/snapshot";
import type { Scenario } from "../contract/scenario";
import { runClients } from "./clients";
import { CompareRow, compareTables } from "./compare";
import { LiveSnapshot } from "./livesnapshot";
import { LiveSource } from "./source";

export interface ModelMoment {
  snapshot: Snapshot;
  mainPid: number;
}

export interface SideBySide {
  file: string;
  port: number;
  clients: number;
  lines: string[];
}

/** Both sides at the same moment: every client connected, its lines echoed, still open.
 *  The model gets the same argv, the same kind of stdout and the same clients. */
export async function compareWithModel(source: LiveSource, plan: SideBySide,
  runModel: (file: string, scenario: Scenario) => Promise<ModelMoment>): Promise<CompareRow[]> {
  const { file, port, clients: n, lines } = plan;
  const release = new AbortController();
  const clients = runClients({ port, clients: n, lines, close: "together", holdMs: 15_000, timeoutMs: 20_000, release: release.signal });
  try {
    let live: LiveSnapshot | undefined;
    const deadline = Date.now() + 10_000;
    while (!live && Date.now() < deadline) {
      const s = await source.refresh();
      if (s.processes.filter((p) => p.ppid === s.live.rootPid && p.blockedOn?.startsWith("read(")).length >= n) live = s;
      else await new Promise((r) => setTimeout(r, 100));
    }
    if (!live) throw new Error(`the server did not get ${n} clients reading within 10 s`);
    const root = live.processes.find((p) => p.pid === live!.live.rootPid)!;
    const out = live.objects.find((o) => o.id === live!.files.find((f) => f.id === root.fds[1])?.object);
    const scenario: Scenario = {
      argv: [String(port)],
      stdout: out?.kind === "tty" ? "tty" : out?.kind === "file" ? "file" : "pipe",
      clients: Array.from({ length: n }, () => ({ actions: [...lines.map((send) => ({ send })), { waitSteps: Number.MAX_SAFE_INTEGER }] })),
    };
    const model = await runModel(file, scenario);
    return compareTables(model.snapshot, model.mainPid, live, root.pid);
  } finally {
    release.abort();
    await clients;
  }
}
