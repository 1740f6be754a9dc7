// The model's Web Worker bundle (dist/worker-web.js, what the web extension starts) run in a
// bare script context that has only a worker's globals (postMessage, onmessage; no require,
// no process) and no shared memory: the stop flag is then a message, as in a browser page
// that is not cross-origin isolated. The same thread runs it, so a long command gives the
// caller a turn only between its slices, as a Web Worker lets a message in only then.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import type { WorkerHost } from "../../../../src/host/worker-client";
import type { FolderFiles, WorkerMessage } from "../../../../src/host/worker/protocol";
import type { WebWorkerStop } from "../../../../src/host/worker-web";

const DIST = join(__dirname, "..", "..", "..", "..", "dist");

export interface WebBundle {
  /** What the page posts to the worker (its onmessage, called now). */
  post(data: unknown): void;
  /** Bytes as a real postMessage delivers them: arrays of the worker's own realm. */
  ownBytes(b: Uint8Array): Uint8Array;
}

/** Every regular file of `dir` by path, as the web extension sends a program's folder. */
export function folder(dir: string): FolderFiles {
  const files: FolderFiles = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isFile()) files[p] = readFileSync(p);
  }
  return files;
}

/** Starts the bundle (its init message sent); `heard` gets what it posts. */
export function webBundle(heard: (m: WorkerMessage) => void): WebBundle {
  const scope: Record<string, unknown> = {
    postMessage: heard,
    TextDecoder, TextEncoder, WebAssembly, URL, console, performance, setTimeout, clearTimeout, queueMicrotask, structuredClone,
  };
  const context = vm.createContext(scope);
  vm.runInContext(readFileSync(join(DIST, "worker-web.js"), "utf8"), context, { filename: "worker-web.js" });
  const ownBytes = (b: Uint8Array): Uint8Array => (vm.runInContext("Uint8Array", context) as typeof Uint8Array).from(b);
  assert.equal(typeof scope.onmessage, "function", "the bundle listens for messages");
  const post = (data: unknown) => (scope.onmessage as (e: { data: unknown }) => void)({ data });
  post({ type: "init", runtime: ownBytes(readFileSync(join(DIST, "web-tree-sitter.wasm"))), grammar: ownBytes(readFileSync(join(DIST, "tree-sitter-c.wasm"))) });
  return { post, ownBytes };
}

/** A WorkerHost that starts the bundle, as src/extension/platform/web.ts starts a Web Worker
 *  (the shared stop flag it is offered is not passed on: a Stop is a message). */
export function webBundleHost(): WorkerHost {
  return {
    spawn(events) {
      let ended = false;
      // As a real worker's messages: later, and copied.
      const b = webBundle((m) => setTimeout(() => { if (!ended) events.message(structuredClone(m)); }, 0));
      const own = (files: FolderFiles) => Object.fromEntries(Object.entries(files).map(([p, bytes]) => [p, b.ownBytes(bytes)]));
      return {
        post: (m) => { if (!ended) b.post(m.type === "open" && m.files ? { ...m, files: own(m.files) } : m); },
        // A context cannot be ended: a stop no generation reaches ends what it runs instead.
        terminate: () => { b.post({ type: "stop", gen: 2 ** 31 - 1 } satisfies WebWorkerStop); ended = true; },
        stop: (gen) => { if (!ended) b.post({ type: "stop", gen } satisfies WebWorkerStop); },
      };
    },
    prepare: async (req) => ({ ...req, files: folder(join(req.file, "..")) }),
  };
}
