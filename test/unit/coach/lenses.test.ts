// Lens titles and lines, hover texts and the status text, computed from real Snapshots of
// echoserverp.c stepped in the model.
import { strict as assert } from "node:assert";
import { PROCESSES_PER_LINE, idleLenses, mainLine, sessionLenses, statusText } from "../../../src/coach/lenses";
import { Stepper } from "../../../src/session/stepper";
import { compile } from "../c/helpers";
import { LENS_COMMANDS } from "../../../src/extension/editor/lens-commands";
import { callText, effectSummary, stepEffects } from "../../../src/coach/hovers";
import { example, stepper } from "../session/helpers";

const text = example("echoserverp.c");
const lines = text.split("\n");

describe("code lenses, hovers and status text", function () {
  this.timeout(60000);

  it("before a session: Step in Fork Lab and Run to end above main (line 19)", () => {
    assert.equal(mainLine(text), 19);
    assert.deepEqual(idleLenses(text, LENS_COMMANDS).map((l) => [l.line, l.title]), [[19, "$(debug-start) Step in Fork Lab"], [19, "Run to end"]]);
    assert.deepEqual(idleLenses("int helper(void) { return 0; }\n", LENS_COMMANDS), []);
  });

  it("after fork: one lens per process, the child's labelled (child), the parent's (parent)", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.until((s) => s.processes.some((p) => p.ppid === st.mainPid && p.kind === "program"));
    const s = st.current;
    const child = s.processes.find((p) => p.ppid === st.mainPid && p.kind === "program")!;
    const lenses = sessionLenses({ snapshot: s, mainPid: st.mainPid, text }, LENS_COMMANDS);
    const parentLens = lenses.find((l) => l.title.includes(`pid ${st.mainPid} (parent)`))!;
    const childLens = lenses.find((l) => l.title.includes(`Step pid ${child.pid} (child)`))!;
    assert.ok(parentLens && childLens, lenses.map((l) => l.title).join(" | "));
    assert.equal(childLens.line, child.line);
    assert.deepEqual(childLens.args, [child.pid]);
    assert.equal(childLens.command, "forklab.stepProcess");
    // fork returned twice: the child is still on line 34 (it tests the 0), the parent went on to line 40.
    assert.equal(child.line, 34);
    assert.equal(parentLens.line, 40);
  });

  it("two processes on one line get two lenses on that line, in pid order", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    const shared = (s: typeof st.current) => {
      const live = s.processes.filter((p) => p.kind === "program" && p.state !== "zombie" && p.line);
      return live.find((p) => live.some((q) => q !== p && q.line === p.line))?.line;
    };
    st.until((s) => shared(s) !== undefined);
    const line = shared(st.current)!;
    const pids = st.current.processes.filter((p) => p.kind === "program" && p.state !== "zombie" && p.line === line).map((p) => p.pid);
    const titles = sessionLenses({ snapshot: st.current, mainPid: st.mainPid, text }, LENS_COMMANDS).filter((l) => l.line === line && l.command !== "forklab.runToLine").map((l) => l.title);
    assert.equal(titles.length, pids.length);
    pids.forEach((pid, k) => assert.ok(titles[k].includes(`pid ${pid} `), titles.join(" | ")));
  });

  it("a fork bomb: a line shows a few processes' lenses and one lens counting the rest; the zombie lens lists a few pids", async () => {
    const src = "#include <unistd.h>\nint main(void) {\n    for (int i = 0; i < 6; i++)\n        fork();\n    _exit(0);\n}\n";
    const { program } = await compile(src, "bomb.c");
    const st = new Stepper({ program, name: "bomb", scenario: {}, maxSteps: 5000 });
    st.until((s) => s.processes.filter((p) => p.kind === "program" && p.state !== "zombie" && p.line === 5).length > 20);
    const s = st.current;
    const onLine5 = s.processes.filter((p) => p.kind === "program" && p.state !== "zombie" && p.line === 5).length;
    const lenses = sessionLenses({ snapshot: s, mainPid: st.mainPid, text: src }, LENS_COMMANDS).filter((l) => l.line === 5);
    assert.equal(lenses.length, PROCESSES_PER_LINE, lenses.map((l) => l.title).join(" | "));
    assert.equal(lenses[PROCESSES_PER_LINE - 1].title, `${onLine5 - (PROCESSES_PER_LINE - 1)} more processes here`);
    // A parent that never waits for its twelve children: they stay zombies.
    const lazy = "#include <unistd.h>\nint main(void) {\n    for (int i = 0; i < 12; i++)\n        if (fork() == 0) _exit(0);\n    pause();\n}\n";
    const z = new Stepper({ program: (await compile(lazy, "lazy.c")).program, name: "lazy", scenario: {}, maxSteps: 5000 });
    z.continue();
    const zombies = sessionLenses({ snapshot: z.current, mainPid: z.mainPid, text: lazy }, LENS_COMMANDS).find((l) => l.title.startsWith("zombies"));
    assert.match(zombies?.title ?? "no zombie lens", /^zombies (\d+, ){8}\.\.\. \(12 in all\): exited, not reaped$/);
  });

  it("a server blocked in accept gets a lens that connects a client", async () => {
    const st = await stepper("echoserverp.c", { argv: ["15213"] });
    st.continue();
    const lenses = sessionLenses({ snapshot: st.current, mainPid: st.mainPid, text, ended: st.ended }, LENS_COMMANDS);
    const blocked = lenses.find((l) => l.line === 33 && l.title.startsWith(`pid ${st.mainPid}`))!;
    assert.equal(blocked.title, `pid ${st.mainPid} (main) blocked in accept(3): connect a client`);
    assert.equal(blocked.command, "forklab.connectClient");
    // "Run to here" sits on the fork line, which no process occupies.
    assert.ok(lenses.some((l) => l.line === 34 && l.title === "Run to here"));
    assert.ok(!lenses.some((l) => l.line === 33 && l.title === "Run to here"));
  });

  it("hover: the parent's Close(connfd) takes the connection's open file from refcount 2 to 1", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    st.until((s) => s.events.some((e) => e.kind === "syscall" && e.call === "close" && e.pid === st.mainPid));
    const i = st.index;
    const effects = stepEffects(st.history[i - 1], st.history[i], i, st.callsAt(i), (n) => lines[n - 1] ?? "");
    const close = effects.find((e) => e.pid === st.mainPid && e.line === 40)!;
    assert.equal(close.call, "Close(connfd)");
    assert.deepEqual(close.calls, ["close(4) = 0"]);
    const fileId = st.history[i - 1].processes.find((p) => p.pid === st.mainPid)!.fds[4];
    assert.ok(close.effects.includes(`open file #${fileId} refcount 2 -> 1`), close.effects.join("\n"));
    assert.match(effectSummary(close), new RegExp(`^Close\\(connfd\\): .*open file #${fileId} refcount 2 -> 1`));
  });

  it("callText finds the call written on a line, skipping keywords", () => {
    assert.equal(callText("        if (Fork() == 0) {"), "Fork()");
    assert.equal(callText("    connfd = Accept(listenfd, (SA *)&clientaddr, &clientlen);"), "Accept(listenfd, (SA *)&clientaddr, &clientlen)");
    assert.equal(callText("    x = 1;"), undefined);
  });

  it("status text counts live processes and zombies, with a sentence for screen readers", async () => {
    const st = await stepper("zombies.c", "zombies.scenario.json");
    st.until((s) => s.processes.filter((p) => p.state === "zombie").length === 3);
    const { text: t, label } = statusText(st.current);
    assert.equal(t, `Fork Lab: step ${st.index} · 1 live · 3 zombies`);
    assert.equal(label, `Fork Lab session at step ${st.index}: 1 live process, 3 zombies`);
  });
});
