// Run the model in this process: compile the file with the C front end and run a Session
// under the Scenario to its end, keeping every output chunk with the pid that wrote it.
// Faster than spawning `forklab run --json`, and gives per-process output bytes.

import { basename, dirname, join } from "node:path";
import { loadProgram } from "../host/load";
import type { Snapshot } from "../contract/snapshot";
import { Session } from "../session/session";
import type { Scenario } from "../contract/scenario";
import type { ModelRun } from "./model";

/** Model pids in Linux's range (see KernelOptions.firstPid): a pid printed by the program is
 *  renamed (P1, P1.1...) on both sides, as numbers of three digits or more are. */
const MODEL_FIRST_PID = 20001;

/** Per-thread bytes on descriptors 1 and 2 and exit statuses, collected from every snapshot the session takes. */
class RecordingSession extends Session {
  readonly bytes = new Map<number, { out: string; err: string }>();
  readonly statuses = new Map<number, number>();
  snapshot(running?: number): Snapshot {
    const snap = super.snapshot(running);
    // A process init reaped at once (the first process, orphans) leaves no zombie behind.
    for (const e of snap.events) if (e.kind === "exit") this.statuses.set(e.pid, e.status);
    for (const c of snap.output) {
      // By thread: threads are compared one by one (the main thread's tid is the pid).
      const b = this.bytes.get(c.tid ?? c.pid) ?? { out: "", err: "" };
      if (c.fd === 1) b.out += c.text;
      else if (c.fd === 2) b.err += c.text;
      this.bytes.set(c.tid ?? c.pid, b);
    }
    return snap;
  }
}

export async function runModelSession(file: string, scenario: Scenario): Promise<ModelRun & { bytes: Map<number, { out: string; err: string }>; statuses: Map<number, number>; ended: string }> {
  const loaded = await loadProgram(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`the model cannot run ${basename(file)}:\n${errors.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n")}`);
  const session = new RecordingSession({
    program: loaded.program, name: loaded.name, scenario, loadProgram: loaded.loadProgram, readFile: loaded.readFile,
    kernel: { firstPid: MODEL_FIRST_PID },
  });
  const ended = session.run();
  const final = session.snapshot();
  // The Scenario's programs are the top-level processes started before the main one.
  const programs = (scenario.programs ?? []).map((spec) => {
    const name = basename(spec.file).replace(/\.c$/, "");
    const proc = final.processes.find((p) => p.name === name && p.kind === "program" && p.pid < session.mainPid && !final.processes.some((q) => q.pid === p.ppid && q.name === name));
    return { pid: proc?.pid ?? -1, source: join(dirname(file), spec.file) };
  });
  return {
    mainPid: session.mainPid, programs,
    stdout: session.stdout(), stderr: session.stderr(), exitStatus: session.statuses.get(session.mainPid) ?? null,
    trace: session.trace, final, bytes: session.bytes, statuses: session.statuses, ended,
  };
}
