// The model's worker in a browser: a Web Worker the web extension starts
// (src/extension/platform/web.ts). Its first message brings the two .wasm files (a Web
// Worker reads no files) and, where memory can be shared, the stop flag; every later one is
// a Request of src/host/worker/protocol.ts, answered as the node worker answers it, or a
// stop (where memory cannot be shared: long commands then run in slices, so it gets in).
// The program's folder comes with each open request (OpenRequest.files).
import { loadParser } from "../c/parse";
import { programFrom } from "./program";
import { STOP_SLOT } from "./worker/protocol";
import type { Request, WorkerMessage } from "./worker/protocol";
import { ModelServer } from "./worker/server";

/** The first message: what node's worker gets as workerData. */
export interface WebWorkerInit {
  type: "init";
  runtime: Uint8Array;
  grammar: Uint8Array;
  stop?: SharedArrayBuffer;
}

/** A Stop, where the stop flag cannot be shared memory: the new stop generation. */
export interface WebWorkerStop { type: "stop"; gen: number }

/** How often a long command lets a stop message in, where memory cannot be shared. */
export const SLICE_MS = 25;

/** The parts of a dedicated worker's global scope used here (no WebWorker lib in tsconfig). */
interface WorkerScope {
  postMessage(m: WorkerMessage): void;
  onmessage: ((e: { data: WebWorkerInit | WebWorkerStop | Request }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
let server: ModelServer | undefined;
let queue = Promise.resolve();
/** The stop flag when it is not shared: set by stop messages, read by the server between steps. */
const ownStop = new Int32Array(1);

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === "stop") { Atomics.store(ownStop, STOP_SLOT, m.gen); return; }
  if (m.type === "init") {
    const wasm = { runtime: async () => m.runtime, grammar: async () => m.grammar };
    server = new ModelServer(async (file, text, files) => {
      const parser = await loadParser(wasm);
      const read = (p: string) => files?.[p];
      const source = text ?? (files?.[file] ? new TextDecoder().decode(files[file]) : undefined);
      if (source === undefined) throw new Error(`${file} was not sent to the model`);
      return programFrom(parser, file, source, read);
    }, (msg) => scope.postMessage(msg), m.stop ? new Int32Array(m.stop) : ownStop, undefined, m.stop ? undefined : SLICE_MS);
    return;
  }
  const s = server;
  if (!s) { scope.postMessage({ type: "failed", id: m.id, message: "the model's worker was not initialised" }); return; }
  queue = queue.then(() => s.handle(m));
};
