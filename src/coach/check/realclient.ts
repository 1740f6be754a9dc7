// A scripted client for the real half: node's own TCP socket on loopback, playing the
// same parts as the session's Scenario clients (send and wait for the answer, stay
// silent, close, reset).

import { connect, type Socket } from "node:net";

export class RealClient {
  received = "";
  /** The server closed its side (read returned 0), or the connection failed. */
  ended = false;
  error?: string;
  private waiters: Array<() => void> = [];

  private constructor(private readonly sock: Socket) {
    sock.setEncoding("latin1");
    sock.on("data", (d: string) => { this.received += d; this.wake(); });
    sock.on("end", () => { this.ended = true; this.wake(); });
    sock.on("error", (e) => { this.error = e.message; this.ended = true; this.wake(); });
  }

  static open(port: number, ms = 3000): Promise<RealClient> {
    return new Promise((resolve, reject) => {
      const sock = connect({ host: "127.0.0.1", port });
      const timer = setTimeout(() => { sock.destroy(); reject(new Error(`connect to 127.0.0.1:${port} took over ${ms} ms`)); }, ms);
      sock.once("connect", () => { clearTimeout(timer); resolve(new RealClient(sock)); });
      sock.once("error", (e) => { clearTimeout(timer); reject(e); });
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `bytes` more bytes have come (from `from`), the server closed, or ms passed. */
  private async until(from: number, bytes: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.received.length - from < bytes && !this.ended && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, deadline - Date.now());
        this.waiters.push(() => { clearTimeout(t); r(); });
      });
    }
  }

  /** Sends a line and waits for an answer of `bytes` bytes; returns what came back for it. */
  async ask(line: string, bytes: number, ms: number): Promise<string> {
    const from = this.received.length;
    if (!this.ended) this.sock.write(line + "\n");
    await this.until(from, bytes, ms);
    return this.received.slice(from);
  }

  /** Sends a line and, once the answer begins, closes abortively: the server sees an RST. */
  async reset(line: string, ms: number): Promise<void> {
    const from = this.received.length;
    this.sock.write(line + "\n");
    await this.until(from, 1, ms);
    this.sock.resetAndDestroy();
  }

  /** An orderly close (FIN). */
  close(): void {
    this.sock.end();
    this.sock.destroySoon();
  }

  destroy(): void {
    this.sock.destroy();
  }
}
