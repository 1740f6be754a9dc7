// The real server's life cycle from a terminal (and from Fork Lab's tasks):
//   forklab build FILE.c [--cc CC] [--workspace DIR]
//   forklab serve FILE.c [--address A] [--port P] [--wait S] [--cc CC] [--workspace DIR]
//     (says "started" once the server listens; gives up after S seconds, default 10)
//   forklab stop [--address A] [--port P]
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { binaryPath, buildExample, sourcesFor, upToDate } from "../live/build";
import { LISTEN_WAIT_MS, serve as runServer } from "../live/server";
import { stopServer } from "../live/stop";

const say = (line: string): void => console.error(`forklab: ${line}`);

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      cc: { type: "string", default: process.env.FORKLAB_CC || "cc" },
      workspace: { type: "string", default: process.cwd() },
      address: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "15213" },
      wait: { type: "string", default: String(LISTEN_WAIT_MS / 1000) },
    },
  });
}

async function compile(file: string, cc: string, workspace: string): Promise<string | undefined> {
  const r = await buildExample({ source: file, workspace, compiler: cc, stdio: "inherit" });
  say(r.message);
  return r.ok ? r.binary : undefined;
}

export async function build(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (positionals.length !== 1) { say("usage: forklab build FILE.c [--cc CC] [--workspace DIR]"); return 2; }
  return (await compile(positionals[0], values.cc, values.workspace)) ? 0 : 1;
}

export async function serve(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  const waitS = Number(values.wait);
  if (positionals.length !== 1 || !(waitS > 0)) { say("usage: forklab serve FILE.c|PROGRAM [--address A] [--port P] [--wait SECONDS]"); return 2; }
  let binary = positionals[0];
  if (binary.endsWith(".c")) {
    const source = isAbsolute(binary) ? binary : resolve(values.workspace, binary);
    binary = binaryPath(source);
    // Rebuild a stale binary, so the server always runs the source on screen.
    if (!upToDate(sourcesFor(source), binary) && !(await compile(source, values.cc, values.workspace))) return 1;
  }
  return runServer({ binary, address: values.address, port: Number(values.port), say, listenWaitMs: waitS * 1000 });
}

export async function stop(args: string[]): Promise<number> {
  const { values } = options(args);
  const r = await stopServer(Number(values.port), values.address);
  say(r.message);
  return r.ok ? 0 : 1;
}
