// Lesson moments: the stepper stops where a lesson asks its question, before the line runs.
import { strict as assert } from "node:assert";
import { rolePid, runTo, sawKeys } from "../../../src/coach/moments";
import { stepper } from "../session/helpers";
import { compile } from "../c/helpers";
import { Stepper } from "../../../src/session/stepper";

describe("lesson moments", function () {
  this.timeout(60000);

  it("{line: 10, pid: parent}: the parent is at Fork() and no child exists yet", async () => {
    const st = await stepper("fork-returns.c");
    assert.ok(runTo(st, { line: 10, pid: "parent" }).reached);
    const main = st.current.processes.find((p) => p.pid === st.mainPid)!;
    assert.equal(main.line, 10);
    assert.equal(st.current.processes.filter((p) => p.kind === "program").length, 1);
  });

  it("{line: 12, pid: child}: the first child exists and is about to run line 12", async () => {
    const st = await stepper("fork-returns.c");
    assert.ok(runTo(st, { line: 12, pid: "child" }).reached);
    const child = rolePid(st.history, st.mainPid, "child", 1)!;
    assert.equal(st.current.processes.find((p) => p.pid === child)!.line, 12);
  });

  it("{beforeSignal: SIGINT}: the last Snapshot before the scripted SIGINT arrives", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    assert.ok(runTo(st, { beforeSignal: "SIGINT" }).reached);
    assert.ok(!st.current.events.some((e) => e.kind === "signal" && e.signal === "SIGINT"));
    st.step();
    assert.ok(st.current.events.some((e) => e.kind === "signal" && e.signal === "SIGINT"));
  });

  it("{step: N} goes forward or back to history index N", async () => {
    const st = await stepper("fork-returns.c");
    runTo(st, { step: 5 });
    assert.equal(st.index, 5);
    runTo(st, { step: 2 });
    assert.equal(st.index, 2);
  });
});

describe("saw keys", function () {
  this.timeout(60000);

  it("zombies.c shows a zombie; orphan.c an adopted child; pipe-block.c a full pipe", async () => {
    for (const [file, key] of [["zombies.c", "forklab.saw.zombie"], ["orphan.c", "forklab.saw.adopted"], ["pipe-block.c", "forklab.saw.pipeFull"]]) {
      const st = await stepper(file);
      assert.ok(!sawKeys(st.current, st.mainPid).includes(key), `${file}: ${key} at the start`);
      const r = st.until((s) => sawKeys(s, st.mainPid).includes(key));
      assert.ok(sawKeys(st.current, st.mainPid).includes(key), `${file}: never saw ${key} (${r.message})`);
    }
  });

  it("a full pipe is seen when its writer blocks, whatever the size of the writes: 64000 bytes of 1000-byte writes", async () => {
    const src = `#include <unistd.h>
int main(void) {
    int fds[2];
    char chunk[1000] = {0};
    pipe(fds);
    while (1) write(fds[1], chunk, sizeof(chunk));
}
`;
    const { program } = await compile(src, "thousand.c");
    const st = new Stepper({ program, name: "thousand", maxSteps: 5000 });
    st.until((s) => sawKeys(s, st.mainPid).includes("forklab.saw.pipeFull"));
    assert.ok(sawKeys(st.current, st.mainPid).includes("forklab.saw.pipeFull"), `not seen by step ${st.index}`);
    const main = st.current.processes.find((p) => p.pid === st.mainPid)!;
    assert.equal(main.blockedOn, "write(4)");
    const file = st.current.files.find((f) => f.id === main.fds[4]);
    const pipe = st.current.objects.find((o) => o.id === file?.object);
    assert.equal(pipe?.kind === "pipe" ? pipe.buffer.length : -1, 64000);
    // One step earlier the pipe still had room: not seen there.
    assert.ok(!sawKeys(st.history[st.index - 1], st.mainPid).includes("forklab.saw.pipeFull"));
  });
});
