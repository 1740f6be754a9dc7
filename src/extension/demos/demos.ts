// "Run demo...": pick a classic mistake; the demo opens its example, starts a session in
// the demo's world and steps with the scheduler until the interesting moment holds.
import * as vscode from "vscode";
import { model } from "../model";
import { openExample, revealLine } from "../session/examples";
import { LessonArgs, markDone, realDemos } from "../session/lessons";
import { host } from "../platform/host";
import type { Services } from "../services";
import { settings } from "../session/sessions";

export interface DemoResult {
  ok: boolean;
  /** The moment's predicate held on the Snapshot the demo stopped at. */
  moment: boolean;
  step: number;
  message?: string;
}

export function register(context: vscode.ExtensionContext, { sessions }: Services): void {
  context.subscriptions.push(vscode.commands.registerCommand("forklab.runDemo", async (args?: ({ demo?: string } & LessonArgs) | string): Promise<DemoResult> => {
    let id = typeof args === "string" ? args : args?.demo;
    const lesson = typeof args === "string" ? undefined : args;
    const real = await realDemos(context);
    if (id && real[id]) {
      const ok = await host.runReal(context, id, real[id]);
      if (ok) markDone(lesson);
      return { ok, moment: ok, step: 0 };
    }
    if (!id) {
      const pick = await vscode.window.showQuickPick([
        ...model().DEMOS.map((d) => ({ label: d.title, detail: d.look, description: d.example, id: d.id })),
        ...Object.entries(real).map(([k, d]) => ({ label: `Run for real: ${k}`, detail: d.what, description: d.example, id: k })),
      ],
        { title: "Fork Lab: run a demo", placeHolder: "Each demo steps an example to the moment its mistake shows", matchOnDetail: true });
      if (!pick) return { ok: false, moment: false, step: 0, message: "cancelled" };
      if (real[pick.id]) return { ok: await host.runReal(context, pick.id, real[pick.id]), moment: true, step: 0 };
      id = pick.id;
    }
    const d = model().demo(id);
    if (!d) {
      void vscode.window.showErrorMessage(`Fork Lab: there is no demo "${id}".`);
      return { ok: false, moment: false, step: 0, message: `no demo ${id}` };
    }
    const ed = await openExample(context, d.example);
    const s = ed && await sessions.start(ed.document, d.scenario);
    if (!ed || !s) return { ok: false, moment: false, step: 0, message: `could not start ${d.example}` };
    await sessions.perform(s, { kind: "demo", id: d.id, limit: Math.max(settings().maxSteps, 5000) }, { quiet: true, title: `Fork Lab demo: ${d.title}` });
    const st = s.model;
    const moment = d.moment(st.current, st.history);
    const main = st.current.processes.find((p) => p.pid === st.mainPid);
    const at = st.current.processes.find((p) => p.state === "running" && p.line) ?? main;
    if (at?.line) revealLine(ed, at.line);
    if (moment) markDone(lesson);
    if (moment) void vscode.window.showInformationMessage(`Fork Lab demo: ${d.title}. ${d.look}`);
    else void vscode.window.showWarningMessage(`Fork Lab demo: ${d.title} stopped at step ${st.index} before its moment (${st.ended ?? "step limit"}).`);
    return { ok: true, moment, step: st.index };
  }));
}
