// Every "Run demo..." entry reaches its interesting moment in the model, and the moment
// is not already true when the program starts (so the predicate can fail).
import { strict as assert } from "node:assert";
import { DEMOS } from "../../../src/coach/demos";
import { stepper } from "../session/helpers";

describe("demos reach their moment", function () {
  this.timeout(60000);

  it("has one demo per classic mistake, each with a distinct id", () => {
    assert.ok(DEMOS.length >= 10);
    assert.equal(new Set(DEMOS.map((d) => d.id)).size, DEMOS.length);
  });

  for (const d of DEMOS) {
    it(`${d.id}: ${d.title}`, async () => {
      const st = await stepper(d.example, d.scenario ?? {});
      assert.equal(d.moment(st.current, st.history), false, "the moment holds before the first step");
      const r = st.until((s) => d.moment(s, st.history));
      assert.ok(d.moment(st.current, st.history), `stopped at step ${st.index} without the moment: ${r.message}`);
      assert.equal(st.ended, undefined, "the program ended before the moment");
    });
  }

  it("forgot-close: at the moment a child has exited, yet its connection is still open through the parent", async () => {
    const d = DEMOS.find((x) => x.id === "forgot-close")!;
    const st = await stepper(d.example, d.scenario!);
    st.until((s) => d.moment(s, st.history));
    const s = st.current;
    const main = s.processes.find((p) => p.pid === st.mainPid)!;
    const dead = s.processes.filter((p) => p.ppid === st.mainPid && p.state === "zombie");
    assert.ok(dead.length >= 1 && dead.every((p) => p.fds.length === 0), "the exited child holds no descriptors");
    // The first connection (fd 4 in the parent) outlives the child that served it.
    const first = s.files.find((f) => f.id === main.fds[4])!;
    const sock = s.objects.find((o) => o.id === first.object)!;
    assert.equal(sock.kind === "socket" && sock.state, "connected");
    assert.ok(first.refcount >= 1);
  });

  it("lost-sigchld: the kernel recorded SIGCHLD as lost for the parent", async () => {
    const d = DEMOS.find((x) => x.id === "lost-sigchld")!;
    const st = await stepper(d.example);
    st.until((s) => d.moment(s, st.history));
    assert.deepEqual(st.current.processes.find((p) => p.pid === st.mainPid)!.signals.lost.includes("SIGCHLD"), true);
  });
});
