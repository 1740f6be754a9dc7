// Running a compiled server for real: check the port first, start the program as the
// leader of its own session and process group (so that stopping it can end every child
// it forked), keep the terminal as its stdout (line buffered, as when typed by hand),
// pass Ctrl-C on to the group, say "started" once it listens (a client may connect at
// once then), and say in plain words how it ended.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { basename } from "node:path";
import { findServer } from "./discover";
import { portFree } from "../host/ports";
import { platformSupport } from "./platform";
import { blockedOn } from "./blockedon";
import { readProcess, readStat } from "./procfs";
import { clearRunState, saveRunState } from "./runstate";
import { groupMembers, stopGroup } from "./stop";

export interface ServeOptions {
  binary: string;
  /** Arguments after the program name; default [port]. */
  args?: string[];
  address: string;
  port: number;
  /** Where messages go (the program's own output goes straight to our stdout/stderr). */
  say: (line: string) => void;
  /** How long to wait for it to listen before stopping it; default LISTEN_WAIT_MS. */
  listenWaitMs?: number;
}

/** bash, exec and bind take milliseconds; a loaded machine may hold them up for seconds. */
export const LISTEN_WAIT_MS = 10_000;

export function portInUseMessage(address: string, port: number): string {
  const holder = process.platform === "linux" ? findServer(port, address) : undefined;
  const who = holder !== undefined ? ` by pid ${holder} (${readStat(holder)?.comm ?? "?"})` : "";
  return `port ${port} on ${address} is already in use${who}. Stop that server (Fork Lab: Stop Echo Server, ` +
    `or \`forklab stop --port ${port}\`) or choose another port in the setting forklab.server.port.`;
}

const DESCRIBE: Record<string, string> = {
  SIGSEGV: "a segmentation fault: a bad pointer", SIGABRT: "abort(), often a failed assert or a corrupted heap",
  SIGBUS: "a bus error", SIGFPE: "an arithmetic error such as division by zero", SIGPIPE: "writing to a closed connection",
  SIGILL: "an illegal instruction",
};

/** Signals that ask a process to end (Ctrl-C, kill, the stop task), as opposed to a crash. */
export const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP", "SIGKILL"];

/** How a server ended, in words. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) {
    const no = constants.signals[signal];
    if (STOP_SIGNALS.includes(signal)) return `server stopped by ${signal}`;
    const why = DESCRIBE[signal] ? `: ${DESCRIBE[signal]}` : "";
    return `server crashed: killed by ${signal} (signal ${no})${why}; wait status ${no}`;
  }
  if (code === 0) return "server exited normally (status 0)";
  return `server exited with status ${code}${code === 1 ? " (csapp wrappers exit(1) after printing the failing call above)" : ""}`;
}

/** Shell script: close descriptors 3 and up (listed from /proc), then exec "$0" "$@". */
export const CLOSE_FROM_3 = 'for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-"; fi; done; exec "$0" "$@"';

/** Runs the server until it ends; resolves with the exit code for our own process. */
export async function serve(opts: ServeOptions): Promise<number> {
  const support = platformSupport();
  if (!support.server) { opts.say(support.why); return 1; }
  if (!existsSync(opts.binary)) { opts.say(`${opts.binary} is not built yet: run the build task first`); return 1; }
  const busy = await portFree(opts.address, opts.port);
  if (busy === "EADDRINUSE") { opts.say(portInUseMessage(opts.address, opts.port)); return 1; }
  if (busy) { opts.say(`cannot listen on ${opts.address}:${opts.port}: ${busy}`); return 1; }

  // Through bash (dash redirects only descriptors 0-9), which closes every descriptor above 2 and then execs the server (same
  // pid): Node passes on descriptors its own parent left open without close-on-exec (the
  // editor's terminal host leaves some), and the learner's server must start with 0-2 only.
  const child = spawn(existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh", ["-c", CLOSE_FROM_3, opts.binary, ...(opts.args ?? [String(opts.port)])], { detached: true, stdio: "inherit" });
  const pid = child.pid;
  if (pid === undefined) {
    return await new Promise<number>((done) => child.once("error", (e) => { opts.say(`cannot start ${opts.binary}: ${e.message}`); done(1); }));
  }
  const forward = (sig: NodeJS.Signals): void => {
    try { process.kill(-pid, sig); } catch { /* already gone */ }
  };
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as NodeJS.Signals[]).map((s) => {
    const h = (): void => forward(s);
    process.on(s, h);
    return [s, h] as const;
  });
  const starttime = process.platform === "linux" ? readStat(pid)?.starttime ?? 0 : 0;
  saveRunState({ pid, pgid: pid, starttime, address: opts.address, port: opts.port, program: opts.binary, watcher: process.pid });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once("exit", (c, s) => done([c, s])));
  const name = basename(opts.binary);
  const up = await listening(pid, opts, exited);
  if (up === "listening" || up === "unchecked") {
    opts.say(`${name} started: pid ${pid}, process group ${pid}, ${up === "listening" ? "listening on" : "on"} ${opts.address}:${opts.port}. ` +
      "Ctrl-C or the Fork Lab stop task ends it and all its children.");
  } else if (up === "timeout") {
    opts.say(`${name} (pid ${pid}) did not listen on ${opts.address}:${opts.port} within ${wait(opts) / 1000} s${doing(pid)}; stopping it. ` +
      `forklab passes the port as its first argument (${name} ${opts.port}): does it listen on that port, and on ${opts.address}?`);
    await stopGroup(pid);
  }

  const [code, signal] = await exited;
  for (const [s, h] of handlers) process.off(s, h);
  clearRunState(opts.port);
  const stopped = signal !== null && STOP_SIGNALS.includes(signal);
  let text = describeExit(code, signal);
  if (code !== 0 && !signal && (await portFree(opts.address, opts.port)) === "EADDRINUSE") {
    text += `. ${portInUseMessage(opts.address, opts.port)}`;
  }
  // Its own messages went straight to the terminal, just above: its descriptors 1 and 2
  // stay the terminal (line buffered; the live view shows them so), so we do not copy them.
  if (up === "exited") text += `. It ended before it listened on ${opts.address}:${opts.port}; what it printed, if anything, is above`;
  opts.say(text);
  // Children the server forked are still in its group: end them too, nothing stays behind.
  if (groupMembers(pid).length > 0) {
    const r = await stopGroup(pid);
    opts.say(`its children: ${r.message}`);
  }
  // Stopped on purpose (Ctrl-C, the stop task) is success; so is a normal exit once it listened.
  if (up === "timeout") return 1;
  return stopped || (code === 0 && up !== "exited") ? 0 : 1;
}

const wait = (opts: ServeOptions): number => opts.listenWaitMs ?? LISTEN_WAIT_MS;

/**
 * Waits (bounded) until /proc shows a process of the server's group holding a socket that
 * listens on address:port; "exited" when the server ends first, "unchecked" without /proc.
 */
async function listening(pgid: number, opts: ServeOptions, exited: Promise<unknown>): Promise<"listening" | "exited" | "timeout" | "unchecked"> {
  if (process.platform !== "linux") return "unchecked";
  let ended = false;
  void exited.then(() => { ended = true; });
  const deadline = Date.now() + wait(opts);
  for (;;) {
    const holder = findServer(opts.port, opts.address);
    if (holder !== undefined && readStat(holder)?.pgid === pgid) return "listening";
    if (ended) return "exited";
    if (Date.now() > deadline) return "timeout";
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** ": it is waiting in read(0)" for a server asleep in a system call, else "". */
function doing(pid: number): string {
  try {
    const call = readProcess(pid)?.syscall;
    return call ? `: it is waiting in ${blockedOn(call)}` : "";
  } catch {
    return ""; // gone meanwhile, or /proc unreadable: the rest of the message still holds
  }
}
