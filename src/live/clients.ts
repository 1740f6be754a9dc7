// A client driver for the real echo server: N loopback clients send lines, wait for each
// echo, then close one by one, all at the same moment, or each as soon as it is done
// (with at most `concurrency` connected at once). Every wait is bounded.
import * as net from "node:net";

export type CloseMode = "one-by-one" | "together" | "each";

export interface ClientPlan {
  /** Loopback only: 127.x.x.x, ::1 or localhost. Default 127.0.0.1. */
  host?: string;
  port: number;
  clients: number;
  /** "each" mode: at most this many connected at once. Default: all. */
  concurrency?: number;
  /** Lines each client sends (without "\n"); it waits for each echo before the next. */
  lines: string[];
  close?: CloseMode;
  /** Close with a reset (RST) instead of an orderly FIN. */
  reset?: boolean;
  /** Stay connected this long after the last echo (lets a live view show the children). */
  holdMs?: number;
  /** Ends every hold early (the closes then go ahead as planned). */
  release?: AbortSignal;
  /** one-by-one: pause between two closes. Default 300. */
  gapMs?: number;
  /** Bound on each client's connect and each echo, and on the server's answering close. Default 5000. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface ClientResult {
  id: number;
  /** The client's own port: names its connection in the server's tables. */
  localPort?: number;
  echoed: string[];
  error?: string;
  /** The server closed its end after ours (its child read EOF and finished). */
  serverClosed: boolean;
}

export interface ClientsReport {
  results: ClientResult[];
  /** Every line of every client came back unchanged and nothing failed. */
  ok: boolean;
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sleeps ms, or less if release fires. */
function hold(ms: number, release?: AbortSignal): Promise<void> {
  if (release?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(done, ms);
    release?.addEventListener("abort", () => { clearTimeout(t); done(); }, { once: true });
  });
}

/** One connection with a receive buffer and bounded waits. */
class Client {
  readonly result: ClientResult;
  private received = "";
  private ended = false;
  private failure?: Error;
  private wake?: () => void;

  constructor(id: number, readonly socket: net.Socket, private timeoutMs: number) {
    this.result = { id, echoed: [], serverClosed: false };
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => { this.received += d; this.wake?.(); });
    socket.on("end", () => { this.ended = true; this.wake?.(); });
    socket.on("close", () => { this.ended = true; this.wake?.(); });
    socket.on("error", (e) => { this.failure = e; this.wake?.(); });
  }

  static connect(id: number, host: string, port: number, timeoutMs: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`connect timed out after ${timeoutMs} ms`)); }, timeoutMs);
      socket.once("connect", () => { clearTimeout(timer); resolve(new Client(id, socket, timeoutMs)); });
      socket.once("error", (e) => { clearTimeout(timer); reject(e); });
    });
  }

  /** Waits until cond holds, the connection fails, or the time bound passes. */
  private async until(cond: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (!cond()) {
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${this.timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((r) => { this.wake = r; setTimeout(r, Math.min(left, 100)); });
    }
  }

  /** Sends one line and waits for exactly that line to come back. */
  async exchange(line: string): Promise<string> {
    const start = this.received.length;
    this.socket.write(`${line}\n`);
    await this.until(() => this.received.indexOf("\n", start) >= 0 || this.ended, `the echo of "${line}"`);
    const nl = this.received.indexOf("\n", start);
    if (nl < 0) throw new Error(`the server closed the connection before echoing "${line}"`);
    const echo = this.received.slice(start, nl);
    this.result.echoed.push(echo);
    return echo;
  }

  /** FIN (or RST), then for a FIN wait for the server's own close. */
  async close(reset: boolean): Promise<void> {
    if (reset) {
      this.socket.resetAndDestroy();
      return;
    }
    this.socket.end();
    try {
      await this.until(() => this.ended, "the server to close its end");
      this.result.serverClosed = true;
    } finally {
      this.socket.destroy();
    }
  }
}

/** Runs the plan; never throws for a client's failure (it is in that client's result). */
export async function runClients(plan: ClientPlan): Promise<ClientsReport> {
  const host = plan.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new Error(`clients connect to loopback addresses only, not ${host}`);
  if (!Number.isInteger(plan.clients) || plan.clients < 1) throw new Error("clients must be at least 1");
  const mode = plan.close ?? "each";
  const timeoutMs = plan.timeoutMs ?? 5000;
  const log = plan.log ?? (() => undefined);
  const results: ClientResult[] = [];

  const talk = async (id: number): Promise<Client | undefined> => {
    let c: Client;
    try {
      c = await Client.connect(id, host, plan.port, timeoutMs);
    } catch (e) {
      const error = connectError(e as NodeJS.ErrnoException, host, plan.port);
      results[id - 1] = { id, echoed: [], error, serverClosed: false };
      log(`client ${id}: ${error}`);
      return undefined;
    }
    results[id - 1] = c.result;
    c.result.localPort = c.socket.localPort;
    try {
      for (const line of plan.lines) {
        const echo = await c.exchange(line);
        log(`client ${id}: sent "${line}", echoed "${echo}"`);
        if (echo !== line) c.result.error = `echo differs: sent "${line}", got "${echo}"`;
      }
      if (plan.holdMs) await hold(plan.holdMs, plan.release);
    } catch (e) {
      c.result.error = (e as Error).message;
      log(`client ${id}: ${c.result.error}`);
      c.socket.destroy();
      return undefined;
    }
    return c;
  };

  const finish = async (c: Client): Promise<void> => {
    try {
      await c.close(plan.reset ?? false);
      log(`client ${c.result.id}: ${plan.reset ? "reset" : "closed"}`);
    } catch (e) {
      c.result.error ??= (e as Error).message;
      log(`client ${c.result.id}: ${c.result.error}`);
    }
  };

  const ids = Array.from({ length: plan.clients }, (_, i) => i + 1);
  if (mode === "each") {
    const width = Math.max(1, Math.min(plan.concurrency ?? plan.clients, plan.clients));
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < ids.length) {
        const c = await talk(ids[next++]);
        if (c) await finish(c);
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
  } else {
    const open = (await Promise.all(ids.map(talk))).filter((c): c is Client => c !== undefined);
    if (mode === "together") {
      await Promise.all(open.map(finish));
    } else {
      for (const [i, c] of open.entries()) {
        if (i > 0) await sleep(plan.gapMs ?? 300);
        await finish(c);
      }
    }
  }
  const ok = results.length === plan.clients
    && results.every((r) => !r.error && r.echoed.length === plan.lines.length && r.echoed.every((e, i) => e === plan.lines[i]));
  return { results, ok };
}

function connectError(e: NodeJS.ErrnoException, host: string, port: number): string {
  if (e.code === "ECONNREFUSED") return `nothing is listening on ${host}:${port} (is the server running?)`;
  return e.message;
}
