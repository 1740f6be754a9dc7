// Load a recorded traced run (see record.ts) back into the LinuxRun the normaliser takes.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { LinuxRun } from "../../src/fidelity/realrun";
import { parseStrace } from "../../src/fidelity/strace";
import type { Site } from "../../src/fidelity/symbolize";

export interface Recorded {
  source: string;
  exe: string;
  exePath: string;
  mainPid: number;
  stdout: string;
  harnessKilled: number[];
  texts: Record<string, string>;
  sites: Array<[number, Site]>;
}

export function loadRecorded(name: string): { run: LinuxRun; rec: Recorded } {
  const rec = JSON.parse(readFileSync(join(__dirname, "recorded", `${name}.json`), "utf8")) as Recorded;
  const source = resolve(join(__dirname, "..", ".."), rec.source);
  const run: LinuxRun = {
    compiled: { exe: rec.exe, source, sources: [source], dir: "", dispose: () => undefined },
    procs: new Map(Object.entries(rec.texts).map(([pid, text]) => [Number(pid), parseStrace(text)])),
    mainPid: rec.mainPid,
    sites: new Map(rec.sites.map(([a, s]) => [a, { ...s, file: s.file === "<source>" ? source : s.file }])),
    exePath: rec.exePath,
    stdout: rec.stdout,
    stderr: "",
    timedOut: false,
    harnessKilled: new Set(rec.harnessKilled),
    ms: 0,
  };
  return { run, rec };
}
