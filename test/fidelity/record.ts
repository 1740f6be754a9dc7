// Records a traced run of a fixture as JSON (strace text per process plus the resolved
// sites), so the normaliser can be tested on real strace output without strace.
// Usage: npx tsx test/fidelity/record.ts test/fidelity/fixtures/X.c [scenario.json]
import { readFileSync, writeFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { traceCompiled } from "../../src/fidelity/realrun";
import { compile } from "../../src/fidelity/compile";
import type { Recorded } from "./recorded";

(async () => {
  const file = process.argv[2];
  const scenario = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], "utf8")) : { stdin: "hi\n" };
  const compiled = await compile(file);
  const run = await traceCompiled(compiled, scenario);
  const texts: Record<string, string> = {};
  const { readdirSync } = await import("node:fs");
  for (const f of readdirSync(`${compiled.dir}/strace`)) texts[f.slice(2)] = readFileSync(`${compiled.dir}/strace/${f}`, "utf8");
  const rec: Recorded = {
    source: relative(process.cwd(), compiled.source), exe: compiled.exe, exePath: run.exePath,
    mainPid: run.mainPid, stdout: run.stdout, harnessKilled: [...run.harnessKilled], texts,
    sites: [...run.sites.entries()].map(([a, s]) => [a, { ...s, file: s.file === compiled.source ? "<source>" : s.file }]),
  };
  writeFileSync(`test/fidelity/recorded/${basename(file, ".c")}.json`, JSON.stringify(rec, null, 1));
  compiled.dispose();
})();
