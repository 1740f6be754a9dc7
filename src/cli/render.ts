// `forklab render`: draws one Snapshot as an SVG figure (or Markdown tables) with the
// same renderer the view uses. Input is a Snapshot file, or a C file stepped through the
// session (with a scenario) up to step N, highlighting what step N changed.
import { readFileSync, writeFileSync } from "node:fs";
import type { Snapshot } from "../contract/snapshot";
import { snapshotProblem } from "../contract/validate";
import { renderMarkdown, renderSvg, terminalAt } from "../render";
import type { ColourScheme, Terminal } from "../render";
import type { Scenario } from "../contract/scenario";
import { loadSession } from "../host/load";
import { readScenario } from "../host/scenario";

const usage = `usage: forklab render --snapshot SNAP.json [--previous PREV.json] [--theme light|dark|hc] [--md | --png] --out FIG.svg
  --png draws the whole view (controls, picture, events) in Chromium and saves a screenshot
       forklab render FILE.c [--scenario S.json] [--step N] [--theme ...] [--md] --out FIG.svg
  (--step defaults to the last step; the file's run stops at the scenario's or the default step limit)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function readSnapshot(path: string): Snapshot {
  const value: unknown = JSON.parse(readFileSync(path, "utf8"));
  const problem = snapshotProblem(value, path);
  if (problem) throw new Error(problem);
  return value as Snapshot;
}

/** Steps FILE.c to step n (default: to the end); returns the history up to that step. */
async function stepFile(file: string, scenarioPath: string | undefined, stepArg: string | undefined): Promise<Snapshot[] | undefined> {
  const scenario: Scenario = scenarioPath ? readScenario(scenarioPath) : {};
  const { session, errors } = await loadSession(file, scenario);
  for (const e of errors) console.error(e);
  if (!session) return undefined;
  const target = stepArg === undefined ? Infinity : Number(stepArg);
  if (!(target >= 0)) throw new Error(`--step: '${stepArg}' is not a step number`);
  // Every step's snapshot: each holds only its own step's output, and the terminal at
  // step N is all of them up to N.
  const history = [session.snapshot()];
  while (session.steps < target && !session.ended && session.steps < session.maxSteps) {
    session.step();
    history.push(session.snapshot());
  }
  if (Number.isFinite(target) && session.steps < target) console.error(`forklab render: the run ended at step ${session.steps} (${session.ended ?? "step limit"})`);
  return history;
}

/** The view as a learner sees it, in a VS Code-like theme, saved as PNG: the whole history
 *  goes to the view (its terminal shows the output of every step up to the last). */
async function screenshot(history: Snapshot[], scheme: ColourScheme, out: string): Promise<void> {
  const { deliver, launchChromium, openView } = await import("../bench/view-page");
  const { historyMessage } = await import("../contract/sync");
  const chrome = await launchChromium();
  try {
    const page = await openView(chrome, { scheme, width: 1440, height: 900 });
    await deliver(page, historyMessage([], history, history.length - 1));
    // Tall enough for the whole picture (the figure scrolls inside the view otherwise).
    const need = Number(await page.evaluate("document.querySelector('.fl-top').offsetHeight + document.querySelector('.fl-picture svg').getBoundingClientRect().height + 8"));
    await page.setViewportSize({ width: 1440, height: Math.min(4000, Math.max(600, Math.ceil(need))) });
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
    await page.screenshot({ path: out });
  } finally {
    await chrome.close();
  }
}

export async function render(args: string[]): Promise<number> {
  const out = option(args, "--out");
  const snapPath = option(args, "--snapshot");
  const theme = (option(args, "--theme") ?? "light") as ColourScheme;
  if (!["light", "dark", "hc"].includes(theme)) { console.error(`forklab render: unknown theme '${theme}'\n${usage}`); return 2; }
  const file = args.find((a) => a.endsWith(".c"));
  let snap: Snapshot;
  let prev: Snapshot | undefined;
  let history: Snapshot[];
  let term: Terminal | undefined;
  if (snapPath) {
    snap = readSnapshot(snapPath);
    const prevPath = option(args, "--previous");
    prev = prevPath ? readSnapshot(prevPath) : undefined;
    history = prev ? [prev, snap] : [snap];
  } else if (file) {
    const stepped = await stepFile(file, option(args, "--scenario"), option(args, "--step"));
    if (!stepped) return 1;
    history = stepped;
    snap = history[history.length - 1];
    prev = history[history.length - 2];
    term = terminalAt(history);
  } else {
    console.error(usage);
    return 2;
  }
  if (args.includes("--png")) {
    if (!out || out === "-") { console.error("forklab render: --png needs --out FILE.png"); return 2; }
    await screenshot(history, theme, out);
    return 0;
  }
  const text = args.includes("--md") ? renderMarkdown(snap, prev, term) : renderSvg(snap, prev, { scheme: theme }, term);
  if (out && out !== "-") writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}
