// `forklab check` for one server: load it for the model, build it for real, run every
// check in both halves, and join each check's two verdicts.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadProgram } from "../../host/load";
import { compile } from "../../fidelity/compile";
import { buildHelper } from "../../live/helper";
import { freePort } from "../../host/ports";
import { platformSupport } from "../../live/platform";
import { CannotRun, CHECK_IDS, CheckId, CheckResult, Exercise, HalfResult, joinHalves } from "./checks";
import { modelCannotRun, runModelCheck, type ModelProgram } from "./model";
import { runRealCheck, StartFailed, type RealTarget } from "./real";
import { MODEL_PORT } from "./scenarios";


export interface CheckOptions {
  exercise: Exercise;
  model?: boolean;
  real?: boolean;
  /** Only these checks (all when absent). */
  only?: CheckId[];
  /** Where csapp.c is when the server includes "csapp.h" and has none next to it. */
  examplesDir?: string;
  /** The server's text when it differs from the file (an editor's unsaved buffer). */
  text?: string;
  /** Progress, one line at a time. */
  progress?: (line: string) => void;
  /** Checks not started by this time (Date.now()) fail as over the time limit. */
  deadline?: number;
  /** Called as each check's result is known. */
  onResult?: (r: CheckResult) => void;
}

export interface CheckReport {
  file: string;
  results: CheckResult[];
  /** Set when the server could not be built or started: no check ran. */
  cannotRun?: string;
  seconds: number;
}

async function loadModel(file: string, text?: string): Promise<ModelProgram> {
  const loaded = await loadProgram(file, { text });
  const why = modelCannotRun(file.replace(/\\/g, "/"), loaded.diagnostics);
  if (why) throw new CannotRun(why);
  return loaded;
}

async function buildReal(file: string, ex: Exercise, examplesDir?: string): Promise<RealTarget & { dispose(): void }> {
  const support = platformSupport();
  if (!support.server) throw new CannotRun(`the real half needs Linux: ${support.why}`);
  let built;
  try {
    built = await compile(file, { examplesDir });
  } catch (e) {
    throw new CannotRun((e as Error).message);
  }
  const reaper = await buildHelper("reaper");
  // The server runs in a folder of its own holding the exercise's files.
  const cwd = mkdtempSync(join(tmpdir(), "forklab-check-"));
  for (const [name, text] of Object.entries(ex.files)) writeFileSync(join(cwd, name), text);
  return { exe: built.exe, reaper, cwd, dispose: () => { built.dispose(); rmSync(cwd, { recursive: true, force: true }); } };
}

export async function checkServer(file: string, opts: CheckOptions): Promise<CheckReport> {
  const start = Date.now();
  const ids = opts.only ?? [...CHECK_IDS];
  const wantModel = opts.model ?? true;
  const wantReal = opts.real ?? true;
  const say = opts.progress ?? (() => undefined);
  let model: ModelProgram | undefined;
  let real: (RealTarget & { dispose(): void }) | undefined;
  // gcc runs in its own process while the model runs here: start it first.
  const building = wantReal ? buildReal(file, opts.exercise, opts.examplesDir) : undefined;
  building?.catch(() => undefined); // its failure is taken where it is awaited
  try {
    if (wantModel) model = await loadModel(file, opts.text);
    const overTime = (): HalfResult | undefined => (opts.deadline !== undefined && Date.now() > opts.deadline ? { ok: false, message: "not run: the time limit for this server was reached" } : undefined);
    // The model first (it holds the thread), then the real checks side by side, each on a
    // server of its own: their clients' timeouts must not wait behind the model.
    const models = new Map<CheckId, HalfResult | undefined>();
    for (const id of ids) {
      if (wantModel) say(`${id} (model)...`);
      models.set(id, model ? overTime() ?? runModelCheck(id, model, opts.exercise, MODEL_PORT) : undefined);
    }
    if (building) real = await building;
    if (real) say("the real checks...");
    const target = real;
    const results = await Promise.all(ids.map(async (id) => {
      const r = target ? overTime() ?? await runRealCheck(id, target, opts.exercise, await freePort()) : undefined;
      const joined = joinHalves(id, models.get(id), r);
      opts.onResult?.(joined);
      return joined;
    }));
    return { file, results, seconds: (Date.now() - start) / 1000 };
  } catch (e) {
    if (e instanceof CannotRun || e instanceof StartFailed) return { file, results: [], cannotRun: e.message, seconds: (Date.now() - start) / 1000 };
    throw e;
  } finally {
    // Whatever failed, the build is waited for so that its folder is removed.
    (real ?? (await building?.catch(() => undefined)))?.dispose();
  }
}
