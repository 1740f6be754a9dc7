// Child-process helper for model.test.ts: checks the named claims on the model and prints
// {claim id: why it fails, or null when it holds}. Claims marked modelGap run here, not
// in mocha's process, because a gap can be an endless run that only a timeout can stop.
import { allClaims, loadLessons } from "./lessons";
import { checkClaim } from "./model";

async function main(ids: string[]): Promise<void> {
  const claims = allClaims(loadLessons()).filter(({ claim }) => ids.includes(claim.id));
  const out: Record<string, string | null> = {};
  for (const { claim } of claims) {
    try { out[claim.id] = (await checkClaim(claim)) ?? null; }
    catch (e) { out[claim.id] = `the model cannot run it: ${e instanceof Error ? e.message : String(e)}`; }
  }
  process.stdout.write(JSON.stringify(out));
}

void main(process.argv.slice(2));
