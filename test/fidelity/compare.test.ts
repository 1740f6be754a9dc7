// Comparison rules on small hand-made traces: what must match, what may vary.
import { strict as assert } from "node:assert";
import { byForkOrder, checkRules, compare, foldReads } from "../../src/fidelity/compare";
import { statementLines } from "../../src/fidelity/functions";
import { maskMeasuredTimes, renameHostname, type NormEntry, type NormProc, type NormTrace } from "../../src/fidelity/normal";
import { formatComparison } from "../../src/fidelity/report";

let clock = 0;
const e = (line: number, call: string, args: Array<number | string>, ret: number | string, extra: Partial<NormEntry> = {}): NormEntry =>
  ({ line, call, args, ret, start: ++clock, end: clock, ...extra });
const proc = (name: string, entries: NormEntry[], more: Partial<NormProc> = {}): NormProc =>
  ({ name, pid: 0, entries, children: [], end: { kind: "exited", code: 0 }, stdout: "", stderr: "", ...more });
const trace = (side: "linux" | "model", procs: NormProc[]): NormTrace => ({ side, procs, stdout: "" });

function forkPipe(side: "linux" | "model", readFd = 3): NormTrace {
  return trace(side, [
    proc("P1", [e(11, "pipe", [3, 4], 0), e(12, "fork", [], "P1.1"), e(18, "close", [4], 0), e(20, "read", [readFd], 3)], { children: ["P1.1"] }),
    proc("P1.1", [e(14, "close", [3], 0), e(15, "write", [4], 3, { data: "abc" })]),
  ]);
}

describe("fidelity: comparison", () => {
  it("identical traces agree", () => {
    assert.equal(compare(forkPipe("linux"), forkPipe("model")).agree, true);
  });

  it("a different descriptor is the first divergence, marked in the side-by-side report", () => {
    const c = compare(forkPipe("linux"), forkPipe("model", 5));
    assert.equal(c.agree, false);
    assert.equal(c.divergences[0].proc, "P1");
    assert.equal(c.divergences[0].index, 3);
    const text = formatComparison(c, "t");
    assert.match(text, />> 20: read\(3\) = 3 +\| 20: read\(5\) = 3/);
    assert.match(text, /DIFFER/);
  });

  it("reads split differently by timing fold into one (pipe chunk sizes vary)", () => {
    const l = trace("linux", [proc("P1", [e(7, "read", [3], 2), e(7, "read", [3], 4), e(7, "read", [3], 0)])]);
    const m = trace("model", [proc("P1", [e(7, "read", [3], 6), e(7, "read", [3], 0)])]);
    assert.equal(compare(l, m).agree, true);
    assert.equal(foldReads(l.procs[0].entries).length, 2);
  });

  it("a wait for sleepers (GETNCNT or GETZCNT asked again from one line) counts as its last ask; any other semctl, or a different last answer, does not fold", () => {
    const GETNCNT = 14, GETVAL = 12;
    const waits = (...rets: number[]) => rets.map((r) => e(28, "semctl", [GETNCNT], r));
    const l = trace("linux", [proc("P1", [e(27, "fork", [], "P1.1"), ...waits(0, 0, 0, 1), e(29, "semop", [], 0)])]);
    const m = trace("model", [proc("P1", [e(27, "fork", [], "P1.1"), ...waits(1), e(29, "semop", [], 0)])]);
    assert.equal(compare(l, m).agree, true);
    assert.equal(compare(trace("linux", [proc("P1", waits(0, 0))]), trace("model", [proc("P1", waits(1))])).agree, false);
    const vals = (...rets: number[]) => rets.map((r) => e(30, "semctl", [GETVAL], r));
    assert.equal(compare(trace("linux", [proc("P1", vals(0, 1))]), trace("model", [proc("P1", vals(1))])).agree, false);
  });

  it("WNOHANG finding nothing: 0 and ECHILD are the same outcome; but a reaped child is not", () => {
    const l = trace("linux", [proc("P1", [e(9, "waitpid", [-1, 1], 0)])]);
    const m = trace("model", [proc("P1", [e(9, "waitpid", [-1, 1], -1, { errno: "ECHILD" })])]);
    assert.equal(compare(l, m).agree, true);
    const m2 = trace("model", [proc("P1", [e(9, "waitpid", [-1, 1], "P1.1")])]);
    assert.equal(compare(l, m2).agree, false);
  });

  it("a polling loop's empty rounds may repeat more on one side (the child took longer); a round that did something else may not", () => {
    // `odd`: the round whose sleep returned early (5 seconds left), if any.
    const poll = (rounds: number, odd = -1) => trace("linux", [proc("P1", [
      e(21, "sleep", [], 0),
      ...Array.from({ length: rounds }, (_, k) => [e(23, "waitpid", [-1, 1], 0), e(29, "sleep", [], k === odd ? 5 : 0)]).flat(),
      e(23, "waitpid", [-1, 1], "P1.2"), e(33, "write", [1], 12),
    ], { children: ["P1.2"] })]);
    assert.equal(compare(poll(3), { ...poll(1), side: "model" }).agree, true);
    // A round whose sleep was cut short differs from the others: it is not folded away.
    assert.equal(compare(poll(3, 1), { ...poll(1), side: "model" }).agree, false);
    // No empty round at all on one side is a different program path, not timing.
    assert.equal(compare(poll(2), { ...poll(0), side: "model" }).agree, false);
    // A single WNOHANG look from another line before the loop leaves the loop's rounds to fold.
    const looked = (rounds: number, side: "linux" | "model") => {
      const t = poll(rounds);
      t.procs[0].entries.unshift(e(19, "waitpid", [-1, 1], 0));
      return { ...t, side };
    };
    assert.equal(compare(looked(5, "linux"), looked(4, "model")).agree, true);
  });

  it("signal handler work is compared as a whole, wherever the signal landed", () => {
    const h = (ret: string | number) => e(5, "waitpid", [-1, 1], ret, ret === -1 ? { handler: true, errno: "ECHILD" } : { handler: true });
    const l = trace("linux", [proc("P1", [e(20, "accept", [3], 4), h("P1.1"), h(0), e(20, "accept", [3], 5), h("P1.2"), h(-1)])]);
    const m = trace("model", [proc("P1", [e(20, "accept", [3], 4), e(20, "accept", [3], 5), h("P1.1"), h("P1.2"), h(0)])]);
    assert.equal(compare(l, m).agree, true);
    const lost = trace("model", [proc("P1", [e(20, "accept", [3], 4), e(20, "accept", [3], 5), h("P1.1"), h(0)])]);
    const c = compare(l, lost);
    assert.equal(c.agree, false);
    assert.match(c.divergences[0].what, /signal handlers/);
  });

  it("a missing process, a different exit status and different output bytes are each reported", () => {
    const l = forkPipe("linux");
    const m = forkPipe("model");
    m.procs[1].end = { kind: "exited", code: 1 };
    m.procs[0].stdout = "x";
    m.procs.push(proc("P1.2", []));
    const whats = compare(l, m).divergences.map((d) => d.what);
    assert.ok(whats.includes("different end"));
    assert.ok(whats.includes("different bytes written to descriptor 1"));
    assert.ok(whats.includes("only the model has this process"));
  });

  it("cross-process rules: a child acting before its fork, a read before the write of its data, a wait before the exit", () => {
    clock = 100;
    const t = trace("model", [
      proc("P1", [e(2, "fork", [], "P1.1"), e(3, "waitpid", [-1, 0], "P1.1"), e(4, "read", [3], 3, { data: "abc" })]),
      proc("P1.1", [
        e(6, "close", [3], 0, { start: 1, end: 1 }),
        e(7, "write", [4], 3, { data: "abc", start: 1000, end: 1000 }),
        e(8, "exit", [0], 0, { start: 1001, end: 1001 }),
      ]),
    ]);
    const rules = checkRules(t).map((v) => v.rule).sort();
    assert.deepEqual(rules, ["exit-before-wait", "fork-before-child", "write-before-read"]);
    assert.deepEqual(checkRules(forkPipe("linux")), []);
  });

  it("a process reading back what it wrote into its own pipe is no write-before-read, though a child writes the same text later", () => {
    // forklab fuzz found this: the child flushes a copy of the parent's stdio buffer, which
    // holds the text the parent had read from its pipe and printed.
    clock = 100;
    const run = (ownAt: number) => trace("linux", [
      proc("P1", [
        e(2, "write", [4], 11, { data: "fork zombie", start: ownAt, end: ownAt }), e(3, "read", [3], 3, { data: "for", start: 5, end: 5 }),
        e(4, "fork", [], "P1.1", { start: 6, end: 6 }),
      ]),
      proc("P1.1", [e(9, "write", [1], 9, { data: "[for]\n", start: 20, end: 20 })]),
    ]);
    assert.deepEqual(checkRules(run(4)), []);
    // Written by itself only after the read, and by the child later still: a real violation.
    assert.deepEqual(checkRules(run(30)).map((v) => v.rule), ["write-before-read"]);
  });

  it("text a process wrote into its own pipe in two writes and reads back in one is its own too", () => {
    clock = 100;
    const run = (secondAt: number) => trace("linux", [
      proc("P1", [
        e(2, "write", [4], 10, { data: "exec seek ", start: 1, end: 1 }), e(3, "write", [4], 4, { data: "reap", start: secondAt, end: secondAt }),
        e(4, "read", [3], 14, { data: "exec seek reap", start: 5, end: 5 }), e(5, "fork", [], "P1.1", { start: 6, end: 6 }),
      ]),
      proc("P1.1", [e(9, "write", [1], 16, { data: "exec seek reap\n", start: 20, end: 20 })]),
    ]);
    assert.deepEqual(checkRules(run(2)), []);
    // The second half written only after the read: the child's later copy is the only source.
    assert.deepEqual(checkRules(run(30)).map((v) => v.rule), ["write-before-read"]);
  });

  it("a waitpid that reported a stop or a continue (WUNTRACED, WCONTINUED) may come before the exit; the one that reaps may not", () => {
    clock = 100;
    const run = (reapAt: number) => trace("linux", [
      proc("P1", [
        e(2, "fork", [], "P1.1", { start: 1, end: 1 }), e(3, "waitpid", [-1, 2], "P1.1", { start: 10, end: 10 }),
        e(4, "kill", ["P1.1", "SIGCONT"], 0, { start: 11, end: 11 }), e(5, "waitpid", [-1, 8], "P1.1", { start: 12, end: 12 }),
        e(6, "waitpid", [-1, 0], "P1.1", { start: reapAt, end: reapAt }),
      ]),
      proc("P1.1", [e(8, "kill", ["P1.1", "SIGSTOP"], 0, { start: 5, end: 5 }), e(9, "exit", [3], 0, { start: 20, end: 20 })]),
    ]);
    assert.deepEqual(checkRules(run(21)), []);
    assert.deepEqual(checkRules(run(15)).map((v) => v.rule), ["exit-before-wait"]);
  });

  it("orders process names by fork order", () => {
    assert.deepEqual(["P1.10", "P1.2", "P1", "P1.1.1", "P1.1"].sort(byForkOrder), ["P1", "P1.1", "P1.1.1", "P1.2", "P1.10"]);
  });
});

describe("fidelity: threads, statements and measured times", () => {
  // echoservert-pre.c: two workers take descriptors from a queue; on Linux either may get any.
  const pool = (side: "linux" | "model", first: number[], second: number[], flushes: string[]) => trace(side, [
    proc("P1", [e(49, "accept", [3], 4), e(49, "accept", [3], 5)], { end: { kind: "killed", signal: "SIGINT" } }),
    proc("P1/T1", first.flatMap((fd) => [e(66, "read", [fd], 2), e(68, "write", [1], 24), e(66, "read", [fd], 0)]), { thread: true, stdout: flushes[0] }),
    proc("P1/T2", second.flatMap((fd) => [e(66, "read", [fd], 2), e(66, "read", [fd], 0)]), { thread: true, stdout: flushes[1] }),
  ]);

  it("which worker thread serves which client, and which one flushes the shared stdout buffer, is timing", () => {
    const l = pool("linux", [4, 5], [], ["got 4\ngot 5\n", ""]);
    const m = pool("model", [5], [4], ["got 5\n", "got 4\n"]);
    const c = compare(l, m);
    assert.deepEqual(c.divergences, []);
    assert.ok(c.procs.some((p) => p.name === "P1 threads"));
  });

  it("but the threads' work as a whole, their number and their printed lines must match", () => {
    const c = compare(pool("linux", [4], [5], ["got 4\n", "got 5\n"]), pool("model", [4], [6], ["got 4\n", "got 6\n"]));
    const whats = c.divergences.map((d) => d.what);
    assert.ok(whats.includes("the threads did different work"), whats.join("; "));
    assert.ok(whats.includes("different bytes written to descriptor 1"), whats.join("; "));
    const fewer = compare(pool("linux", [4], [5], ["", ""]), trace("model", pool("model", [4, 5], [], ["", ""]).procs.slice(0, 2)));
    assert.ok(fewer.divergences.some((d) => d.what === "a different number of threads"));
  });

  it("a call on a continuation line counts at its statement's first line, as the stepper steps it", () => {
    const src = ["int main(void)", "{", '    printf("offset %d\\n",', "           (int)Lseek(fd, 0, SEEK_CUR));", "    x = a +", "        read(0, b, 1);", "    if (f(1))", "        g();", "}"].join("\n");
    const m = statementLines(src);
    assert.equal(m.get(4), 3);
    assert.equal(m.get(6), 5);
    assert.equal(m.get(8), 8, "an if's body is a statement of its own");
  });

  it("in a program that reads the clock, numbers on stderr are measured times: not compared", () => {
    const t = (side: "linux" | "model", text: string) => trace(side, [proc("P1", [e(50, "write", [2], text.length)], { stderr: text })]);
    const src = "double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); }";
    const l = t("linux", "unbuffered: 1683232 ns/byte\n");
    const m = t("model", "unbuffered: 0 ns/byte\n");
    assert.equal(compare(l, m).agree, false);
    maskMeasuredTimes(l, src);
    maskMeasuredTimes(m, src);
    assert.equal(compare(l, m).agree, true);
    const words = t("linux", "1 ns\n");
    maskMeasuredTimes(words, "int main(void) { return 0; }");
    assert.equal(words.procs[0].stderr, "1 ns\n", "a program without a clock keeps its numbers");
  });
  it("in a program that asks for the host name, the real machine's name reads as the model's, whole words only", () => {
    const t = (side: "linux" | "model", text: string) => trace(side, [proc("P1", [e(9, "write", [1], text.length, { data: text })], { stdout: text })]);
    const src = "int main(void) { char h[64]; gethostname(h, sizeof h); printf(\"on %s\\n\", h); }";
    const l = t("linux", "on vm (vmstat, vm-2, vm)\n");
    const m = t("model", "on forklab (vmstat, vm-2, forklab)\n");
    assert.equal(compare(l, m).agree, false);
    renameHostname(l, src, "vm", "forklab");
    assert.equal(l.procs[0].stdout, "on forklab (vmstat, vm-2, forklab)\n");
    assert.equal(l.procs[0].entries[0].ret, l.procs[0].entries[0].data!.length, "the write's count follows the renamed text");
    assert.equal(compare(l, m).agree, true);
    const other = t("linux", "on vm\n");
    renameHostname(other, "int main(void) { return 0; }", "vm", "forklab");
    assert.equal(other.procs[0].stdout, "on vm\n", "a program that never asks keeps its text");
  });
});
