// `forklab live [--port P] [--address A] [--pid N] [--json] [--watch MS] [--count K]`:
// the real server's process tree and descriptor tables from /proc, as text or Snapshot JSON.
// `forklab live --compare FILE.c [-n N] [--line TEXT]...`: holds N clients on the running
// server, steps FILE.c in the model with the same clients, and prints both side by side.
import { parseArgs } from "node:util";
import { runClients } from "../live/clients";
import { CompareRow, compareTables, formatComparison } from "../live/compare";
import { LiveSnapshot } from "../live/livesnapshot";
import { LiveSource } from "../live/source";
import { formatLive } from "../live/text";
import type { Scenario } from "../session/scenario";
import { loadSession } from "./run";

export async function live(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "15213" },
      address: { type: "string", default: "127.0.0.1" },
      pid: { type: "string" },
      json: { type: "boolean", default: false },
      watch: { type: "string" },
      count: { type: "string", default: "1" },
      compare: { type: "string" },
      n: { type: "string", short: "n", default: "2" },
      line: { type: "string", multiple: true },
    },
  });
  const source = await LiveSource.open(values.pid
    ? { rootPid: Number(values.pid) }
    : { port: Number(values.port), address: values.address });
  try {
    if (values.compare) {
      return await compare(source, values.compare, Number(values.port), Number(values.n), values.line ?? ["hello"]);
    }
    const count = values.watch ? Number(values.count) || Infinity : 1;
    for (let i = 0; i < count; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, Number(values.watch)));
      const s = await source.refresh();
      console.log(values.json ? JSON.stringify(s) : `${formatLive(s)}\n`);
    }
    return 0;
  } finally {
    source.close();
  }
}

/** Both sides at the same moment: every client connected, its lines echoed, still open.
 *  The model gets the same argv, the same kind of stdout and the same clients. */
export async function compareWithModel(source: LiveSource, file: string, port: number, n: number, lines: string[]): Promise<CompareRow[]> {
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
    const { session, errors } = await loadSession(file, scenario, 100_000);
    if (!session) throw new Error(errors.join("\n"));
    session.run(); // until every process is blocked: the server in accept, the children in read
    return compareTables(session.snapshot(), session.mainPid, live, root.pid);
  } finally {
    release.abort();
    await clients;
  }
}

async function compare(source: LiveSource, file: string, port: number, n: number, lines: string[]): Promise<number> {
  const rows = await compareWithModel(source, file, port, n, lines);
  console.log(formatComparison(rows));
  const same = rows.filter((r) => r.same).length;
  console.log(`\n${same} of ${rows.length} rows agree (model: ${file} with ${n} clients; live: from /proc)`);
  return same === rows.length ? 0 : 1;
}
