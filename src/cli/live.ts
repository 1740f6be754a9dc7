// `forklab live [--port P] [--address A] [--pid N] [--json] [--watch MS] [--count K]`:
// the real server's process tree and descriptor tables from /proc, as text or Snapshot JSON.
// `forklab live --compare FILE.c [-n N] [--line TEXT]...`: holds N clients on the running
// server, steps FILE.c in the model with the same clients, and prints both side by side.
import { parseArgs } from "node:util";
import { formatComparison } from "../live/compare";
import { compareWithModel } from "../live/sidebyside";
import { LiveSource } from "../live/source";
import { formatLive } from "../live/text";
import { modelAtRest } from "../host/load";

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

async function compare(source: LiveSource, file: string, port: number, n: number, lines: string[]): Promise<number> {
  const rows = await compareWithModel(source, { file, port, clients: n, lines }, modelAtRest);
  console.log(formatComparison(rows));
  const same = rows.filter((r) => r.same).length;
  console.log(`\n${same} of ${rows.length} rows agree (model: ${file} with ${n} clients; live: from /proc)`);
  return same === rows.length ? 0 : 1;
}
