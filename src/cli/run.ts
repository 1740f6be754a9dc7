// `forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]`: run a C file through
// the model to the end and print the per-process syscall trace and the final tables, or
// (--json) one object {stdout, stderr, waitStatus, exitCode or signal, trace, final}.
// Exit status: 0 when the model ran it, 1 when the program cannot run (a syntax or compile
// error, a missing header: then nothing runs at all), 2 for a usage error.
import { existsSync, statSync } from "node:fs";
import { Scenario } from "../contract/scenario";
import { syscallText } from "../contract/syscalltext";
import { loadSession } from "../host/load";
import { readScenario } from "../host/scenario";
import { statusFields, statusWords } from "./status";

const USAGE = "usage: forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]";

interface RunArgs { file: string; scenario?: string; json: boolean; maxSteps?: number }

/** The arguments, or why they are not usable. A lone `--` ends the options (a file may be named -x.c). */
export function parseRunArgs(args: string[]): RunArgs | string {
  let file: string | undefined;
  let scenario: string | undefined;
  let maxSteps: number | undefined;
  let json = false;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (options && a === "--") { options = false; continue; }
    if (options && a.startsWith("-")) {
      if (a === "--json") { json = true; continue; }
      if (a !== "--scenario" && a !== "--max-steps") return `unknown option ${a}`;
      const v = args[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === "--scenario") scenario = v;
      else if (!/^[1-9]\d*$/.test(v) || !Number.isSafeInteger(+v)) return `--max-steps: expected a positive whole number, not ${JSON.stringify(v)}`;
      else maxSteps = +v;
      continue;
    }
    if (file !== undefined) return `one C file at a time (got ${file} and ${a})`;
    file = a;
  }
  if (file === undefined) return "no C file given";
  return { file, scenario, json, maxSteps };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseRunArgs(args);
  if (typeof parsed === "string") { console.error(`forklab run: ${parsed}\n${USAGE}`); return 2; }
  const { file, json } = parsed;
  if (!existsSync(file) || !statSync(file).isFile()) { console.error(`forklab run: ${file}: no such file\n${USAGE}`); return 2; }
  const scenario: Scenario = parsed.scenario ? readScenario(parsed.scenario) : {};
  const { session, errors, warnings } = await loadSession(file, scenario, { maxSteps: parsed.maxSteps });
  for (const e of [...errors, ...warnings]) process.stderr.write(e + "\n");
  // A program with errors does not run at all (as cc would refuse to build it).
  if (errors.length || !session) {
    console.error(`forklab run: ${file} cannot run: ${errors.length} error${errors.length === 1 ? "" : "s"}${session ? "" : " (no main to run)"}`);
    return 1;
  }
  const ended = session.run();
  const final = session.snapshot();
  const status = session.mainStatus;
  if (json) {
    console.log(JSON.stringify({ stdout: session.stdout(), stderr: session.stderr(), ...statusFields(status), trace: session.trace, final, ended, notes: session.machine.notes }));
    return 0;
  }
  const byPid = new Map<number, string[]>();
  for (const e of session.trace) {
    const lines = byPid.get(e.pid) ?? [];
    lines.push(`  line ${String(e.line).padStart(4)}  ${syscallText(e)}`);
    byPid.set(e.pid, lines);
  }
  for (const [pid, lines] of byPid) console.log(`process ${pid}:\n${lines.join("\n")}`);
  for (const n of session.machine.notes) console.log(`note (pid ${n.pid}, line ${n.line}): ${n.text}`);
  console.log(`\n${ended} after ${session.steps} steps`);
  console.log(`main process: ${statusWords(status)}`);
  console.log("\nprocesses:");
  for (const p of final.processes) console.log(`  ${p.pid} ${p.name} ${p.kind} ${p.state}${p.blockedOn ? ` in ${p.blockedOn}` : ""} fds=[${p.fds.map((f) => f ?? "-").join(",")}]`);
  console.log("open files:");
  for (const f of final.files) console.log(`  #${f.id} refcount=${f.refcount} offset=${f.offset} ${f.flags.join("|")} -> object ${f.object}`);
  console.log("objects:");
  for (const o of final.objects) console.log(`  ${o.id} ${o.kind} refs=${o.refs}`);
  console.log("\nstdout:\n" + session.stdout());
  if (session.stderr()) console.log("stderr:\n" + session.stderr());
  return 0;
}
