// Runs a compiled example for real under a Scenario: argv and stdin, stdout as a pipe, a
// file or a terminal (via script(1)), loopback TCP clients driven by node `net`, and
// signals sent to the program's process group. Returns what an observer outside sees.
//
// Real-run meaning of the scenario's logical-time fields (the model counts steps; Linux
// cannot): `atStep` and `waitSteps` mean "once the program's processes have settled"
// (none runnable, see settle()); `afterOutput` and `afterClientsClosed` are exact.
// Before each signal the group is settled and probed, so callers can see zombies and
// descriptor counts at that moment.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, Socket } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, normalize } from "node:path";
import { constants } from "node:os";
import { DEFAULT_PORT, STDIN_FILE, type ClientScript, type Scenario, type SignalScript } from "../contract/scenario";
import { probeGroup, settle, tracerOf, type ProcInfo } from "./proc-probe";

export interface DriverOptions {
  /** Replace the scenario's port (in argv and in clients) with this one: pick a free port per run. */
  port?: number;
  /** Kill the whole group after this long and report timedOut. Default 10000. */
  timeoutMs?: number;
  /** After a client half-closes, how long it waits for the server's EOF. Default 1500. */
  eofWaitMs?: number;
  cwd?: string;
  /** A command prefix the program runs under, e.g. strace (the fidelity harness). */
  wrap?: string[];
  /** Called once every client and signal is done while the program still runs (a server),
   *  for a scenario with clients or signals: it should make the program end, e.g. kill it;
   *  otherwise the run lasts until timeoutMs. */
  stopWhenDone?: (pgid: number) => Promise<void>;
  /** The built Scenario `programs`, in the same order: each is started first (under its own
   *  `wrap`, e.g. its own strace), in a process group of its own. */
  programs?: Array<{ exe: string; wrap?: string[] }>;
  /** Ends the extra programs once the main one has ended (they are servers and never end by
   *  themselves). Default: SIGKILL to each one's process group. */
  stopPrograms?: (pgids: number[]) => Promise<void>;
}

export interface ClientResult {
  /** Everything the server sent back. */
  received: string;
  /** True when the server's side closed (read returned 0) after this client's close. */
  sawEof: boolean;
}

export interface Probe {
  /** What the probe was taken for: "before SIGINT", ... */
  when: string;
  procs: ProcInfo[];
}

export interface RealRun {
  stdout: string;
  stderr: string;
  /** Exit code of the first process, or null if a signal ended it. */
  exitCode: number | null;
  /** "SIGINT", ... when a signal ended the first process. */
  signal: string | null;
  /** The raw wait status a parent would see (code << 8, or the signal number). */
  waitStatus: number;
  timedOut: boolean;
  clients: ClientResult[];
  probes: Probe[];
  /** The first process's pid (its process group id too). */
  pid: number;
  /** Each extra program's first pid (its process group id too) and what it wrote. */
  programs: Array<{ pid: number; stdout: string; stderr: string }>;
}

/**
 * Starts the program like a shell starts a job: in a process group of its own ("fg"
 * signals go to -pid) but in our session, so the group is not orphaned and SIGTSTP still
 * stops it (Linux discards SIGTSTP sent to an orphaned group, and setsid would orphan it).
 * Descriptors above 2 that node happened to inherit are closed, so the program starts with
 * exactly 0, 1 and 2, as in the model. Its first argument names the descriptors that get a
 * real pipe ("0,1,2"): node's "pipe" stdio is a UNIX socket (fstat S_IFSOCK, F_GETFL O_RDWR),
 * where the Scenario and the model have a pipe; a relay copies between the pipe and node's
 * socket. Each relay is a grandchild, outside the program's group and not a child of the
 * tracer, and keeps only its two ends open.
 */
const LAUNCH =
  "use POSIX; POSIX::close($_) for 3..1023; " +
  "for my $fd (split /,/, shift @ARGV) { " +
  "  pipe(my $r, my $w) or die \"pipe: $!\\n\"; my $pid = fork() // die \"fork: $!\\n\"; " +
  "  if ($pid == 0) { exit 0 if fork(); " +
  "    my ($in, $out) = $fd == 0 ? (0, fileno($w)) : (fileno($r), $fd); " +
  "    for my $o (0, 1, 2, fileno($r), fileno($w)) { POSIX::close($o) unless $o == $in || $o == $out } " +
  "    open(my $i, '<&=', $in) or POSIX::_exit(1); open(my $o, '>&=', $out) or POSIX::_exit(1); " +
  "    while (1) { my $n = sysread($i, my $buf, 65536); last unless $n; " +
  "      for (my $at = 0; $at < $n; ) { my $m = syswrite($o, $buf, $n - $at, $at); POSIX::_exit(0) unless $m; $at += $m } } " +
  "    POSIX::_exit(0); } " +
  "  waitpid($pid, 0); POSIX::dup2(fileno($fd == 0 ? $r : $w), $fd); close $r; close $w; } " +
  "setpgrp(0, 0); " +
  'exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\\n";';

/** Signals whose default action stops a process, the terminal's own among them. */
const KEYBOARD_STOPS = new Set(["SIGTSTP", "SIGTTIN", "SIGTTOU"]);

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Quote one word for /bin/sh. */
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export async function runScenario(binary: string, scenario: Scenario, opts: DriverOptions = {}): Promise<RealRun> {
  const timeoutMs = opts.timeoutMs ?? 10000;
  const scenarioPort = scenarioPortOf(scenario);
  const port = opts.port ?? scenarioPort;
  const renamePort = (args: string[] | undefined) => (args ?? []).map((a) => (opts.port && a === String(scenarioPort) ? String(port) : a));
  const argv = renamePort(scenario.argv);
  const kind = scenario.stdout ?? "pipe";
  // The scenario's other programs (a server for a client) start first and must listen before
  // the main program runs, as when a learner starts the server in another terminal.
  const others = await startPrograms(scenario, opts, renamePort);

  const dir = mkdtempSync(join(tmpdir(), "forklab-run-"));
  const outFile = join(dir, "stdout");
  const fileFd = kind === "file" ? openSync(outFile, "w") : -1;
  // The scenario's files (and a file stdin) are in the working directory, as in the model.
  const cwd = opts.cwd ?? (scenario.files || scenario.stdinFrom === "file" ? dir : undefined);
  if (cwd) seedFiles(cwd, scenario);
  const stdinFd = cwd && scenario.stdinFrom === "file" ? openSync(join(cwd, STDIN_FILE), "r") : -1;
  // Run from its folder as a learner does (./name): argv[0], which usage messages print, is
  // the same as the model's.
  const exe = cwd && dirname(binary) === cwd ? `./${basename(binary)}` : binary;
  // A terminal needs a pty; script(1) gives one without native node modules. -e passes
  // the program's exit status through; -q keeps script's own banner out.
  const [cmd, args] = kind === "tty"
    ? ["script", ["-qec", [...(opts.wrap ?? []), exe, ...argv].map(shq).join(" "), "/dev/null"]]
    : ["perl", ["-e", LAUNCH, [stdinFd >= 0 ? [] : [0], kind === "file" ? [] : [1], [2]].flat().join(","), ...(opts.wrap ?? []), exe, ...argv]];
  const child = spawn(cmd, args, {
    cwd,
    detached: kind === "tty", // script makes its own session; LAUNCH makes its own group
    stdio: [stdinFd >= 0 ? stdinFd : "pipe", kind === "file" ? fileFd : "pipe", "pipe"],
  });
  if (fileFd >= 0) closeSync(fileFd);
  if (stdinFd >= 0) closeSync(stdinFd);
  const pid = child.pid ?? -1;

  let stdout = "";
  let stderr = "";
  const outputWaiters: Array<() => void> = [];
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString("utf8");
    for (const w of outputWaiters.splice(0)) w();
  });
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  child.stdin?.on("error", () => undefined); // the program may exit without reading stdin
  child.stdin?.end(scenario.stdin ?? "");

  let finished = false;
  const closed = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, sig) => {
      finished = true;
      for (const w of [...outputWaiters.splice(0), ...closeWaiters.splice(0)]) w();
      resolve({ code, sig });
    }),
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(pid, "SIGKILL");
  }, timeoutMs);

  const waitOutput = async (text: string) => {
    while (!finished && !currentOutput().includes(text)) await new Promise<void>((r) => outputWaiters.push(r));
  };
  const currentOutput = () => (kind === "file" ? readFileSafe(outFile) : stdout);

  // Clients: each starts after `after` clients have finished, and closes with its group.
  const clientScripts = scenario.clients ?? [];
  const results: ClientResult[] = clientScripts.map(() => ({ received: "", sawEof: false }));
  let clientsClosed = 0;
  const closeWaiters: Array<() => void> = [];
  const noteClosed = () => {
    clientsClosed++;
    for (const w of closeWaiters.splice(0)) w();
  };
  const waitClosed = async (n: number) => {
    while (!finished && clientsClosed < n) await new Promise<void>((r) => closeWaiters.push(r));
  };
  const groups = new Map<string, { size: number; arrived: number; release: Promise<void>; open: () => void }>();
  for (const c of clientScripts)
    for (const a of c.actions)
      if ("close" in a && a.group !== undefined) {
        let g = groups.get(a.group);
        if (!g) {
          let open = () => undefined as void;
          const release = new Promise<void>((r) => (open = r));
          g = { size: 0, arrived: 0, release, open };
          groups.set(a.group, g);
        }
        g.size++;
      }

  // The model connects the clients that start together, each sending its first line, in one
  // instant before the program runs on. A traced run does the same: the program is held
  // stopped (as a job is by SIGSTOP) while they connect and send, then continued.
  const together = clientScripts.filter((c) => (c.after ?? 0) === 0).length;
  const gate = opts.wrap && together > 1 ? holdWhileConnecting(pid, opts.port ?? port, together, () => finished) : undefined;

  const runClient = async (script: ClientScript, result: ClientResult) => {
    await waitClosed(script.after ?? 0);
    const held = gate && (script.after ?? 0) === 0 ? gate : undefined;
    let arrived = false;
    const arrive = () => {
      if (held && !arrived) held.arrive();
      arrived = true;
    };
    if (held) await held.stopped;
    const sock = await connectRetry(opts.port ?? script.port ?? port, () => finished);
    if (!sock) {
      arrive();
      return noteClosed();
    }
    let ended = false;
    const endWaiters: Array<() => void> = [];
    const dataWaiters: Array<() => void> = [];
    sock.on("data", (d: Buffer) => {
      result.received += d.toString("utf8");
      for (const w of dataWaiters.splice(0)) w();
    });
    sock.on("end", () => {
      ended = true;
      for (const w of [...endWaiters.splice(0), ...dataWaiters.splice(0)]) w();
    });
    sock.on("error", () => {
      ended = true;
      for (const w of [...endWaiters.splice(0), ...dataWaiters.splice(0)]) w();
    });
    let expected = 0;
    for (const action of script.actions) {
      if ("send" in action) {
        const line = action.send + "\n";
        expected += Buffer.byteLength(action.expect ?? line);
        sock.write(line, arrive);
        while (!ended && !finished && Buffer.byteLength(result.received) < expected)
          await new Promise<void>((r) => dataWaiters.push(r));
      } else if ("waitSteps" in action) {
        arrive();
        await settle(pid);
      } else if ("reset" in action) {
        // As the model's client: the answer arrives unread, and the close is a reset.
        const before = result.received.length;
        sock.write(action.reset + "\n", arrive);
        while (!ended && !finished && result.received.length === before)
          await new Promise<void>((r) => dataWaiters.push(r));
        sock.resetAndDestroy();
        return noteClosed();
      } else {
        arrive();
        const g = action.group !== undefined ? groups.get(action.group) : undefined;
        if (g) {
          if (++g.arrived === g.size) g.open();
          await g.release;
        }
        sock.end(); // half-close: the server's read returns 0; we keep reading for its EOF
        if (!ended) await Promise.race([new Promise<void>((r) => endWaiters.push(r)), delay(opts.eofWaitMs ?? 1500)]);
        result.sawEof = ended;
        sock.destroy();
        return noteClosed();
      }
    }
    arrive();
    sock.destroy();
    noteClosed();
  };

  const probes: Probe[] = [];
  const runSignal = async (s: SignalScript) => {
    if (s.afterOutput !== undefined) await waitOutput(s.afterOutput);
    if (s.afterClientsClosed !== undefined) await waitClosed(s.afterClientsClosed);
    if (finished) return;
    probes.push({ when: `before ${s.signal}`, procs: await settle(pid) });
    const to = s.to ?? "fg";
    const target = to === "fg" ? -pid : to === "main" ? pid : to;
    // strace shares the group and -I4 shields it from every signal but SIGKILL and SIGSTOP:
    // those go to the traced processes one by one, so strace lives to record the end.
    const unshieldable = s.signal === "SIGKILL" || s.signal === "SIGSTOP";
    const targets = to === "fg" && opts.wrap && unshieldable ? probeGroup(pid).filter((p) => tracerOf(p.pid) !== 0).map((p) => p.pid) : [target];
    for (const t of targets) {
      try {
        process.kill(t, s.signal as NodeJS.Signals);
      } catch {
        // the target already ended: nothing to signal
      }
    }
    // The group's leader is the launcher (timeout), which a keyboard stop stops too; a
    // program that catches Ctrl-Z and sends no SIGCONT of its own (a shell passing it on to
    // a job) would leave it stopped, never to collect strace. It is not traced: continue it.
    if (to === "fg" && opts.wrap && KEYBOARD_STOPS.has(s.signal)) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // already gone
      }
    }
  };
  const runSignals = async () => {
    for (const s of scenario.signals ?? []) await runSignal(s);
  };

  await Promise.all([runSignals(), ...clientScripts.map((c, i) => runClient(c, results[i]))]);
  // Only a program the scenario drives (clients, signals) is a server to stop when it is
  // done; any other program ends by itself, or by the time limit. Stopping it too would race
  // with its start: a program not yet traced looks like one that has nothing left to do.
  const driven = clientScripts.length > 0 || (scenario.signals?.length ?? 0) > 0;
  if (!finished && driven && opts.stopWhenDone) await opts.stopWhenDone(pid);
  const { code, sig } = await closed;
  clearTimeout(timer);
  // Leave nothing behind: orphans of the group that outlived the first process.
  if (probeGroup(pid).length > 0) killGroup(pid, "SIGKILL");
  await stopPrograms(others, opts);
  if (kind === "file") stdout = readFileSafe(outFile);
  if (kind === "tty") stdout = stdout.replace(/\r\n/g, "\n");
  rmSync(dir, { recursive: true, force: true });
  const signum = sig ? constants.signals[sig] : 0;
  return {
    stdout,
    stderr,
    exitCode: code,
    signal: sig,
    waitStatus: sig ? signum : (code ?? 0) << 8,
    timedOut,
    clients: results,
    probes,
    pid,
    programs: others.map((o) => ({ pid: o.pid, stdout: o.stdout, stderr: o.stderr })),
  };
}

/** The port the scenario names: a client's, else an extra program's numeric argument (a
 *  server for a client example), else argv[1] (the program is the server), else 15213. */
export function scenarioPortOf(scenario: Scenario): number {
  const programPort = scenario.programs?.flatMap((p) => p.argv ?? []).find((a) => /^\d+$/.test(a));
  return scenario.clients?.find((c) => c.port)?.port ?? (Number(programPort ?? scenario.argv?.[0]) || DEFAULT_PORT);
}

interface StartedProgram {
  pid: number;
  child: ChildProcess;
  closed: Promise<void>;
  stdout: string;
  stderr: string;
}

/** Start each of the scenario's programs in a group of its own, stdin at EOF, and wait
 *  (bounded) until the port it names listens, or, naming none, until it has settled. */
async function startPrograms(scenario: Scenario, opts: DriverOptions, renamePort: (a: string[] | undefined) => string[]): Promise<StartedProgram[]> {
  const started: StartedProgram[] = [];
  for (const [i, spec] of (scenario.programs ?? []).entries()) {
    const bin = opts.programs?.[i];
    if (!bin) {
      await stopPrograms(started, opts);
      throw new Error(`the scenario's program ${spec.file} was not built: pass it in DriverOptions.programs`);
    }
    const argv = renamePort(spec.argv);
    const child = spawn("perl", ["-e", LAUNCH, "0,1,2", ...(bin.wrap ?? []), bin.exe, ...argv], { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const p: StartedProgram = { pid: child.pid ?? -1, child, stdout: "", stderr: "", closed: new Promise<void>((r) => child.on("close", () => r())) };
    child.stdout?.on("data", (d: Buffer) => (p.stdout += d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => (p.stderr += d.toString("utf8")));
    child.stdin?.on("error", () => undefined);
    child.stdin?.end();
    started.push(p);
    let ended = false;
    void p.closed.then(() => (ended = true));
    const ports = argv.filter((a) => /^\d+$/.test(a)).map(Number);
    const deadline = Date.now() + 5000;
    if (ports.length) while (!ended && !ports.some(listening) && Date.now() < deadline) await delay(10);
    else await settle(p.pid);
  }
  return started;
}

async function stopPrograms(started: StartedProgram[], opts: DriverOptions): Promise<void> {
  if (started.length === 0) return;
  if (opts.stopPrograms) await opts.stopPrograms(started.map((p) => p.pid));
  else for (const p of started) killGroup(p.pid, "SIGKILL");
  for (const p of started) {
    // A tracer writes its last lines before it exits: wait (bounded), then whatever is
    // left of the group (an orphan, a stuck tracer) goes too.
    await Promise.race([p.closed, delay(3000)]);
    if (probeGroup(p.pid).length > 0) killGroup(p.pid, "SIGKILL");
  }
}

/**
 * Once `port` listens, stop the traced processes of the group; continue them when `count`
 * clients have arrived (connected and sent their first line, or given up).
 */
function holdWhileConnecting(pgid: number, port: number, count: number, gaveUp: () => boolean): { stopped: Promise<void>; arrive: () => void } {
  let held: number[] = [];
  let arrivals = 0;
  const signal = (sig: NodeJS.Signals) => {
    for (const p of held) {
      try {
        process.kill(p, sig);
      } catch {
        // it ended meanwhile
      }
    }
  };
  const stopped = (async () => {
    const deadline = Date.now() + 5000;
    while (!gaveUp() && !listening(port) && Date.now() < deadline) await delay(5);
    held = probeGroup(pgid).filter((p) => tracerOf(p.pid) !== 0).map((p) => p.pid);
    signal("SIGSTOP");
    // Wait until each is stopped (T, or t while strace holds it), so none runs on unseen.
    while (!gaveUp() && Date.now() < deadline && probeGroup(pgid).some((p) => held.includes(p.pid) && p.state !== "T" && p.state !== "t" && p.state !== "Z")) await delay(2);
  })();
  return {
    stopped,
    arrive: () => {
      if (++arrivals === count) signal("SIGCONT");
    },
  };
}

/** Whether some socket listens on the TCP port (IPv4 or IPv6), from /proc/net/tcp*. */
function listening(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return ["/proc/net/tcp", "/proc/net/tcp6"].some((f) =>
    readFileSafe(f).split("\n").some((line) => {
      const cols = line.trim().split(/\s+/);
      return cols[1]?.endsWith(hex) && cols[3] === "0A";
    }));
}

function killGroup(pgid: number, sig: NodeJS.Signals) {
  try {
    process.kill(-pgid, sig);
  } catch {
    // already gone
  }
}

/** Write the scenario's files (relative paths only: the run must not touch anything outside
 *  its folder) and, when stdin is a file, STDIN_FILE with the scenario's stdin. */
function seedFiles(cwd: string, scenario: Scenario): void {
  const files = { ...scenario.files, ...(scenario.stdinFrom === "file" ? { [STDIN_FILE]: scenario.stdin ?? "" } : {}) };
  for (const [path, text] of Object.entries(files)) {
    if (isAbsolute(path) || normalize(path).startsWith("..")) throw new Error(`the scenario's file '${path}' is outside the working directory: give a relative path`);
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text, "latin1");
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Connect to 127.0.0.1:port, retrying while the server is not listening yet. */
async function connectRetry(port: number, gaveUp: () => boolean): Promise<Socket | undefined> {
  while (!gaveUp()) {
    const sock = await new Promise<Socket | undefined>((resolve) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("connect", () => resolve(s));
      s.once("error", () => {
        s.destroy();
        resolve(undefined);
      });
    });
    if (sock) return sock;
    await delay(20);
  }
  return undefined;
}
