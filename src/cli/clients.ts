// `forklab clients [--port P] [--host H] [-n N] [--concurrency M] [--line TEXT]...
//   [--close one-by-one|together|each] [--reset] [--hold MS] [--gap MS] [--timeout MS]`:
// loopback clients for the real echo server; prints each echo; exit 0 when every line came back.
import { parseArgs } from "node:util";
import { CloseMode, runClients } from "../live/clients";

export async function clients(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "15213" },
      host: { type: "string", default: "127.0.0.1" },
      n: { type: "string", short: "n", default: "1" },
      concurrency: { type: "string" },
      line: { type: "string", multiple: true },
      close: { type: "string", default: "each" },
      reset: { type: "boolean", default: false },
      hold: { type: "string", default: "0" },
      gap: { type: "string", default: "300" },
      timeout: { type: "string", default: "5000" },
    },
  });
  const close = values.close as CloseMode;
  if (!["one-by-one", "together", "each"].includes(close)) {
    console.error("forklab clients: --close is one-by-one, together or each");
    return 2;
  }
  const report = await runClients({
    host: values.host, port: Number(values.port), clients: Number(values.n),
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    lines: values.line ?? ["hello"], close, reset: values.reset,
    holdMs: Number(values.hold), gapMs: Number(values.gap), timeoutMs: Number(values.timeout),
    log: (l) => console.log(l),
  });
  const failed = report.results.filter((r) => r.error).length;
  console.log(report.ok
    ? `all ${report.results.length} clients got every echo back`
    : `${failed} of ${report.results.length} clients failed`);
  return report.ok ? 0 : 1;
}
