// The forklab command line: a second front end on the same layers as the extension.
// Each subcommand lives in its own file and is loaded only when asked for.
import { Figure } from "../bench/figure";

const usage = `usage:
  forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]
  forklab fidelity FILE.c [--scenario S.json] [--json]
  forklab fuzz [--seed S] [--count N] [--json] [--shrink K]
  forklab render FILE.c [--scenario S.json] [--step N] --out FIG.svg
  forklab bench [live|stepper|render|kernel|check|worker|bounded] [--json]
  forklab build FILE.c [--cc CC]
  forklab serve FILE.c [--address A] [--port P] [--wait S]
  forklab clients [--port P] [-n N] [--line TEXT]... [--close one-by-one|together|each] [--reset]
  forklab stop [--port P]
  forklab live [--port P | --pid N] [--json] [--watch MS --count K]
  forklab check SERVER.c|DIR [--exercise echo|schedule] [--json] [--junit OUT.xml] [--model-only | --real-only] [--time-limit S]`;

/** The usage lines of one command. */
const usageOf = (name: string): string =>
  ["usage:", ...usage.split("\n").filter((l) => l.trimStart().startsWith(`forklab ${name} `))].join("\n");

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  bench: async () => (await import("./bench")).bench,
  run: async () => (await import("./run")).run,
  fidelity: async () => (await import("./fidelity")).fidelity,
  fuzz: async () => (await import("./fuzz")).fuzzCommand,
  render: async () => (await import("./render")).render,
  build: async () => (await import("./server")).build,
  serve: async () => (await import("./server")).serve,
  stop: async () => (await import("./server")).stop,
  clients: async () => (await import("./clients")).clients,
  live: async () => (await import("./live")).live,
  check: async () => (await import("./check")).check,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`forklab: unknown command '${name}'\n${usage}`);
    return 2;
  }
  // Asked for help, a command says how it is used and does nothing else (bench and fuzz
  // would otherwise start their long work).
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(usageOf(name));
    return 0;
  }
  return (await load())(rest);
}

export type { Figure };

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`forklab: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
