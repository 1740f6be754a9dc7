// `forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]`: run a C file through
// the model to the end and print the per-process syscall trace and the final tables, or
// (--json) one object {stdout, stderr, exitStatus, trace, final}.
import { Session } from "../session/session";
import { Scenario } from "../contract/scenario";
import { loadSession } from "../host/load";
import { readScenario } from "../host/scenario";

export async function run(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--scenario" && args[i - 1] !== "--max-steps");
  if (!file) { console.error("usage: forklab run FILE.c [--scenario S.json] [--json] [--max-steps N]"); return 2; }
  const opt = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const scenPath = opt("--scenario");
  const scenario: Scenario = scenPath ? readScenario(scenPath) : {};
  const max = opt("--max-steps");
  const json = args.includes("--json");
  const { session, errors, warnings } = await loadSession(file, scenario, { maxSteps: max ? +max : undefined });
  for (const e of [...errors, ...warnings]) process.stderr.write(e + "\n");
  if (!session) return 1;
  const ended = session.run();
  const final = session.snapshot();
  const exitStatus = mainStatus(session);
  if (json) {
    console.log(JSON.stringify({ stdout: session.stdout(), stderr: session.stderr(), exitStatus, trace: session.trace, final, ended, notes: session.machine.notes }));
    return 0;
  }
  const byPid = new Map<number, string[]>();
  for (const e of session.trace) {
    const lines = byPid.get(e.pid) ?? [];
    lines.push(`  line ${String(e.line).padStart(4)}  ${e.call}(${e.args.join(", ")}) = ${e.ret}${e.errno ? ` ${e.errno}` : ""}`);
    byPid.set(e.pid, lines);
  }
  for (const [pid, lines] of byPid) console.log(`process ${pid}:\n${lines.join("\n")}`);
  for (const n of session.machine.notes) console.log(`note (pid ${n.pid}, line ${n.line}): ${n.text}`);
  console.log(`\n${ended} after ${session.steps} steps`);
  console.log(`exit status: ${exitStatus ?? "(still running)"}`);
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

function mainStatus(s: Session): number | null {
  return s.mainStatus ?? null;
}
