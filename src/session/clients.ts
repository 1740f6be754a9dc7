// Scenario clients: outside processes (kind "client") that connect once the server
// listens, send lines and read their echoes, and close one by one or in groups. Each is a
// small state machine over kernel calls; none of its state lives in closures.
import { Kernel, isBlocked, AF_INET, SOCK_STREAM } from "../kernel/kernel";
import { ClientAction, ClientScript, DEFAULT_PORT } from "../contract/scenario";
import { latin1Bytes, latin1Text } from "../kernel/latin1";

/** A client the learner connects by hand waits for more lines until this (never reached) step. */
const HOLD = Number.MAX_SAFE_INTEGER;
const isHold = (a: ClientAction): boolean => "waitSteps" in a && a.waitSteps === HOLD;

export interface ClientState {
  pid: number;
  script: ClientScript;
  port: number;
  fd: number;
  /** Index of the action in progress. */
  at: number;
  phase: "waiting" | "connecting" | "idle" | "sent" | "resetting" | "done";
  /** Bytes of the echo still expected. */
  expect: number;
  received: string;
  waitUntil?: number;
  started: boolean;
  /** Blocked in the kernel: skipped until the kernel names it in takeWoken(). */
  parked?: boolean;
  /** Its place in `list` (the order clients move in). */
  idx: number;
}

export class Clients {
  readonly list: ClientState[] = [];
  closed = 0;
  finished = 0;
  /** Clients that may move now: neither done nor parked in the kernel. A step looks only at
   *  these, so clients blocked in the kernel cost nothing until the kernel wakes them. */
  private moving = new Set<ClientState>();
  private byPid = new Map<number, ClientState>();

  constructor(private k: Kernel, scripts: ClientScript[], defaultPort: number) {
    for (const script of scripts) this.add(script, defaultPort);
  }

  /** A client that joins during the session (the learner's "connect a client"). */
  add(script: ClientScript, port?: number): ClientState {
    const c: ClientState = { pid: 0, script, port: script.port ?? port ?? DEFAULT_PORT, fd: -1, at: 0, phase: "waiting", expect: 0, received: "", started: false, idx: this.list.length };
    this.list.push(c);
    this.moving.add(c);
    return c;
  }

  /** The learner's "connect a client": it sends `lines`, then holds the connection open. */
  join(lines: string[], port: number): ClientState {
    return this.add({ actions: [...lines.map((send) => ({ send })), { waitSteps: HOLD }] }, port);
  }

  /** The learner types a line into client `pid`: it goes before the client's hold or next close. */
  sendLine(pid: number, line: string): boolean {
    const c = this.list.find((x) => x.pid === pid);
    if (!c || c.phase === "done") return false;
    const acts = c.script.actions;
    let at = c.at;
    while (at < acts.length && !isHold(acts[at]) && !("close" in acts[at])) at++;
    acts.splice(at, 0, { send: line });
    if (c.waitUntil !== undefined && c.phase === "idle") c.waitUntil = undefined;
    return true;
  }

  /** The learner closes client `pid`, or every open client at the same moment (`group`). */
  closeByHand(pid: number | "all", group: string): boolean {
    let any = false;
    for (const c of this.list) {
      if (c.phase === "done" || (pid !== "all" && c.pid !== pid)) continue;
      // A client waiting for an echo closes right after it; an idle one at once.
      const from = c.phase === "sent" ? c.at + 1 : c.at;
      c.script.actions.splice(from, Infinity, pid === "all" ? { close: true, group } : { close: true });
      c.waitUntil = undefined;
      any = true;
    }
    return any;
  }

  /** Let every client do what it can now; returns whether any made progress. */
  advance(step: number): boolean {
    let progress = false;
    for (const tid of this.k.takeWoken()) {
      const c = this.byPid.get(tid);
      if (c && c.parked && c.phase !== "done") { c.parked = false; this.moving.add(c); }
    }
    if (!this.moving.size) return false;
    // In the order of the list, as a round over every client would go.
    for (const c of [...this.moving].sort((a, b) => a.idx - b.idx)) {
      for (let guard = 0; guard < 8; guard++) {
        const moved = this.advanceOne(c, step);
        if (!moved) break;
        progress = true;
      }
      // A client blocked in the kernel cannot move until the kernel wakes it.
      if (c.parked || c.phase === "done") this.moving.delete(c);
    }
    return progress;
  }

  private tid(c: ClientState): number { return c.pid; }

  private advanceOne(c: ClientState, step: number): boolean {
    const k = this.k;
    if (c.phase === "done") return false;
    if (!c.started) {
      if ((c.script.after ?? 0) > this.finished) return false;
      // A client appears once the server listens, so its connect never meets ECONNREFUSED.
      if (!k.listening(c.port)) return false;
      c.pid = k.spawn({ name: `client${this.list.indexOf(c) + 1}`, kind: "client" });
      this.byPid.set(c.pid, c);
      const r = k.socket(c.pid, AF_INET, SOCK_STREAM, 0);
      if (isBlocked(r) || r.ret < 0) { c.phase = "done"; return true; }
      c.fd = r.ret;
      c.started = true;
      c.phase = "connecting";
      return true;
    }
    if (c.phase === "connecting") {
      const r = k.connect(this.tid(c), c.fd, { host: "127.0.0.1", port: c.port });
      if (isBlocked(r)) return this.park(c);
      if (r.ret < 0) { this.finish(c); return true; } // refused: the listener went away
      c.phase = "idle";
      return true;
    }
    if (c.phase === "resetting") return this.reset(c, "");
    if (c.phase === "sent") {
      const task = k.task(this.tid(c));
      if (task && !task.runnable) return this.park(c);
      const r = k.read(this.tid(c), c.fd, 65536);
      if (isBlocked(r)) return this.park(c);
      if (r.ret <= 0) { this.finish(c); return true; }
      c.received += latin1Text(r.data ?? new Uint8Array());
      c.expect -= r.ret;
      if (c.expect <= 0) { c.phase = "idle"; c.at++; }
      return true;
    }
    // idle: the next action
    const a = c.script.actions[c.at];
    if (!a) { this.finish(c); return true; }
    if ("send" in a) {
      const line = a.send + "\n";
      const r = k.write(this.tid(c), c.fd, latin1Bytes(line));
      if (isBlocked(r)) return this.park(c);
      if (r.ret < 0) { this.finish(c); return true; }
      c.expect = (a.expect ?? line).length;
      c.phase = "sent";
      return true;
    }
    if ("reset" in a) return this.reset(c, a.reset);
    if ("waitSteps" in a) {
      c.waitUntil ??= step + a.waitSteps;
      if (step < c.waitUntil) return false;
      c.waitUntil = undefined;
      c.at++;
      return true;
    }
    // close: a group closes together, once every member is ready to close.
    if (a.group) {
      const members = this.list.filter((o) => o.script.actions.some((x) => "close" in x && x.group === a.group));
      const ready = members.every((o) => o.phase === "done" || (o.phase === "idle" && o.started && (() => { const x = o.script.actions[o.at]; return !!x && "close" in x && x.group === a.group; })()));
      if (!ready) return false;
      for (const o of members) if (o.phase !== "done") this.close(o);
      return true;
    }
    this.close(c);
    return true;
  }

  /** A reset: the line goes out, and the close comes once the answer is waiting unread. */
  private reset(c: ClientState, line: string): boolean {
    const k = this.k;
    if (c.phase === "idle") {
      const r = k.write(this.tid(c), c.fd, latin1Bytes(line + "\n"));
      if (isBlocked(r)) return this.park(c);
      if (r.ret < 0) { this.finish(c); return true; }
      c.phase = "resetting";
      return true;
    }
    // select with a zero timeout: has the answer (or the server's close) arrived?
    const r = k.select(this.tid(c), c.fd + 1, { read: [c.fd] }, 0);
    if (isBlocked(r) || r.ret === 0) return false;
    this.close(c);
    return true;
  }

  private park(c: ClientState): false {
    c.parked = true;
    return false;
  }

  private close(c: ClientState): void {
    this.k.close(this.tid(c), c.fd);
    this.finish(c);
  }

  private finish(c: ClientState): void {
    if (c.phase === "done") return;
    c.phase = "done";
    this.finished++;
    // exit closes the connection if the client did not: either way the server sees EOF.
    if (c.started) this.closed++;
    if (c.pid) this.k.exit(this.tid(c), 0);
  }

  get allDone(): boolean {
    return this.list.every((c) => c.phase === "done");
  }

  /** Clients that still wait for something the program must do. */
  get waiting(): boolean {
    return this.list.some((c) => c.phase !== "done");
  }
}
