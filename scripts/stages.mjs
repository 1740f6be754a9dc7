// @ts-check
// Stages for `npm test` and `npm start`: one progress line per stage with its elapsed
// time, while the tools' own output (npm ci, esbuild, tsc, eslint, mocha, code-server's
// set-up) goes to a log file whose path is printed first; a stage that fails prints its
// part of the log in full.
import { spawn } from "node:child_process";
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export class StageLog {
  /** @param {string} name the log's file name under out/logs/ */
  constructor(name) {
    this.path = join(root, "out", "logs", name);
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, "");
    this.t0 = Date.now();
    console.log(`log: ${relative(process.cwd(), this.path) || this.path} (the tools' own output; a failing stage prints its part here too)`);
  }

  /** Seconds since the run started, as "[ 12s]". */
  clock() {
    return `[${String(Math.round((Date.now() - this.t0) / 1000)).padStart(4)}s]`;
  }

  /**
   * Run one command as a stage: its output into the log; one line when it ends
   * ("ok" or "failed", with `detail()` and its duration); on failure its output in full.
   * @param {string} title
   * @param {string} cmd
   * @param {string[]} args
   * @param {{ env?: Record<string, string>; detail?: (ok: boolean) => string }} [opts]
   * @returns {Promise<boolean>}
   */
  async run(title, cmd, args, opts = {}) {
    const start = Date.now();
    const from = statSync(this.path).size;
    appendFileSync(this.path, `\n=== ${title}: ${cmd} ${args.join(" ")}\n`);
    if (process.stdout.isTTY) process.stdout.write(`${this.clock()} ${title} ...`);
    const fd = openSync(this.path, "a");
    const code = await new Promise((resolve) => {
      const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", fd, fd], env: { ...process.env, ...opts.env } });
      child.on("error", (e) => { appendFileSync(this.path, `${e.message}\n`); resolve(1); });
      child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    closeSync(fd);
    const ok = code === 0;
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    const detail = opts.detail?.(ok);
    if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    console.log(`${this.clock()} ${title}: ${ok ? "ok" : "FAILED"}${detail ? `, ${detail}` : ""} (${secs} s)`);
    if (!ok) this.print(from);
    return ok;
  }

  /** Print the log from byte `from` (a failed stage's output). */
  print(from = 0) {
    const text = readFileSync(this.path).subarray(from).toString("utf8");
    console.log(text.split("\n").map((l) => `    ${l}`).join("\n"));
  }
}
