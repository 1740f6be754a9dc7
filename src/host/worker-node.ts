// The model's worker on node (worker_threads): the editor's side starts dist/worker.js with
// workerData { wasmDir, stop }, posts Requests and hears Responses and progress events
// (src/host/worker/protocol.ts). Requests run one at a time, in order; the stop flag is shared
// memory, read between steps, so a Stop needs no free moment of this thread to arrive.
import { parentPort, workerData } from "node:worker_threads";
import type { Request } from "./worker/protocol";
import { ModelServer } from "./worker/server";
import { loadProgram } from "./load";

interface Data { wasmDir?: string; stop?: SharedArrayBuffer }

const port = parentPort;
if (!port) throw new Error("dist/worker.js runs as a worker thread");
const data = (workerData ?? {}) as Data;
const server = new ModelServer((file, text) => loadProgram(file, { wasmDir: data.wasmDir, text }),
  (m) => port.postMessage(m), data.stop ? new Int32Array(data.stop) : undefined);

let queue = Promise.resolve();
port.on("message", (req: Request) => {
  queue = queue.then(() => server.handle(req));
});
