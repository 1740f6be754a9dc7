// `forklab bench kernel`: the model's cost of fork+exit+waitpid, a 1-byte pipe write+read
// and dup+close next to the real kernel's (src/bench/kernel.c, compiled with cc -O2 into a
// temp dir), and the memory a history of 10,000 snapshots of a 100-process run takes.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { Bench, Figure } from "./figure";
import { AF_INET, isBlocked, Kernel, SOCK_STREAM, SysResult, WNOHANG } from "../kernel/kernel";
import type { Snapshot } from "../contract/snapshot";

const FORKS = 20000;
const LOOPS = 200000;

function perIteration(n: number, body: () => void): number {
  for (let i = 0; i < Math.min(n, 1000); i++) body(); // warm up the JIT
  const t0 = performance.now();
  for (let i = 0; i < n; i++) body();
  return ((performance.now() - t0) * 1000) / n;
}

function modelCosts(): Record<string, number> {
  const k = new Kernel();
  const pid = k.spawn({ name: "bench" });
  const forkExitWait = perIteration(FORKS, () => {
    const c = k.fork(pid);
    if (isBlocked(c)) throw new Error("fork blocked");
    k.exit(c.ret, 0);
    k.waitpid(pid, c.ret, 0);
    k.takeEvents(); // a session takes the events every step
  });
  const p = k.pipe(pid);
  if (isBlocked(p) || !p.fds) throw new Error("pipe failed");
  const [r, w] = p.fds;
  const byte = new Uint8Array([120]);
  const pipeRw = perIteration(LOOPS, () => {
    k.write(pid, w, byte);
    k.read(pid, r, 1);
    k.takeEvents();
  });
  const dupClose = perIteration(LOOPS, () => {
    const d = k.dup(pid, r);
    if (!isBlocked(d)) k.close(pid, d.ret);
    k.takeEvents();
  });
  return { fork_exit_wait: forkExitWait, pipe_rw: pipeRw, dup_close: dupClose };
}

/** The C source next to this module (src/bench) or, from the bundle in dist/, under src/bench. */
function cSource(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const f of [join(dir, "kernel.c"), join(dir, "src", "bench", "kernel.c")]) if (existsSync(f)) return f;
    if (dirname(dir) === dir) throw new Error("src/bench/kernel.c not found");
  }
}

function linuxCosts(): Record<string, number> {
  const tmp = mkdtempSync(join(tmpdir(), "forklab-bench-kernel-"));
  try {
    const bin = join(tmp, "kernel-bench");
    execFileSync("cc", ["-O2", "-o", bin, cSource()], { stdio: ["ignore", "ignore", "inherit"] });
    const out = execFileSync(bin, ["2000", String(LOOPS)], { encoding: "utf8" });
    const costs: Record<string, number> = {};
    for (const line of out.trim().split("\n")) {
      const [name, us] = line.split(" ");
      costs[name] = Number(us);
    }
    return costs;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function collectGarbage(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/**
 * A 100-process run of 10,000 steps with a snapshot kept after every step: the forking
 * echo server with 99 children, one per client connection (so 100 server processes plus
 * the clients). Each step runs one call of one task, round robin: a client sends a line or
 * reads its echo, a child reads a line and writes it back; now and then a client leaves,
 * its child sees EOF and exits, the parent reaps it and accepts the next client.
 */
export function historyRun(steps: number, keep: Snapshot[]): void {
  const k = new Kernel();
  const server = k.spawn({ name: "echoserverp", stdout: { pipe: true } });
  const ls = ret(k.socket(server, AF_INET, SOCK_STREAM));
  ret(k.bind(server, ls, { host: "0.0.0.0", port: 15213 }));
  ret(k.listen(server, ls, 1024));
  const line = new TextEncoder().encode("hello, echo server\n");
  const lines = new Map<number, number>();
  const clientFd = new Map<number, number>();
  const childFd = new Map<number, number>();
  const connect = (): void => {
    const c = k.spawn({ name: "client", kind: "client" });
    const fd = ret(k.socket(c, AF_INET, SOCK_STREAM));
    ret(k.connect(c, fd, { host: "127.0.0.1", port: 15213 }));
    clientFd.set(c, fd);
  };
  const serveOne = (): void => {
    const conn = ret(k.accept(server, ls));
    const child = ret(k.fork(server));
    k.close(child, ls);
    k.close(server, conn);
    childFd.set(child, conn);
  };
  for (let i = 0; i < 99; i++) {
    connect();
    serveOne();
  }
  for (let step = 1; step <= steps; step++) {
    const runnable = k.runnable();
    const tid = runnable[step % runnable.length];
    lines.set(tid, ((lines.get(tid) ?? 0) % 40) + 1);
    if (tid === server) {
      const z = k.waitpid(server, -1, WNOHANG);
      if (!isBlocked(z) && z.ret > 0) {
        connect();
        serveOne();
      }
    } else if (clientFd.has(tid)) {
      const fd = clientFd.get(tid)!;
      if (step % 89 === 0) {
        k.exit(tid, 0);
        clientFd.delete(tid);
      } else if ((lines.get(tid) ?? 0) % 2) k.write(tid, fd, line);
      else k.read(tid, fd, 64);
    } else {
      const fd = childFd.get(tid)!;
      const r = k.read(tid, fd, 64);
      if (!isBlocked(r) && r.ret === 0) k.exit(tid, 0);
      else if (!isBlocked(r) && r.data) k.write(tid, fd, r.data);
    }
    keep.push(k.snapshot(step, { running: tid, annotate: (pid) => ({ line: lines.get(pid) }) }));
  }
}

function ret(r: SysResult): number {
  if (isBlocked(r) || r.ret < 0) throw new Error(`history run: unexpected ${JSON.stringify(r)}`);
  return r.ret;
}

function historyMb(): number {
  const gc = collectGarbage();
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep: Snapshot[] = [];
  historyRun(10000, keep);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep.length !== 10000) throw new Error("history incomplete");
  return (after - before) / (1024 * 1024);
}

export const kernelBench: Bench = async (progress) => {
  progress("kernel: model loops");
  const model = modelCosts();
  progress("kernel: real kernel loops (cc -O2)");
  let linux: Record<string, number> = {};
  try {
    linux = linuxCosts();
  } catch (e) {
    progress(`kernel: real kernel loops skipped: ${e instanceof Error ? e.message : String(e)}`);
  }
  const figures: Figure[] = [];
  for (const name of ["fork_exit_wait", "pipe_rw", "dup_close"]) {
    figures.push({ name: `kernel.${name}.model_us`, value: model[name], unit: "us" });
    if (linux[name] !== undefined) {
      figures.push({ name: `kernel.${name}.linux_us`, value: linux[name], unit: "us" });
      figures.push({ name: `kernel.${name}.model_over_linux`, value: model[name] / linux[name], unit: "x" });
    }
  }
  progress("kernel: history of 10,000 snapshots of a 100-process run");
  figures.push({ name: "history.10k_steps.mb", value: historyMb(), unit: "MB" });
  return figures;
};
