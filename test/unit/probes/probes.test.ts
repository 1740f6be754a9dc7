// The probe suite: adversarial programs and scenarios (test/probes) run through the CLI as
// a learner would. Each must end within 20 s of CPU time and 512 MB with a message that
// names the line (or the place in the JSON), and the invalid ones must exit non-zero.
// CPU time, not the wall clock: on a shared machine the wall clock also counts other
// people's work; the wall clock only guards against a hang (WALL_MS).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SaxesParser } from "saxes";

const ROOT = join(__dirname, "..", "..", "..");
const PROBES = join(ROOT, "test", "probes");
const ECHO = join(ROOT, "examples", "echoserverp.c");
const LIMIT_MS = 20_000;
const WALL_MS = 180_000;
const LIMIT_KB = 512 * 1024;

interface Probe {
  /** What it tries. */
  what: string;
  args: string[];
  /** "ok": the program ran (whatever its own status); "fails": forklab exits non-zero. */
  exit: "ok" | "fails";
  /** Must appear in what forklab printed (stdout and stderr). */
  says: RegExp;
  /** The exact exit status, when it matters (1: the program cannot run). */
  status?: number;
  /** --json: fields the printed object must hold, with these values. */
  json?: Record<string, unknown>;
}

const scen = (name: string): string[] => ["run", ECHO, "--scenario", join(PROBES, name)];

const PROBE_LIST: Probe[] = [
  { what: "while (1); on one line", args: ["run", "one-line-loop.c"], exit: "ok", says: /line 1 is still running after 20 steps in a row, each stopped after 1,000,000 instructions/ },
  { what: "malloc in an endless one-line loop", args: ["run", "malloc-forever.c"], exit: "ok", says: /note \(pid \d+, line 4\): an allocation of 1048576 bytes returned NULL with errno ENOMEM[^]*line 4 is still running after 20 steps/ },
  { what: "while (1) fork(); on one line", args: ["run", "fork-forever.c"], exit: "ok", says: /line 4 is still running after 20 steps in a row, each stopped after 1,00\d system calls/ },
  { what: "a fork bomb spread over lines", args: ["run", "fork-bomb.c", "--max-steps", "20000"], exit: "ok", says: /note \(pid \d+, line 5\): fork\(\) failed with EAGAIN: the model's process limit is reached/ },
  { what: "pthread_create until it fails", args: ["run", "thread-bomb.c"], exit: "ok", says: /line\s+14\s+clone\(\) = -1 EAGAIN[^]*\n4095 threads\n/ },
  { what: "printf in an endless one-line loop", args: ["run", "print-forever.c"], exit: "ok", says: /line 4 is still running after 20 steps in a row, each stopped after writing [\d,]+ bytes/ },
  { what: "64 KiB writes forever, over lines", args: ["run", "write-forever.c"], exit: "ok", says: /the program wrote more than 16 MiB of output \(the last at line 8\); the run stops here/ },
  { what: "endless recursion", args: ["run", "recurse-forever.c"], exit: "ok", says: /note \(pid \d+, line 2\): SIGSEGV: line 2 accessed stack overflow calling down/ },
  { what: "getpid() in an endless one-line loop", args: ["run", "syscalls-forever.c"], exit: "ok", says: /line 4 is still running after 20 steps in a row, each stopped after 1,00\d system calls/ },
  { what: "900 calls per line, forever", args: ["run", "calls-flood.c"], exit: "ok", says: /the program made more than 500,000 system calls \(the last at line 6\); the run stops here/ },
  { what: "open until EMFILE, then forever", args: ["run", "open-forever.c"], exit: "ok", says: /line\s+6\s+open\("\/dev\/null", O_RDONLY\) = -1 EMFILE[^]*line 9 is still running after 20 steps/ },
  { what: "a file written without end", args: ["run", "file-grow.c", "--max-steps", "2000"], exit: "ok", says: /note \(pid \d+, line 10\): write\(\) failed with EFBIG: the file would pass the model's 16 MiB file-size limit/ },
  { what: "a NULL dereference", args: ["run", "sigsegv-null.c"], exit: "ok", says: /SIGSEGV: line 3 accessed address 0x0 is in the NULL page/ },
  { what: "## and variadic macros", args: ["run", "paste-macros.c"], exit: "ok", says: /stdout:\nlog: xy is 3\nlog: done\n/ },
  { what: "a syntax error", args: ["run", "syntax-error.c"], exit: "fails", status: 1, says: /syntax-error\.c:4:\d+: error: [^]*forklab run: \S*syntax-error\.c cannot run/ },
  { what: "exit(2): the status, not the raw wait status", args: ["run", "exit-status.c"], exit: "ok", says: /line\s+4\s+exit\(2\)[^]*main process: exited with status 2\n/ },
  { what: "exit(2) with --json: waitStatus kept, exitCode added", args: ["run", "exit-status.c", "--json"], exit: "ok", says: /"waitStatus":512,"exitCode":2/, json: { waitStatus: 512, exitCode: 2, signal: undefined } },
  { what: "killed by its own SIGINT", args: ["run", "killed-sigint.c"], exit: "ok", says: /line\s+5\s+kill\(\d+, SIGINT\)[^]*main process: killed by SIGINT\n/ },
  { what: "killed by SIGINT with --json: waitStatus kept, signal added", args: ["run", "killed-sigint.c", "--json"], exit: "ok", says: /"waitStatus":2,"signal":"SIGINT"/, json: { waitStatus: 2, signal: "SIGINT", exitCode: undefined } },
  { what: "heap blocks overrun and used after free", args: ["run", "heap-misuse.c"], exit: "ok", says: /note \(pid \d+, line 8\): heap-buffer-overflow: line 8 strcpy writes 16 bytes at 0x[0-9a-f]+, running 8 bytes past the end of a 8-byte block allocated at line 6\nnote \(pid \d+, line 9\): heap-buffer-overflow: line 9 writes 4 bytes at 0x[0-9a-f]+, just past the end of a 16-byte block allocated at line 7\nnote \(pid \d+, line 11\): heap-use-after-free: line 11 writes 4 bytes at 0x[0-9a-f]+, inside a 16-byte block allocated at line 7 and freed at line 10\n/ },
  { what: "strcpy and a loop past local arrays", args: ["run", "stack-overrun.c"], exit: "ok", says: /note \(pid \d+, line 8\): stack-buffer-overflow: line 8 strcpy writes 20 bytes at 0x[0-9a-f]+, running 12 bytes past the end of the 8-byte array 'name' declared at line 6 in main\n[^]*note \(pid \d+, line 10\): stack-buffer-overflow: line 10 writes 4 bytes at 0x[0-9a-f]+, just past the end of the 16-byte array 'scores' declared at line 7 in main\n[^]*stdout:\nadmin=0\n/ },
  { what: "a loop past a global array", args: ["run", "global-overrun.c"], exit: "ok", says: /note \(pid \d+, line 8\): global-buffer-overflow: line 8 writes 4 bytes at 0x[0-9a-f]+, just past the end of the 16-byte array 'table' declared at line 3\n[^]*stdout:\nlimit=3\n/ },
  { what: "locals read before any write", args: ["run", "uninit-read.c"], exit: "ok", says: /note \(pid \d+, line 7\): use-of-uninitialized-value: line 7 updates 'count', declared at line 4 without a value[^\n]*\nnote \(pid \d+, line 8\): use-of-uninitialized-value: line 8 reads 'x', declared at line 5 without a value/ },
  { what: "strlen and puts of a string without its NUL", args: ["run", "unterminated.c"], exit: "ok", says: /note \(pid \d+, line 7\): stack-buffer-overflow: line 7 reads a string of 6 bytes at 0x[0-9a-f]+, running 1 byte past the end of the 5-byte array 'word' declared at line 5 in main\n[^]*line 8 reads a string of 6 bytes[^]*stdout:\n5\nhello\n/ },
  { what: "a missing local header", args: ["run", "missing-header.c"], exit: "fails", says: /missing-header\.c:2:1: error: nowhere\.h: No such file or directory/ },
  { what: "an unknown signal name", args: scen("bad-signal.scenario.json"), exit: "fails", says: /bad-signal\.scenario\.json: signals\[0\]\.signal: "SIGNOPE" is not one of SIGHUP, / },
  { what: "clients as an object", args: scen("clients-object.scenario.json"), exit: "fails", says: /clients-object\.scenario\.json: clients: expected an array, not \{\}/ },
  { what: "a negative maxSteps", args: scen("negative-steps.scenario.json"), exit: "fails", says: /negative-steps\.scenario\.json: maxSteps: -5 is out of range \(expected a number >= 1\)/ },
  { what: "a misspelt field", args: scen("unknown-field.scenario.json"), exit: "fails", says: /unknown-field\.scenario\.json: \(the top level\): unknown field "client"/ },
  { what: "a close that is not true", args: scen("bad-action.scenario.json"), exit: "fails", says: /bad-action\.scenario\.json: clients\[0\]\.actions\[1\]: \{"close":"yes"\} is not a client action/ },
  { what: "a scenario that is not JSON", args: scen("not-json.scenario.json"), exit: "fails", says: /not-json\.scenario\.json: not valid JSON/ },
];

/** forklab with these arguments, from test/probes; its output, exit status and peak memory. */
function forklab(args: string[]): { out: string; stdout: string; status: number | null; killed: boolean; maxKb: number; cpuMs: number } {
  const r = spawnSync(process.execPath, ["--require", join(PROBES, "rss.cjs"), join(ROOT, "bin", "forklab.js"), ...args], {
    cwd: PROBES, encoding: "utf8", timeout: WALL_MS, maxBuffer: 256 << 20,
  });
  const out = `${r.stdout}${r.stderr}`;
  const m = /forklab-probe-maxrss-kb=(\d+) cpu-ms=(\d+)/.exec(out);
  return { out, stdout: r.stdout, status: r.status, killed: r.signal !== null, maxKb: m ? +m[1] : Infinity, cpuMs: m ? +m[2] : Infinity };
}

function check(p: Probe): void {
  const r = forklab(p.args);
  assert.ok(!r.killed, `${p.what}: still running after ${WALL_MS / 1000} s of wall clock`);
  assert.ok(r.cpuMs < LIMIT_MS, `${p.what}: ${(r.cpuMs / 1000).toFixed(1)} s of CPU time`);
  assert.ok(r.maxKb < LIMIT_KB, `${p.what}: peak memory ${Math.round(r.maxKb / 1024)} MB`);
  if (p.exit === "ok") assert.equal(r.status, 0, `${p.what}: exit status ${r.status}\n${r.out.slice(-2000)}`);
  else assert.notEqual(r.status, 0, `${p.what}: exited 0`);
  if (p.status !== undefined) assert.equal(r.status, p.status, `${p.what}: exit status`);
  assert.match(r.out, p.says, `${p.what}:\n${r.out.slice(-3000)}`);
  if (p.json) {
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const [key, want] of Object.entries(p.json)) assert.deepEqual(got[key], want, `${p.what}: --json field ${key}`);
  }
}

/** Parses an SVG with a strict XML 1.0 parser: the first well-formedness error (with its line
 *  and column) fails the probe. Returns the text content. */
function xmlText(xml: string, what: string): string {
  const p = new SaxesParser();
  let text = "";
  p.on("error", (e) => { throw new Error(`${what}: not well-formed XML: ${e.message}`); });
  p.on("text", (t) => { text += t; });
  p.write(xml).close();
  return text;
}

describe("probes: adversarial programs and scenarios through forklab run", function () {
  // Each probe has its own bounds; mocha's own timeout only guards the whole test.
  this.timeout(WALL_MS * 2 + 10_000);
  for (const p of PROBE_LIST) it(`${p.what}: ${p.args.filter((a) => !a.startsWith("/")).join(" ")}`, () => check(p));

  it("an SVG export of a program that printed control characters and escape sequences is valid XML", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-probe-"));
    try {
      const out = join(dir, "control-chars.svg");
      check({ what: "render control-chars.c", args: ["render", "control-chars.c", "--out", out], exit: "ok", says: /^[^]*$/ });
      const text = xmlText(readFileSync(out, "utf8"), "control-chars.svg");
      // The bytes are still there, as visible stand-ins (U+2400 control pictures).
      assert.match(text, /\u2401\u2402 start/, "control-chars.svg: \\x01\\x02 not shown");
      assert.match(text, /\u241b\[31mred\u241b\[0m \u2407/, "control-chars.svg: the colour sequence not shown");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a source file named -fdump-tree-all.c reaches cc as a file, never as an option", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-probe-"));
    try {
      copyFileSync(join(PROBES, "-fdump-tree-all.c"), join(dir, "-fdump-tree-all.c"));
      // cc seeing "-fdump-tree-all.c" as an option would find no input file and fail, or
      // dump every tree pass beside it.
      check({ what: "build -- -fdump-tree-all.c", args: ["build", "--workspace", dir, "--", "-fdump-tree-all.c"], exit: "ok", says: /forklab: built \S*build\/-fdump-tree-all\n/ });
      const binary = join(dir, "build", "-fdump-tree-all");
      assert.ok(existsSync(binary), "no binary was built");
      const dumps = readdirSync(dir).filter((f) => /\.\d+[tri]\./.test(f) || f.includes(".ccc"));
      assert.deepEqual(dumps, [], "cc dumped tree passes: the file name reached it as an option");
      const ran = spawnSync(binary, [], { encoding: "utf8", timeout: 10_000 });
      assert.equal(ran.stdout, "built as a file\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("2,000 scripted clients of the forking echo server: every line echoed", () => {
    const dir = mkdtempSync(join(tmpdir(), "forklab-probe-"));
    try {
      const clients = Array.from({ length: 2000 }, (_, i) => ({ actions: [{ send: `hello ${i}` }, { close: true }] }));
      const path = join(dir, "clients2000.scenario.json");
      writeFileSync(path, JSON.stringify({ argv: ["15213"], clients, signals: [{ signal: "SIGINT", afterClientsClosed: 2000 }], maxSteps: 2_000_000 }));
      check({ what: "2,000 clients", args: ["run", ECHO, "--scenario", path], exit: "ok", says: /every process has exited after \d+ steps[^]*stdout:\nserver received \d+ bytes/ });
      const r = forklab(["run", ECHO, "--scenario", path, "--json"]);
      const echoed = (JSON.parse(r.stdout) as { stdout: string }).stdout.split("\n").filter((l) => l.startsWith("server received")).length;
      assert.equal(echoed, 2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
