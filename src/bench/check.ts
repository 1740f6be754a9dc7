// What `forklab check` costs a learner: every check on the right echo server, in the model
// and for real together (gcc included), as one wall-clock figure. Goal: under 10 s.
import { join } from "node:path";
import { Bench } from "./figure";
import { repoRoot } from "./live";
import { checkServer } from "../coach/check/run";
import { ECHO } from "../coach/check/exercises";

export const bench: Bench = async (progress) => {
  const root = repoRoot();
  const file = join(root, "test", "check", "servers", "echo-correct.c");
  progress("forklab check on echo-correct.c (model and real)");
  const rep = await checkServer(file, { exercise: ECHO, examplesDir: join(root, "examples") });
  const failed = rep.results.filter((r) => !r.ok).map((r) => r.id);
  if (rep.cannotRun || failed.length) throw new Error(`echo-correct.c should pass every check: ${rep.cannotRun ?? failed.join(", ")}`);
  return [{ name: "check.echo.seconds", value: rep.seconds, unit: "s" }];
};
