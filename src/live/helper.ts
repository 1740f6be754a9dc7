// Fork Lab's small C helpers (kcmp.c, procdump.c): shipped as source, compiled with cc on
// first use into a cache directory (one binary per source version), and run as
// co-processes that answer one request line with one or more lines.
import { ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface HelperOptions {
  /** Where binaries are kept; default ~/.cache/forklab. */
  cacheDir?: string;
  compiler?: string;
}

/** Where a helper's source is: next to this module under tsx, in ../src/live beside a bundle in dist/. */
export function helperSource(name: string): string | undefined {
  return [join(__dirname, name), join(__dirname, "..", "src", "live", name)].find((p) => existsSync(p));
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "forklab");
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (err, _out, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(" ")}: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/** Compiles NAME.c once per source version; returns the binary's path. */
export async function buildHelper(name: string, opts: HelperOptions = {}): Promise<string> {
  const src = helperSource(`${name}.c`);
  if (!src) throw new Error(`${name}.c is not shipped with this build`);
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const hash = createHash("sha1").update(readFileSync(src)).digest("hex").slice(0, 12);
  const bin = join(cacheDir, `${name}-${hash}-${process.arch}`);
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  await run(opts.compiler || "cc", ["-O2", "-o", tmp, src]);
  renameSync(tmp, bin); // atomic: a concurrent build of the same source is harmless
  return bin;
}

/** A running helper, spoken to in lines. Keeps Node's event loop alive only while an answer is due. */
export class Coprocess {
  private buffered = "";
  /** Complete lines nobody has asked for yet. */
  private lines: string[] = [];
  private waiting: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private dead?: Error;
  private readonly child: ChildProcess;

  constructor(bin: string) {
    this.child = spawn(bin, [], { stdio: ["pipe", "pipe", "ignore"] });
    this.child.stdout!.setEncoding("latin1");
    this.child.stdout!.on("data", (chunk: string) => {
      this.buffered += chunk;
      let start = 0;
      let nl: number;
      while ((nl = this.buffered.indexOf("\n", start)) >= 0) {
        this.lines.push(this.buffered.slice(start, nl));
        start = nl + 1;
      }
      this.buffered = this.buffered.slice(start);
      while (this.waiting.length && this.lines.length) this.waiting.shift()!.resolve(this.lines.shift()!);
      this.idle();
    });
    this.child.on("exit", (code, signal) => this.fail(new Error(`${bin} exited (${signal ?? code})`)));
    this.child.on("error", (e) => this.fail(e));
    this.child.stdin!.on("error", (e) => this.fail(e));
  }

  private fail(e: Error): void {
    this.dead = e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  private idle(): void {
    const ref = this.waiting.length > 0;
    for (const s of [this.child.stdout, this.child.stdin] as Array<{ ref?: () => void; unref?: () => void } | null>) {
      if (ref) s?.ref?.(); else s?.unref?.();
    }
    if (ref) this.child.ref(); else this.child.unref();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get failure(): Error | undefined {
    return this.dead;
  }

  /** The next line the helper writes. Waiters are served in the order they asked. */
  nextLine(): Promise<string> {
    if (this.lines.length) return Promise.resolve(this.lines.shift()!);
    if (this.dead) return Promise.reject(this.dead);
    const p = new Promise<string>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.idle();
    return p;
  }

  write(text: string): void {
    if (this.dead) throw this.dead;
    this.child.stdin!.write(text);
  }

  /** Lines up to (not including) the terminator line. */
  async linesUntil(end: string): Promise<string[]> {
    const lines: string[] = [];
    for (let l = await this.nextLine(); l !== end; l = await this.nextLine()) lines.push(l);
    return lines;
  }

  close(): void {
    this.child.stdin?.end();
    this.child.kill();
  }
}

/** Builds and starts a helper that greets with "ok"; resolves with it or a reason why not. */
export async function startHelper(name: string, opts: HelperOptions): Promise<Coprocess | string> {
  if (process.platform !== "linux") return `${name} needs Linux (this is ${process.platform})`;
  let bin: string;
  try {
    bin = await buildHelper(name, opts);
  } catch (e) {
    return `could not build the ${name} helper: ${(e as Error).message}`;
  }
  const helper = new Coprocess(bin);
  try {
    const hello = await helper.nextLine();
    if (hello === "ok") return helper;
    helper.close();
    return hello.replace(/^no \d+ /, "");
  } catch (e) {
    helper.close();
    return `the ${name} helper did not start: ${(e as Error).message}`;
  }
}
