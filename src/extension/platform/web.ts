// The web worker extension host (vscode.dev, github.dev): no node, no processes, no disk of
// its own. The model's worker is a Web Worker started from dist/worker-web.js; it gets the
// .wasm files and each program's folder read through vscode.workspace.fs. What compiles or
// runs programs for real (the echo server and clients, the live view, Compare with Linux, the
// run-for-real demos) is answered with DESKTOP_ONLY instead; the checks run their model half
// in the model's worker and say that the real half needs the desktop.
import * as vscode from "vscode";
import * as modelEntry from "../../host/model-entry";
import { runChecksInModel } from "../checks/model-half";
import type { WorkerEvents, WorkerHost, WorkerPort } from "../../host/worker-client";
import type { WebWorkerInit, WebWorkerStop } from "../../host/worker-web";
import type { FileRequest, Request, WorkerMessage } from "../../host/worker/protocol";
import { Folders } from "./folders";
import type { Platform } from "./platform";

export const DESKTOP_ONLY = "needs the desktop VS Code on Linux, where Fork Lab can compile and run it for real. "
  + "Here in the browser Fork Lab steps programs in its model: open a C file and choose Start Stepping This File.";

/** The commands that run programs for real, with what each does in a learner's words. */
const REAL_COMMANDS: Record<string, string> = {
  "forklab.server.run": "Running the echo server",
  "forklab.clients.run": "Running echo clients",
  "forklab.server.stop": "Stopping the echo server",
  "forklab.live.open": "The live view of the running server",
  "forklab.live.stop": "The live view",
  "forklab.live.compare": "Comparing the model with the live server",
  "forklab.compareWithLinux": "Compare with Linux",
};

function sayDesktopOnly(what: string): void {
  void vscode.window.showInformationMessage(`Fork Lab: ${what} ${DESKTOP_ONLY}`);
}

/**
 * The model in a Web Worker. Its script and the .wasm files are read through
 * vscode.workspace.fs (they may live in a remote or virtual file system), so the worker
 * starts from a blob: URL, and requests posted before it is up wait in order. Each program's
 * folder is read once and kept while nothing in it changes (./folders.ts).
 */
function webWorkerHost(context: vscode.ExtensionContext): WorkerHost {
  const folders = new Folders();
  context.subscriptions.push(folders);
  const dist = vscode.Uri.joinPath(context.extensionUri, "dist");
  const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, name));
  let assets: Promise<[Uint8Array, Uint8Array, Uint8Array]> | undefined;
  return {
    spawn(events: WorkerEvents, stop: SharedArrayBuffer | undefined): WorkerPort {
      assets ??= Promise.all([read("worker-web.js"), read("web-tree-sitter.wasm"), read("tree-sitter-c.wasm")]);
      let worker: Worker | undefined;
      let ended = false;
      const waiting: Array<Request | WebWorkerStop> = [];
      const post = (m: Request | WebWorkerStop) => { if (worker) worker.postMessage(m); else waiting.push(m); };
      assets.then(([script, runtime, grammar]) => {
        if (ended) return;
        const url = URL.createObjectURL(new Blob([script as Uint8Array<ArrayBuffer>], { type: "text/javascript" }));
        const w = new Worker(url, { name: "Fork Lab model" });
        worker = w;
        w.onmessage = (e: MessageEvent<WorkerMessage>) => events.message(e.data);
        w.onerror = (e) => { e.preventDefault(); events.failed(`The model stopped with an error (${e.message})`); };
        w.postMessage({ type: "init", runtime, grammar, stop } satisfies WebWorkerInit);
        for (const m of waiting.splice(0)) w.postMessage(m);
      }, (e: unknown) => events.failed(`The model could not start (${e instanceof Error ? e.message : String(e)})`));
      return {
        post,
        terminate: () => { ended = true; worker?.terminate(); },
        stop: (gen) => post({ type: "stop", gen }),
      };
    },
    prepare: async <R extends FileRequest>(req: R): Promise<R> => ({ ...req, files: await folders.files(req.file) }),
    ahead: async (file) => { await folders.files(file); },
    kept: (path) => folders.kept(path),
  };
}

/** Where a learner looks for the desktop-only features: the commands say why they are not here. */
function registerDesktopOnly(context: vscode.ExtensionContext): void {
  for (const [id, what] of Object.entries(REAL_COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => { sayDesktopOnly(what); return undefined; }));
  }
}

export const host: Platform = {
  name: "web",
  workerHost: webWorkerHost,
  model: () => modelEntry,
  live: () => { throw new Error(`the live view ${DESKTOP_ONLY}`); },
  features: [registerDesktopOnly],
  checks: runChecksInModel,
  runReal: async (_context, _id, demo) => { sayDesktopOnly(`This demo runs ${demo.example} for real; it`); return false; },
  env: () => undefined,
};
