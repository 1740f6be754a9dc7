// Continue after a lesson's question stops where the lesson's point shows (the moment its
// figure draws, else its answer's claim: coach/moments.ts lessonPoint), for every question
// of every lesson: the learner sees what was asked about before the run goes past it. In
// zombies.c a plain Continue ran through the scripted Ctrl-C to the end, an empty table.
import * as assert from "node:assert";
import { join } from "node:path";
import { continueTo, lessonPoint, runTo } from "../../../src/coach/moments";
import { loadProgram } from "../../../src/host/load";
import { Stepper } from "../../../src/session/stepper";
import { allSteps, loadLessons, Step } from "./lessons";
import { locate, measure, readScenario, ROOT, runModel } from "./model";

const ls = loadLessons();

/** The step's example stepped as forklab.startSession does for a lesson: to the question. */
async function atQuestion(step: Step): Promise<Stepper> {
  const loaded = await loadProgram(join(ROOT, "examples", step.example));
  const st = new Stepper({ program: loaded.program, name: loaded.name, scenario: readScenario(step.scenario), maxSteps: 50000,
    loadProgram: loaded.loadProgram, readFile: loaded.readFile });
  assert.ok(runTo(st, step.question!.askAt).reached, "the question's moment is reached");
  return st;
}

describe("lessons: Continue after a question stops where the point shows", function () {
  this.timeout(120000);

  it("zombies: Continue after the question stops with the three zombies in the table, before the Ctrl-C", async () => {
    const step = ls.lessons.find((l) => l.id === "forklab.zombies")!.steps.find((s) => s.id === "zombies")!;
    const st = await atQuestion(step);
    const r = continueTo(st, lessonPoint(step));
    assert.ok(r.ok && r.reached, JSON.stringify(r));
    assert.strictEqual(st.ended, undefined, "the run goes on after it");
    const zombies = st.current.processes.filter((p) => p.kind === "program" && p.state === "zombie");
    assert.strictEqual(zombies.length, 3);
    // The next Continue runs on, through the scripted Ctrl-C.
    st.continue();
    assert.strictEqual(st.current.processes.filter((p) => p.kind === "program").length, 0);
  });

  for (const { lesson, step } of allSteps(ls)) {
    const q = step.question;
    if (!q || step.claims.find((c) => c.id === q.claim)?.modelGap) continue;
    const point = lessonPoint(step);
    it(`${lesson.id}#${step.id}: ${point ? `stops at ${JSON.stringify(point)}, the figure's Snapshot` : "its point is the end: runs to it"}`, async () => {
      const st = await atQuestion(step);
      const asked = st.index;
      const r = continueTo(st, point);
      const run = await runModel(step.example, step.scenario);
      if (!point) {
        assert.strictEqual(st.index, run.history.length - 1, `Continue ran to the end (${r.message})`);
        return;
      }
      assert.ok(r.reached, `${JSON.stringify(point)} was not reached: ${r.message}`);
      assert.ok(st.index > asked, "Continue moved on from the question");
      assert.strictEqual(st.index, locate(run, point), "the stop is the Snapshot the lesson's figure draws");
      assert.strictEqual(st.ended, undefined, "the run has not ended at the stop");
      // The answer's claim holds at the stop when it is about this moment.
      const claim = step.claims.find((c) => c.id === q.claim)!;
      if (JSON.stringify(claim.at) === JSON.stringify(point)) assert.ok(measure(run, st.index, claim) !== undefined);
    });
  }
});
