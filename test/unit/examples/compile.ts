// Compiles examples the way the brief promises they build: cc -Wall -Werror -g, with our
// csapp.c when the example includes csapp.h, linked with -lpthread.

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { EXAMPLES_DIR } from "./expected";

const run = promisify(execFile);

const FLAGS = ["-Wall", "-Werror", "-g"];

/** Compile examples/NAME.c into outDir/NAME; returns the binary's path. Rejects with cc's errors.
 *  `csapp` is our library: csapp.c itself, or an object compiled from it once (compileAll). */
export async function compileExample(file: string, outDir: string, csapp = join(EXAMPLES_DIR, "csapp.c")): Promise<string> {
  const src = join(EXAMPLES_DIR, file);
  const out = join(outDir, file.replace(/\.c$/, ""));
  const withCsapp = readFileSync(src, "utf8").includes('#include "csapp.h"');
  const args = [...FLAGS, "-o", out, src];
  if (withCsapp) args.push(csapp);
  args.push("-lpthread");
  await run("cc", args);
  return out;
}

/** Compile many at a time, but no more than `jobs` at once (the machine has 2 cores). */
export async function compileAll(files: string[], outDir: string, jobs = 2): Promise<Map<string, string>> {
  const csapp = join(outDir, "csapp.o");
  await run("cc", [...FLAGS, "-c", "-o", csapp, join(EXAMPLES_DIR, "csapp.c")]);
  const built = new Map<string, string>();
  const queue = [...files];
  const worker = async () => {
    for (let f = queue.shift(); f !== undefined; f = queue.shift()) built.set(f, await compileExample(f, outDir, csapp));
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return built;
}
