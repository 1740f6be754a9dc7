// Which descriptors share one open file description? The kernel knows exactly: kcmp(2)
// with KCMP_FILE. We ask it through kcmp.c, compiled with cc on first use into a cache
// directory and kept running as a co-process (one request line per refresh). Where
// kcmp is missing (no compiler, kernel without CONFIG_KCMP, not Linux) we fall back to
// identity by (object, offset, flags), and say so.
import { ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Descriptor } from "./procfs";

/** Groups descriptors (all referring to one object) into open file descriptions. */
export interface FileSharing {
  method: "kcmp" | "identity";
  /** Why the exact method is not in use; empty for kcmp. */
  reason: string;
  /** For each group, a class number per descriptor; -1 = descriptor vanished. hints (the
   *  open file each descriptor was in last time, -1 when new) only make it cheaper. */
  classify(groups: Descriptor[][], hints?: number[][]): Promise<number[][]>;
  close(): void;
}

const O_CLOEXEC = 0o2000000;

/** The fallback: same object, same offset and same status flags count as one open file. */
export function identitySharing(reason: string): FileSharing {
  return {
    method: "identity",
    reason,
    classify: async (groups) => groups.map(identityClasses),
    close: () => undefined,
  };
}

export function identityClasses(group: Descriptor[]): number[] {
  const keys = new Map<string, number>();
  return group.map((d) => {
    const key = `${d.info.pos}/${d.info.flags & ~O_CLOEXEC}`;
    if (!keys.has(key)) keys.set(key, keys.size);
    return keys.get(key)!;
  });
}

/** Where kcmp.c is: next to this module under tsx, in ../src/live next to a bundle in dist/. */
export function kcmpSourcePath(): string | undefined {
  return [join(__dirname, "kcmp.c"), join(__dirname, "..", "src", "live", "kcmp.c")].find((p) => existsSync(p));
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "forklab");
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (err, _out, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(" ")}: ${stderr.trim() || err.message}`));
      else resolve(stderr);
    });
  });
}

/** Compiles kcmp.c once per source version; returns the binary's path. */
export async function buildKcmp(cacheDir = defaultCacheDir(), compiler = "cc"): Promise<string> {
  const src = kcmpSourcePath();
  if (!src) throw new Error("kcmp.c is not shipped with this build");
  const hash = createHash("sha1").update(readFileSync(src)).digest("hex").slice(0, 12);
  const bin = join(cacheDir, `kcmp-${hash}-${process.arch}`);
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  await run(compiler, ["-O2", "-o", tmp, src]);
  renameSync(tmp, bin); // atomic: a concurrent build of the same source is harmless
  return bin;
}

/** A running kcmp co-process. */
class KcmpHelper implements FileSharing {
  readonly method = "kcmp";
  readonly reason = "";
  private buffered = "";
  private waiting: Array<{ resolve: (line: string) => void; reject: (e: Error) => void }> = [];
  private dead?: Error;

  constructor(private child: ChildProcess) {
    child.stdout!.setEncoding("latin1");
    child.stdout!.on("data", (chunk: string) => {
      this.buffered += chunk;
      let nl: number;
      while ((nl = this.buffered.indexOf("\n")) >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        this.waiting.shift()?.resolve(line);
      }
      this.idle();
    });
    child.on("exit", (code, signal) => this.fail(new Error(`kcmp helper exited (${signal ?? code})`)));
    child.on("error", (e) => this.fail(e));
    child.stdin!.on("error", (e) => this.fail(e));
  }

  private fail(e: Error): void {
    this.dead = e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  // Keep node's event loop alive only while an answer is due.
  private idle(): void {
    const ref = this.waiting.length > 0;
    for (const s of [this.child.stdout, this.child.stdin] as Array<{ ref?: () => void; unref?: () => void } | null>) {
      if (ref) s?.ref?.(); else s?.unref?.();
    }
    if (ref) this.child.ref(); else this.child.unref();
  }

  nextLine(): Promise<string> {
    if (this.dead) return Promise.reject(this.dead);
    const p = new Promise<string>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.idle();
    return p;
  }

  async classify(groups: Descriptor[][], hints?: number[][]): Promise<number[][]> {
    const out: number[][] = [];
    const asked = groups.map((g, i) => ({ g, h: hints?.[i] })).filter(({ g }) => g.length > 1);
    if (this.dead) throw this.dead;
    // Waiters are queued in the same order as the lines, so answers pair up in FIFO order.
    const pending = asked.map(() => this.nextLine());
    this.child.stdin!.write(asked.map(({ g, h }) => `${g.length} ${g.map((d, i) => `${d.pid} ${d.fd} ${h?.[i] ?? -1}`).join(" ")}\n`).join(""));
    const answers = await Promise.all(pending);
    let k = 0;
    for (const g of groups) {
      if (g.length <= 1) out.push(g.map(() => 0));
      else out.push(answers[k++].split(" ").map(Number));
    }
    return out;
  }

  close(): void {
    this.child.stdin?.end();
    this.child.kill();
  }
}

/** Starts the exact method, or explains why it falls back to identity. Never throws. */
export async function openFileSharing(opts: { cacheDir?: string; compiler?: string } = {}): Promise<FileSharing> {
  if (process.platform !== "linux") return identitySharing(`kcmp(2) is Linux only (this is ${process.platform})`);
  let bin: string;
  try {
    bin = await buildKcmp(opts.cacheDir, opts.compiler);
  } catch (e) {
    return identitySharing(`could not build the kcmp helper: ${(e as Error).message}`);
  }
  const child = spawn(bin, [], { stdio: ["pipe", "pipe", "ignore"] });
  const helper = new KcmpHelper(child);
  try {
    const hello = await helper.nextLine();
    if (hello === "ok") return helper;
    helper.close();
    return identitySharing(`kcmp(2) is not available here (${hello.replace(/^no \d+ /, "")})`);
  } catch (e) {
    helper.close();
    return identitySharing(`the kcmp helper did not start: ${(e as Error).message}`);
  }
}
