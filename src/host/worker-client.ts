// The calling end of the model's worker (src/host/worker/protocol.ts), on any platform: the
// extension host's thread never runs the model, it sends requests and hears answers (the
// benchmarks use it too). A WorkerHost starts the worker itself: a worker_threads worker on
// node (worker-node-host.ts), a Web Worker on the web (src/extension/platform/web.ts). A Stop
// raises a shared flag the worker reads between steps (where memory cannot be shared, it is
// a message the worker lets in between slices of a long command), and the worker says at
// once that it saw it. One that says nothing in time (one step that never ends) is
// terminated and a new one replays every session's recorded actions, so nothing the learner
// saw is lost; one that saw the Stop is only slow, and its answer is waited for.
import type { Snapshot } from "../contract/snapshot";
import type { Scenario } from "../contract/scenario";
import {
  CheckRequest, Command, FileRequest, OpenRequest, ProgressEvent, Request, Response, STOP_SLOT, Update, WorkerMessage,
} from "./worker/protocol";

const RESTARTED = "stopped: the model was restarted";

/**
 * How long a Stop waits for the worker to say it saw the Stop before it restarts it. A live
 * worker reads the flag between steps and every few thousand instructions, so it answers
 * within milliseconds on an idle machine; a loaded one (a CI box at load 20 on 2 cores, a
 * major garbage collection of a long run's history) can keep it off the CPU for a second or
 * more, and a restart then costs a replay of every step made. Only a worker that never
 * looks (or never gets a turn for the stop message) goes past this.
 */
export const STOP_GRACE_MS = 5000;

type Pending = { req: Request; resolve: (r: Response) => void; progress?: (e: ProgressEvent) => void };
export type OpenInput = Omit<OpenRequest, "type" | "id">;
export type DoneResponse = Extract<Response, { type: "done" }>;
export type CheckInput = Omit<CheckRequest, "type" | "id" | "files">;
export type CheckedResponse = Extract<Response, { type: "checked" }>;

/** A running worker, as the client drives it. */
export interface WorkerPort {
  post(m: Request): void;
  terminate(): void;
  /** Tells the worker the new stop generation as a message: a port has it where its worker
   *  may not share the stop flag's memory (a Web Worker), and gets every Stop. */
  stop?(gen: number): void;
}

/** What a worker says back: messages, or that it failed (why, in a learner's words). */
export interface WorkerEvents {
  message(m: WorkerMessage): void;
  failed(why: string): void;
}

/** How a platform starts the model's worker. */
export interface WorkerHost {
  /** Starts one; `stop` is the shared stop flag's memory (absent where it cannot be shared). */
  spawn(events: WorkerEvents, stop: SharedArrayBuffer | undefined): WorkerPort;
  /** Completes a request that names a program before it is sent (a Web Worker gets the program's folder). */
  prepare?<R extends FileRequest>(req: R): Promise<R>;
  /** Reads ahead what prepare() will need for a request naming `file` (the web's folder reading),
   *  so that request finds it read; resolves once it is. */
  ahead?(file: string): Promise<void>;
  /** A file of a folder prepare() read and keeps (the web), as it was read: no round trip.
   *  Undefined when the folder is not kept (read it yourself); the promise gives undefined
   *  when the kept folder has no such file. */
  kept?(path: string): Promise<Uint8Array | undefined> | undefined;
}

/** Memory the worker can read while it runs: only where the platform allows it (a browser
 *  page that is not cross-origin isolated has no SharedArrayBuffer). */
const canShare = typeof SharedArrayBuffer === "function";

export interface WorkerHooks {
  /** Every open session, to replay in a new worker. */
  reopen(): OpenInput[];
  /** A replayed session's answer (its update brings the editor's copy up to date). */
  reopened(session: string, update: Update | undefined): void;
  /** Say something to the learner (the worker had to be restarted). */
  tell(text: string): void;
}

/** The window's one model worker (the stepping feature makes it), for other features. */
export function modelWorker(): ModelWorker {
  if (!ModelWorker.latest) throw new Error("the model worker is not set up: the stepping feature registers first");
  return ModelWorker.latest;
}

export class ModelWorker {
  /** The worker made last (the extension makes one per window). */
  static latest: ModelWorker | undefined;
  private worker: WorkerPort | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stopFlag = new Int32Array(canShare ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  /** Requests reach the worker in the order sent, also when one waits for prepare(). */
  private posting: Promise<void> = Promise.resolve();
  private stopGen = 0;
  /** The newest stop generation the worker said it saw (stopSeen). */
  private stopSeen = 0;
  /** A restart's replay, which requests sent meanwhile wait for. */
  private restarting: Promise<void> | undefined;
  /** The warm request, once sent (one per window: a worker restarted later is not warmed again). */
  private warming: Promise<boolean> | undefined;
  /** The worker answered the warm request: its parser is loaded and its code has run. */
  warmed = false;

  /** @param stopGraceMs how long a Stop waits for the worker to see it before it restarts the worker. */
  constructor(private readonly host: WorkerHost, private readonly hooks: WorkerHooks, private readonly stopGraceMs = STOP_GRACE_MS) {
    ModelWorker.latest = this;
  }

  /** Requests sent and not answered that run the program (what a Stop interrupts). */
  get running(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.req.type === "act") n++;
    return n;
  }

  open(input: OpenInput): Promise<Extract<Response, { type: "opened" | "failed" }>> {
    return this.send({ ...input, type: "open", id: 0 }) as Promise<Extract<Response, { type: "opened" | "failed" }>>;
  }

  /** Runs a command; the update is missing when the worker failed or was restarted meanwhile. */
  async act(session: string, command: Command, progress?: (e: ProgressEvent) => void): Promise<{ outcome: DoneResponse["outcome"]; update?: Update }> {
    const r = await this.send({ type: "act", id: 0, session, command, stopGen: this.stopGen }, progress);
    if (r.type === "done") return { outcome: r.outcome, update: r.update };
    return { outcome: { ok: false, message: r.type === "failed" ? r.message : `unexpected answer ${r.type}`, stopped: r.type === "failed" && r.message === RESTARTED } };
  }

  async clients(session: string): Promise<Array<{ pid: number; phase: string }>> {
    const r = await this.send({ type: "clients", id: 0, session });
    return r.type === "clients" ? r.clients : [];
  }

  /** `file` run in the model until every process blocks or ends. */
  async atRest(file: string, scenario: Scenario): Promise<{ snapshot: Snapshot; mainPid: number }> {
    const r = await this.send({ type: "atRest", id: 0, file, scenario, maxSteps: 100_000 });
    if (r.type === "atRest") return { snapshot: r.snapshot, mainPid: r.mainPid };
    throw new Error(r.type === "failed" ? r.message : `unexpected answer ${r.type}`);
  }

  /** The model half of an exercise's checks on `input.file`. */
  async check(input: CheckInput): Promise<CheckedResponse> {
    const r = await this.send({ ...input, type: "check", id: 0 });
    if (r.type === "checked") return r;
    throw new Error(r.type === "failed" ? r.message : `unexpected answer ${r.type}`);
  }

  /**
   * Gets ready for the first open before it is asked for: starts the worker, which loads the
   * parser and compiles and steps a small program (protocol.ts "warm"). Resolves true once it
   * has; false when it failed or a restart answered it. The same promise every call.
   */
  warm(): Promise<boolean> {
    this.warming ??= this.send({ type: "warm", id: 0 }).then((r) => (this.warmed = r.type === "warmed"));
    return this.warming;
  }

  /** Gets ready for an open of `file`: the worker warm and what the platform reads for it
   *  (the web's folder) read ahead. Resolves once both are (a failure only means the open
   *  does that work itself). */
  async ahead(file: string): Promise<void> {
    await Promise.all([this.warm(), this.host.ahead?.(file).catch(() => undefined)]);
  }

  /** `path` from a folder the platform read for the worker and keeps (WorkerHost.kept). */
  kept(path: string): Promise<Uint8Array | undefined> | undefined {
    return this.host.kept?.(path);
  }

  close(session: string): void {
    if (this.worker) void this.send({ type: "close", id: 0, session });
  }

  /**
   * Stops what runs now and what waits behind it. Resolves once the worker answered
   * ("stopped": a worker that said it saw the Stop is waited for, however long its answer
   * takes), or, when it said nothing within the grace, once the old worker is gone and every
   * waiting request is answered as stopped ("restarted"; the new worker's replay goes on
   * after, and requests sent meanwhile wait for it); "idle" when nothing ran.
   */
  async stop(): Promise<"idle" | "stopped" | "restarted"> {
    if (!this.running) return "idle";
    const waiting = [...this.pending.entries()].filter(([, p]) => p.req.type === "act").map(([id]) => id);
    const gen = ++this.stopGen;
    Atomics.store(this.stopFlag, STOP_SLOT, gen);
    this.worker?.stop?.(gen);
    const deadline = Date.now() + this.stopGraceMs;
    while (waiting.some((id) => this.pending.has(id))) {
      if (this.stopSeen < gen && Date.now() >= deadline) {
        void this.restart(`The model did not answer Stop within ${this.stopGraceMs / 1000} s (one step that never ends), so Fork Lab restarted it and replayed the session up to the last step it had recorded.`);
        return "restarted";
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return "stopped";
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): WorkerPort {
    // Only the worker in use is heard: a terminated one may still say something.
    let port: WorkerPort | undefined = undefined;
    port = this.host.spawn({
      message: (m) => { if (this.worker === port) this.receive(m); },
      failed: (why) => { if (this.worker === port) void this.restart(`${why}; Fork Lab restarted it and replayed the session.`); },
    }, canShare ? this.stopFlag.buffer as SharedArrayBuffer : undefined);
    return port;
  }

  /** Posts `req` after every request sent before it (one naming a program is prepared first). */
  private postInOrder(req: Request): void {
    const prepare = this.host.prepare;
    if ((req.type !== "open" && req.type !== "check") || !prepare) {
      this.posting = this.posting.then(() => this.postNow(req));
      return;
    }
    const ready = prepare(req).catch((e: unknown) => e instanceof Error ? e : new Error(String(e)));
    this.posting = this.posting.then(async () => {
      const r = await ready;
      if (r instanceof Error) this.receive({ type: "failed", id: req.id, message: r.message });
      else this.postNow(r);
    });
  }

  private postNow(req: Request): void {
    if (!this.pending.has(req.id)) return; // answered meanwhile (a restart)
    this.worker ??= this.start();
    this.worker.post(req);
  }

  private async send(req: Request, progress?: (e: ProgressEvent) => void): Promise<Response> {
    if (this.restarting) await this.restarting;
    const id = this.nextId++;
    const full = { ...req, id } as Request;
    return new Promise<Response>((resolve) => {
      this.pending.set(id, { req: full, resolve, progress });
      this.postInOrder(full);
    });
  }

  private receive(m: WorkerMessage): void {
    if (m.type === "stopSeen") { this.stopSeen = Math.max(this.stopSeen, m.stopGen); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "progress") { p.progress?.(m); return; }
    this.pending.delete(m.id);
    p.resolve(m);
  }

  /** A new worker in place of the old: every waiting request is answered as stopped, every
   *  session is opened again with its recorded actions. */
  private restart(why: string): Promise<void> {
    if (this.restarting) return this.restarting;
    const old = this.worker;
    this.worker = undefined;
    old?.terminate();
    for (const [id, p] of this.pending) p.resolve({ type: "failed", id, message: RESTARTED });
    this.pending.clear();
    this.hooks.tell(why);
    const replay = async () => {
      for (const input of this.hooks.reopen()) {
        const id = this.nextId++;
        const r = await new Promise<Response>((resolve) => {
          const req: Request = { ...input, type: "open", id };
          this.pending.set(id, { req, resolve });
          this.postInOrder(req);
        });
        this.hooks.reopened(input.session, r.type === "opened" ? r.update : undefined);
      }
    };
    this.restarting = replay().finally(() => { this.restarting = undefined; });
    return this.restarting;
  }
}
