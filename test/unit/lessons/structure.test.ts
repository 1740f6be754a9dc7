// walkthroughs/lessons.json is complete and consistent: every concept is taught, every step
// opens a real example at a real line, links only to documented commands, completes on an
// event only it can cause, asks its question before showing the answer, and says in its
// Markdown what its claims say. package.json, the curriculum map and the README agree.
import * as assert from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { allClaims, allSteps, answeredKey, CHECKS, CommandLink, Lesson, loadLessons, Step } from "./lessons";
import { ROOT } from "./model";

const ls = loadLessons();
const EXAMPLES = join(ROOT, "examples");
const read = (p: string): string => readFileSync(join(ROOT, p), "utf8");
const flat = (s: string): string => s.replace(/\s+/g, " ").toLowerCase();
/** Built-in VS Code commands a step may also link to. */
const BUILTIN = /^(workbench|vscode|editor)\./;

function links(s: Step): CommandLink[] {
  return [s.command, ...(s.links ?? [])];
}

function lessonKey(l: Lesson): string {
  return l.id.replace(/^forklab\./, "");
}

describe("lessons: structure of walkthroughs/lessons.json", () => {
  it("has unique lesson ids, step ids within a lesson, and claim ids", () => {
    const lessonIds = ls.lessons.map((l) => l.id);
    assert.deepStrictEqual([...new Set(lessonIds)], lessonIds);
    for (const l of ls.lessons) {
      const ids = l.steps.map((s) => s.id);
      assert.deepStrictEqual([...new Set(ids)], ids, l.id);
      assert.match(l.id, /^forklab\.\w+$/);
      for (const id of ids) assert.match(id, /^\w+$/, `${l.id}: a step id goes into context keys, so only [A-Za-z0-9_]`);
    }
    const claimIds = allClaims(ls).map(({ claim }) => claim.id);
    assert.deepStrictEqual(claimIds.filter((id, i) => claimIds.indexOf(id) !== i), []);
  });

  it("maps every concept of docs/curriculum-map.md (the curriculum's C1-C30 and the added C31-) to at least one lesson step", () => {
    const taught = new Set(allSteps(ls).flatMap(({ step }) => step.concepts));
    const curriculum = [...read("docs/curriculum-map.md").matchAll(/^\| (C\d+) \|/gm)].map((m) => m[1]);
    assert.deepStrictEqual(curriculum.slice(0, 30), Array.from({ length: 30 }, (_, i) => `C${i + 1}`), "docs/curriculum-map.md lists C1-C30 first");
    for (const c of taught) assert.ok(curriculum.includes(c), `${c} is taught but not in docs/curriculum-map.md`);
    assert.deepStrictEqual(curriculum.filter((c) => !taught.has(c)), []);
  });

  it("gives each lesson the concepts of its steps and a handful of steps", () => {
    for (const l of ls.lessons) {
      const fromSteps = [...new Set(l.steps.flatMap((s) => s.concepts))].sort();
      assert.deepStrictEqual([...l.concepts].sort(), fromSteps, l.id);
      assert.ok(l.steps.length >= 2 && l.steps.length <= 7, `${l.id} has ${l.steps.length} steps`);
    }
  });

  it("opens examples that exist, have expected facts, and have the promised text on the step's line", () => {
    for (const { lesson, step } of allSteps(ls)) {
      const where = `${lesson.id}#${step.id}`;
      const file = join(EXAMPLES, step.example);
      assert.ok(existsSync(file), `${where}: no examples/${step.example}`);
      assert.ok(existsSync(join(EXAMPLES, "expected", step.example.replace(/\.c$/, ".json"))), `${where}: no expected file for ${step.example}`);
      const line = readFileSync(file, "utf8").split("\n")[step.line - 1] ?? "";
      assert.ok(line.includes(step.lineHas), `${where}: line ${step.line} of ${step.example} is ${JSON.stringify(line)}, without ${JSON.stringify(step.lineHas)}`);
      if (step.scenario) assert.ok(existsSync(join(EXAMPLES, step.scenario)), `${where}: no examples/${step.scenario}`);
    }
    for (const { step, claim } of allClaims(ls)) {
      assert.ok(existsSync(join(EXAMPLES, "expected", claim.example.replace(/\.c$/, ".json"))), `${claim.id}: ${claim.example} has no expected file`);
      if (claim.scenario) assert.ok(existsSync(join(EXAMPLES, claim.scenario)), `${claim.id}: no examples/${claim.scenario}`);
      assert.ok(step.claims.length > 0);
    }
  });

  it("links only to documented commands or VS Code built-ins, with valid arguments", () => {
    for (const { lesson, step } of allSteps(ls)) {
      for (const link of links(step)) {
        const where = `${lesson.id}#${step.id} -> ${link.id}`;
        if (BUILTIN.test(link.id)) continue;
        const doc = ls.commands[link.id];
        assert.ok(doc, `${where}: not documented in lessons.json commands`);
        const args = link.args ?? {};
        for (const k of Object.keys(args)) assert.ok(k in doc.args, `${where}: argument ${k} is not documented`);
        if ("example" in args) assert.ok(existsSync(join(EXAMPLES, String(args.example))), `${where}: no example ${String(args.example)}`);
        if ("scenario" in args) assert.ok(existsSync(join(EXAMPLES, String(args.scenario))), `${where}: no scenario ${String(args.scenario)}`);
        if ("line" in args) {
          const n = readFileSync(join(EXAMPLES, String(args.example)), "utf8").split("\n").length;
          assert.ok(Number.isInteger(args.line) && (args.line as number) >= 1 && (args.line as number) <= n, `${where}: line ${String(args.line)}`);
        }
        if ("demo" in args) assert.ok(ls.demos[String(args.demo)], `${where}: no demo ${String(args.demo)}`);
        if (link.id === "forklab.answerQuestion") {
          assert.deepStrictEqual(args, { lesson: lesson.id, step: step.id }, `${where}: answers another step's question`);
          assert.ok(step.question, `${where}: the step has no question`);
        } else if ("lesson" in args || "step" in args) {
          assert.deepStrictEqual([args.lesson, args.step], [lesson.id, step.id], `${where}: names another step`);
        }
      }
    }
    for (const d of Object.values(ls.demos)) assert.ok(existsSync(join(EXAMPLES, d.example)), d.example);
  });

  it("documents every command id and context key in walkthroughs/README.md", () => {
    const doc = read("walkthroughs/README.md");
    for (const id of Object.keys(ls.commands)) assert.ok(doc.includes(`\`${id}\``), `${id} is not in walkthroughs/README.md`);
    for (const key of Object.keys(ls.contextKeys)) assert.ok(doc.includes(`\`${key}\``), `${key} is not in walkthroughs/README.md`);
    for (const c of CHECKS) assert.ok(doc.includes(`\`${c}\``), `check ${c} is not in walkthroughs/README.md`);
  });

  it("completes each step on an event that only doing that step causes", () => {
    for (const l of ls.lessons) {
      const seen = new Map<string, string>();
      for (const s of l.steps) {
        const where = `${l.id}#${s.id}`;
        assert.ok(s.completionEvents.length > 0, `${where}: no completion event`);
        for (const e of s.completionEvents) {
          assert.ok(!seen.has(e), `${where} and ${l.id}#${seen.get(e)} complete on the same event ${e}`);
          seen.set(e, s.id);
          const key = e.replace(/^onContext:/, "");
          if (key === answeredKey(l.id, s.id)) {
            assert.ok(s.question, `${where}: completes on an answer but has no question`);
          } else if (key === `forklab.did.${lessonKey(l)}.${s.id}`) {
            const a = s.command.args ?? {};
            assert.deepStrictEqual([a.lesson, a.step], [l.id, s.id], `${where}: its command must carry lesson and step to set ${key}`);
            assert.ok(!s.question, `${where}: a step with a question completes on its answer`);
          } else if (e.startsWith("onContext:")) {
            assert.ok(ls.contextKeys[key], `${where}: ${key} is not a documented context key`);
          } else {
            const m = /^onCommand:(.+)$/.exec(e);
            assert.ok(m, `${where}: unknown completion event ${e}`);
            const others = l.steps.filter((o) => o !== s && links(o).some((k) => k.id === m[1]));
            assert.deepStrictEqual(others.map((o) => o.id), [], `${where}: other steps link ${m[1]} too, so they would complete it`);
          }
        }
      }
    }
  });

  it("asks at least one question per lesson, with an answer, a proof and a reason for each wrong choice", () => {
    const tables = ["process", "descriptor", "openFile", "vnode", "signals", "stdio", "output"];
    for (const l of ls.lessons) {
      assert.ok(l.steps.some((s) => s.question), `${l.id} asks no question`);
      for (const s of l.steps) {
        const q = s.question;
        if (!q) continue;
        const where = `${l.id}#${s.id}`;
        assert.ok(q.choices.length >= 3, `${where}: fewer than 3 choices`);
        assert.ok(Number.isInteger(q.answer) && q.choices[q.answer], `${where}: answer ${q.answer}`);
        assert.deepStrictEqual(new Set(q.choices.map((c) => c.text)).size, q.choices.length, `${where}: repeated choice`);
        q.choices.forEach((c, i) => {
          if (i === q.answer) { assert.ok(!c.why, `${where}: the right choice needs no reason`); return; }
          assert.ok(c.why && c.why.length > 20, `${where}: wrong choice ${JSON.stringify(c.text)} has no explanation`);
          assert.ok(c.table && tables.includes(c.table), `${where}: wrong choice ${JSON.stringify(c.text)} names no table`);
        });
        assert.ok(s.claims.some((c) => c.id === q.claim), `${where}: its proof ${q.claim} is not a claim of the step`);
        assert.ok(s.links?.some((k) => k.id === "forklab.answerQuestion"), `${where}: no link to answer`);
      }
    }
  });

  it("says each claim in the step's Markdown, and keeps a question's answer folded until it is asked", () => {
    for (const { lesson, step } of allSteps(ls)) {
      const where = `${lesson.id}#${step.id}`;
      assert.ok(step.markdown.startsWith(`walkthroughs/${lessonKey(lesson)}/`), `${where}: Markdown belongs in walkthroughs/${lessonKey(lesson)}/`);
      const md = read(step.markdown);
      for (const c of step.claims) assert.ok(flat(md).includes(flat(c.text)), `${where}: the Markdown does not say ${JSON.stringify(c.text)}`);
      if (step.question) {
        const fold = md.indexOf("<details>");
        assert.ok(fold > 0, `${where}: the answer must sit in a <details> block`);
        const answerClaim = step.claims.find((c) => c.id === step.question!.claim)!;
        assert.ok(!flat(md.slice(0, fold)).includes(flat(answerClaim.text)), `${where}: the answer is on screen before the question`);
      }
    }
  });

  it("has a figure for each step or says why not, and nothing unused in walkthroughs/media", () => {
    const figures = allSteps(ls).flatMap(({ step }) => (step.figure ? [step.figure.svg] : []));
    for (const { lesson, step } of allSteps(ls)) {
      if (!step.figure) continue;
      const where = `${lesson.id}#${step.id}`;
      assert.ok(existsSync(join(ROOT, step.figure.svg)) || ls.pendingMedia[step.figure.svg], `${where}: ${step.figure.svg} is missing and not listed as pending`);
      const rel = step.figure.svg.replace(/^walkthroughs\//, "../");
      assert.ok(read(step.markdown).includes(`](${rel})`), `${where}: the Markdown does not show ${rel}`);
    }
    for (const p of Object.keys(ls.pendingMedia)) assert.ok(figures.includes(p), `pendingMedia lists ${p}, which no step shows`);
    const dir = join(ROOT, "walkthroughs", "media");
    const files = existsSync(dir) ? readdirSync(dir).map((f) => `walkthroughs/media/${f}`) : [];
    assert.deepStrictEqual(files.filter((f) => !figures.includes(f)), []);
    for (const f of files) assert.ok(!ls.pendingMedia[f], `${f} exists, so it is not pending`);
  });

  it("uses only known checks in claims and context keys", () => {
    for (const { claim } of allClaims(ls)) assert.ok((CHECKS as readonly string[]).includes(claim.check), `${claim.id}: ${claim.check}`);
    for (const [k, v] of Object.entries(ls.contextKeys)) assert.ok((CHECKS as readonly string[]).includes(v.check), `${k}: ${v.check}`);
  });

  it("keeps package.json, docs/curriculum-map.md and README.md in sync with lessons.json", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "walkthroughs.mjs"), "--check"], { encoding: "utf8" });
    assert.strictEqual(r.status, 0, r.stderr);
    const pkg = JSON.parse(read("package.json")) as { contributes: { walkthroughs: Array<{ id: string }> } };
    const ids = pkg.contributes.walkthroughs.map((w) => w.id);
    assert.strictEqual(ids[0], "forklab.start", "Start here stays first");
    // The lessons follow in lessons.json's order, and any other walkthrough (the exercises' Your turn) comes last.
    assert.deepStrictEqual(ids.slice(1, 1 + ls.lessons.length), ls.lessons.map((l) => l.id));
  });
});
