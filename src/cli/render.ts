// `forklab render`: draws one Snapshot as an SVG figure (or Markdown tables) with the
// same renderer the view uses. Input is a Snapshot file for now; FILE.c with a scenario
// goes through the session once src/session can produce Snapshots.
import { readFileSync, writeFileSync } from "node:fs";
import type { Snapshot } from "../kernel/snapshot";
import { renderMarkdown, renderSvg, snapshotProblem } from "../render";
import type { ColourScheme } from "../render";

const usage = `usage: forklab render --snapshot SNAP.json [--previous PREV.json] [--theme light|dark|hc] [--md] --out FIG.svg
       forklab render FILE.c [--scenario S.json] [--step N] --out FIG.svg   (once the session lands)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function readSnapshot(path: string): Snapshot {
  const value: unknown = JSON.parse(readFileSync(path, "utf8"));
  const problem = snapshotProblem(value, path);
  if (problem) throw new Error(problem);
  return value as Snapshot;
}

export async function render(args: string[]): Promise<number> {
  const out = option(args, "--out");
  const snapPath = option(args, "--snapshot");
  const theme = (option(args, "--theme") ?? "light") as ColourScheme;
  if (!["light", "dark", "hc"].includes(theme)) { console.error(`forklab render: unknown theme '${theme}'\n${usage}`); return 2; }
  if (!snapPath) {
    console.error(args.some((a) => a.endsWith(".c"))
      ? "forklab render: stepping FILE.c needs the session (src/session), which has not landed yet; use --snapshot"
      : usage);
    return 2;
  }
  const snap = readSnapshot(snapPath);
  const prevPath = option(args, "--previous");
  const prev = prevPath ? readSnapshot(prevPath) : undefined;
  const text = args.includes("--md") ? renderMarkdown(snap, prev) : renderSvg(snap, prev, { scheme: theme });
  if (out && out !== "-") writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}
