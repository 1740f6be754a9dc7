// `forklab live [--port P] [--address A] [--pid N] [--json] [--watch MS] [--count K]`:
// the real server's process tree and descriptor tables from /proc, as text or Snapshot JSON.
import { parseArgs } from "node:util";
import { LiveSource } from "../live/source";
import { formatLive } from "../live/text";

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
    },
  });
  const source = await LiveSource.open(values.pid
    ? { rootPid: Number(values.pid) }
    : { port: Number(values.port), address: values.address });
  try {
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
