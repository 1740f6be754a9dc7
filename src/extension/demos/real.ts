// Demos that run for real (walkthroughs/lessons.json "demos"): compile an example with cc
// and run it in a terminal the learner watches; "clients" starts two echo clients against
// the real server on the configured loopback address and port.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import { exampleUri } from "../session/examples";
import { requireTrust } from "../trust";
import type { RealDemo } from "../platform/platform";


const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** The shell line that builds an example (with csapp.c when it includes csapp.h) into a temporary binary. */
function build(source: string): { line: string; binary: string } {
  const name = source.replace(/^.*\//, "").replace(/\.c$/, "");
  const binary = join(tmpdir(), `forklab-${name}`);
  const cc = vscode.workspace.getConfiguration("forklab").get<string>("compiler", "cc");
  const csapp = readFileSync(source, "utf8").includes("\"csapp.h\"") ? ` ${quote(join(dirname(source), "csapp.c"))}` : "";
  // Absolute paths (source is a file's fsPath): never read by cc as an option.
  return { line: `${quote(cc)} -Wall -g ${quote(source)}${csapp} -o ${quote(binary)} -lpthread`, binary };
}

export async function runReal(context: vscode.ExtensionContext, id: string, d: RealDemo): Promise<boolean> {
  if (!requireTrust("this demo compiles and runs the example for real")) return false;
  const uri = await exampleUri(context, d.example);
  if (!uri) {
    void vscode.window.showErrorMessage(`Fork Lab: the demo needs ${d.example}, which is not here.`);
    return false;
  }
  const { line, binary } = build(uri.fsPath);
  const cwd = dirname(uri.fsPath);
  if (id === "clients") {
    const c = vscode.workspace.getConfiguration("forklab");
    const address = c.get<string>("server.address", "127.0.0.1");
    const port = c.get<number>("server.port", 15213);
    for (const n of [1, 2]) {
      const t = vscode.window.createTerminal({ name: `Fork Lab: echo client ${n}`, cwd });
      t.sendText(`${line} && ${quote(binary)} ${quote(address)} ${port}`);
      t.show(n === 1);
    }
  } else {
    const t = vscode.window.createTerminal({ name: `Fork Lab: ${d.example}`, cwd });
    t.sendText(`${line} && ${quote(binary)}`);
    t.show();
  }
  void vscode.window.showInformationMessage(`Fork Lab: ${d.what}`);
  return true;
}
