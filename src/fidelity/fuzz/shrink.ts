// Shrinking a disagreement: drop blocks (nested ones included) while the program still
// disagrees, greedily, until no single block can go or the budget of checks is spent.
import type { Block, FuzzProgram } from "./generate";

/** The program with the block at `path` (indices from the top level down) removed. */
export function without(blocks: Block[], path: number[]): Block[] {
  const [i, ...rest] = path;
  if (!rest.length) return blocks.filter((_, k) => k !== i);
  return blocks.map((b, k) => (k === i ? { ...b, body: without(b.body, rest) } : b));
}

/** Paths of every block, outermost first (dropping a big block first saves checks). */
export function paths(blocks: Block[], prefix: number[] = []): number[][] {
  return blocks.flatMap((b, i) => [[...prefix, i], ...paths(b.body, [...prefix, i])]);
}

/**
 * The smallest program this finds that still disagrees: `disagrees` runs one candidate
 * (true when it still disagrees). At most `budget` candidates are checked.
 */
export async function shrink(p: FuzzProgram, disagrees: (p: FuzzProgram) => Promise<boolean>, budget = 40): Promise<{ program: FuzzProgram; checks: number }> {
  let best = p;
  let checks = 0;
  for (let progress = true; progress && checks < budget; ) {
    progress = false;
    for (const path of paths(best.blocks)) {
      if (checks >= budget) break;
      const candidate = { ...best, blocks: without(best.blocks, path) };
      if (!candidate.blocks.length) continue;
      checks++;
      if (await disagrees(candidate)) {
        best = candidate;
        progress = true;
        break;
      }
    }
  }
  return { program: best, checks };
}
