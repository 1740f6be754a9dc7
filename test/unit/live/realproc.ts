// Helpers for tests that run real programs: compile once per test run, start a program in
// its own process group, wait (bounded) for a condition, and end the whole group.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stopGroup } from "../../../src/live/stop";
export { freePort } from "../../../src/host/ports";
import { waitFor } from "../../wait";
export { waitFor };

export const ROOT = resolve(__dirname, "../../..");
const outDir = join(tmpdir(), `forklab-live-test-${process.pid}`);

/** cc -o NAME sources... (paths relative to the repository); returns the binary. */
export function compile(name: string, sources: string[]): string {
  mkdirSync(outDir, { recursive: true });
  const bin = join(outDir, name);
  execFileSync("cc", ["-g", "-O0", "-o", bin, ...sources.map((s) => join(ROOT, s))], { stdio: "pipe" });
  return bin;
}

/** A real program started as the leader of its own process group. */
export class Program {
  readonly child: ChildProcess;
  stdout = "";
  exited = false;

  constructor(bin: string, args: string[]) {
    this.child = spawn(bin, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.setEncoding("latin1").on("data", (d: string) => { this.stdout += d; });
    this.child.stderr!.resume();
    this.child.on("exit", () => { this.exited = true; });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Ends the whole group and waits until no process of it is left in /proc. */
  async stop(): Promise<void> {
    const r = await stopGroup(this.pid, 1000);
    if (!r.ok) throw new Error(r.message);
    await waitFor(() => this.exited, "the program to exit");
  }
}
