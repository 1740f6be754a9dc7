// "Compare with Linux": runs the fidelity harness (`forklab fidelity FILE --scenario S`,
// the CLI shipped in dist/) on the session's file and shows its report in an output channel.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { Services } from "../services";
import { requireTrust } from "../trust";
import { FIDELITY_EXIT } from "../../contract/fidelity-exit";

export interface LinuxResult {
  /** `forklab fidelity`'s exit status (FIDELITY_EXIT). */
  code: number;
  report: string;
}

/** What each exit status of `forklab fidelity` means, as the learner is told. */
const VERDICTS: Record<number, string> = {
  [FIDELITY_EXIT.agree]: "the model and Linux agree",
  [FIDELITY_EXIT.differ]: "the model and Linux differ (see the report)",
  [FIDELITY_EXIT.timedOut]: "the program did not end on Linux within the time limit and was stopped: nothing was compared",
};

export function register(context: vscode.ExtensionContext, { sessions }: Services): void {
  const out = vscode.window.createOutputChannel("Fork Lab: compare with Linux");
  context.subscriptions.push(out, vscode.commands.registerCommand("forklab.compareWithLinux", async (): Promise<LinuxResult | undefined> => {
    const s = sessions.active();
    const file = s?.uri.fsPath ?? vscode.window.activeTextEditor?.document.uri.fsPath;
    if (!file?.endsWith(".c")) {
      void vscode.window.showInformationMessage("Fork Lab: open a C file (or start a session) to compare it with Linux.");
      return undefined;
    }
    if (!requireTrust("Compare with Linux compiles the program and runs it under strace")) return undefined;
    const dir = mkdtempSync(join(tmpdir(), "forklab-fidelity-"));
    const args = [vscode.Uri.joinPath(context.extensionUri, "dist", "cli.js").fsPath, "fidelity"];
    if (s) {
      const sc = join(dir, "scenario.json");
      writeFileSync(sc, JSON.stringify(s.scenario));
      args.push("--scenario", sc);
    }
    // The file after "--": a file named like an option stays a file.
    args.push("--", file);
    out.clear();
    out.show(true);
    out.appendLine(`$ forklab fidelity ${file}${s ? " (the session's scenario)" : ""}`);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Fork Lab: running the program on Linux under strace" },
      () => new Promise<LinuxResult>((resolve) => {
        execFile(process.execPath, args, { timeout: 120000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === "number" ? err.code : 2) : 0;
          resolve({ code, report: `${stdout}${stderr}` });
        });
      }));
    rmSync(dir, { recursive: true, force: true });
    out.appendLine(result.report);
    const verdict = VERDICTS[result.code] ?? "the check could not run here (see the report)";
    out.appendLine(`forklab fidelity: ${verdict}`);
    void vscode.window.showInformationMessage(`Fork Lab: ${verdict}.`);
    return result;
  }));
}
