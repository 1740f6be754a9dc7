// The desktop's check runner: `forklab check --json` (dist/cli.js) in a child process, never
// in the editor's thread; both halves where the real half can run (Linux, a trusted
// workspace), else the model half with the reason.
import { spawn } from "node:child_process";
import { join } from "node:path";
import * as vscode from "vscode";
import type { CheckRunner, JsonReport } from "./runner";

/** Where the real half cannot run, why. */
function noRealHalf(): string | undefined {
  if (process.platform !== "linux") return "the real half of the checks needs Linux (here: the model only)";
  if (!vscode.workspace.isTrusted) return "the real half of the checks compiles and runs your server, so it needs a trusted workspace (here: the model only)";
  return undefined;
}

export const runChecksInCli: CheckRunner = async (context, job, out, token) => {
  const why = noRealHalf();
  const cli = join(context.extensionPath, "dist", "cli.js");
  const args = [cli, "check", job.file, "--exercise", job.exercise, "--json", "--only", job.only.join(",")];
  if (why) args.push("--model-only");
  const text = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => out(d));
    // Cancel: the CLI's end closes its reaper's channel, which kills the server's group.
    const stop = token.onCancellationRequested(() => child.kill("SIGTERM"));
    child.on("close", () => { stop.dispose(); resolve(stdout); });
    child.on("error", (e) => { stop.dispose(); out(`${e.message}\n`); resolve(""); });
  });
  let report: JsonReport | undefined;
  try { report = JSON.parse(text) as JsonReport; } catch { report = undefined; }
  return { report, noRealHalf: why };
};
