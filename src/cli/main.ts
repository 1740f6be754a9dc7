// The forklab command line: a second front end on the same layers as the extension.
// Each subcommand lives in its own file and is loaded only when asked for.
import { Figure } from "../bench/figure";

const usage = `usage:
  forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]
  forklab fidelity FILE.c [--scenario S.json] [--json]
  forklab render FILE.c [--scenario S.json] [--step N] --out FIG.svg
  forklab bench [--json]`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  bench: async () => (await import("./bench")).bench,
  fidelity: async () => (await import("./fidelity")).fidelity,
  render: async () => (await import("./render")).render,
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
