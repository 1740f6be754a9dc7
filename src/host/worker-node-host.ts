// The model's worker on node: dist/worker.js (src/host/worker-node.ts) in a worker_threads
// worker, given the folder of the .wasm files and the shared stop flag as its workerData.
// The extension's desktop host, the benchmarks and the unit tests start it through here.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { WorkerHost } from "./worker-client";
import type { WorkerMessage } from "./worker/protocol";

/** `distDir` holds worker.js and the two .wasm files. */
export function nodeWorkerHost(distDir: string): WorkerHost {
  return {
    spawn(events, stop) {
      const w = new Worker(join(distDir, "worker.js"), { workerData: { wasmDir: distDir, stop } });
      w.on("message", (m: WorkerMessage) => events.message(m));
      w.on("error", (e) => events.failed(`The model stopped with an error (${e.message})`));
      w.on("exit", (code) => events.failed(`The model's worker ended (exit code ${code})`));
      return { post: (m) => w.postMessage(m), terminate: () => void w.terminate() };
    },
  };
}
