// Run the model in this process: compile the file with the C front end and run a Session
// under the Scenario to its end, keeping every output chunk with the pid that wrote it.
// Faster than spawning `forklab run --json`, and gives per-process output bytes.

import { readFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { loadParser } from "../c/parse";
import { compileC } from "../c/load";
import type { Snapshot } from "../kernel/snapshot";
import { Session } from "../session/session";
import type { Scenario } from "../session/scenario";
import type { ModelRun } from "./model";

export interface ModelSessionOptions {
  root: string;
  /** Change the session before it runs (tests flip kernel behaviour through this). */
  prepare?: (s: Session) => void;
}

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

export async function runModelSession(file: string, scenario: Scenario, opts: ModelSessionOptions): Promise<ModelRun & { bytes: Map<number, { out: string; err: string }>; statuses: Map<number, number>; ended: string }> {
  const parser = await loadParser({
    runtime: async () => readFileSync(join(opts.root, "node_modules/web-tree-sitter/web-tree-sitter.wasm")),
    grammar: async () => readFileSync(join(opts.root, "node_modules/tree-sitter-c/tree-sitter-c.wasm")),
  });
  const dir = dirname(file);
  const readLocal = (p: string): string | undefined => {
    try {
      return readFileSync(join(dir, p), "utf8");
    } catch {
      return undefined;
    }
  };
  const { program, diagnostics } = compileC(parser, basename(file), readFileSync(file, "utf8"), readLocal);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`the model cannot run ${basename(file)}:\n${errors.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n")}`);
  const session = new RecordingSession({ program, name: basename(file, ".c"), scenario });
  opts.prepare?.(session);
  const ended = session.run();
  const final = session.snapshot();
  return {
    stdout: session.stdout(), stderr: session.stderr(), exitStatus: session.statuses.get(session.mainPid) ?? null,
    trace: session.trace, final, bytes: session.bytes, statuses: session.statuses, ended,
  };
}
