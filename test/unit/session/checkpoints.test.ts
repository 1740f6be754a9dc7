// Checkpoints are exact: a session that jumps back by restoring a checkpoint of the whole
// machine (and replaying the few actions after it) is the same session as one that replays
// every recorded action from the start, Snapshot by Snapshot, and it goes on the same way.
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { Policy, Session } from "../../../src/session/session";
import type { Scenario } from "../../../src/contract/scenario";
import type { Program } from "../../../src/c/program";
import { freeze, restore } from "../../../src/session/checkpoint";
import { Memory } from "../../../src/c/memory";
import { Stepper } from "../../../src/session/stepper";
import { StepInterrupted } from "../../../src/c/stepbounds";

const json = (x: unknown): string => JSON.stringify(x);

interface Case { name: string; scenario: Scenario; policy: Policy; hand?: boolean }

const cases: Case[] = [
  // Sockets, scripted clients, a forking server, SIGCHLD and SIGINT.
  { name: "echoserverp", scenario: exampleScenario("echoserverp.scenario.json"), policy: "random" },
  // The same with clients the learner connects, types into and closes by hand.
  { name: "echoserverp", scenario: { argv: ["15213"] }, policy: "round-robin", hand: true },
  // Shared memory (pages shared between processes and with the kernel's segment).
  { name: "shm", scenario: {}, policy: "child-first" },
  { name: "ipc-choices", scenario: {}, policy: "random" },
  // The terminal, keys and stopped jobs.
  { name: "keyboard-signals", scenario: exampleScenario("keyboard-signals.scenario.json"), policy: "round-robin" },
  { name: "sigchld-lost", scenario: {}, policy: "parent-first" },
];

async function program(name: string): Promise<Program> {
  return (await compile(example(`${name}.c`), `${name}.c`)).program;
}

/** A program that loops `n` times over two lines, then prints the sum. */
async function loop(n: number): Promise<Program> {
  return (await compile(`#include <stdio.h>
int main(void) {
  int i, sum = 0;
  for (i = 0; i < ${n}; i++) {
    sum += i % 7;
  }
  printf("%d\\n", sum);
  return 0;
}
`, "loop.c")).program;
}

/** Run a session to its end, with outside actions by hand along the way for `hand`. */
function record(s: Session, hand: boolean): void {
  if (!hand) { s.run(400); return; }
  for (let i = 0; i < 300; i++) {
    if (s.ended && i > 170) break;
    if (i === 3) s.connect(["one", "two"]);
    if (i === 70) s.connect(["three"]);
    if (i === 110) s.send(s.clients.list[0].pid, "later");
    if (i === 160) s.close("all");
    s.step();
  }
}

describe("checkpoints of the whole machine", function () {
  this.timeout(120000);

  for (const c of cases) {
    it(`${c.name} (${c.policy}${c.hand ? ", clients by hand" : ""}): restored from a checkpoint = replayed from the start, at every depth tried, and on after it`, async () => {
      const prog = await program(c.name);
      // A checkpoint every 4 steps at first: short runs cross many of them.
      const opts = { program: prog, name: c.name, scenario: c.scenario, snapshots: true, policy: c.policy, seed: 11, checkpointSpacing: 4 };
      const s = new Session(opts);
      record(s, !!c.hand);
      const end = s.steps;
      assert.ok(end > 12, `${c.name} ran ${end} steps`);
      const recorded = s.history.map(json);
      // Deepest first: each depth then steps on from there (a new branch that drops the
      // recorded future), so the next, shallower depth is still on the recorded run.
      const depths = [...new Set([end - 1, end - 2, Math.floor(end * 0.7), 65, 64, 63, Math.floor(end / 3), 33, 32, 31, 17, 9, 8, 7, 5, 4, 3, 1, 0])]
        .filter((d) => d >= 0 && d < end).sort((a, b) => b - a);
      for (const d of depths) {
        s.goto(d);
        const replayed = new Session({ ...opts, checkpoints: false });
        replayed.actions = s.actions.slice(0, s.cursor);
        replayed.goto(d);
        assert.equal(s.steps, d);
        assert.equal(replayed.steps, d);
        assert.equal(s.history.length, d + 1);
        for (let i = 0; i <= d; i++) {
          assert.equal(json(s.history[i]), json(replayed.history[i]), `depth ${d}: the Snapshot at step ${i}`);
          assert.equal(json(s.history[i]), recorded[i], `depth ${d}: the Snapshot recorded at step ${i}`);
        }
        assert.equal(json(s.trace), json(replayed.trace), `depth ${d}: the trace`);
        assert.equal(s.stdout(), replayed.stdout());
        // On from here, both the same way: lines, and for `hand` an outside action too.
        for (let n = 0; n < 12 && !s.ended; n++) {
          if (c.hand && n === 5 && s.clients.list.length) {
            s.connect(["again"]);
            replayed.connect(["again"]);
          }
          const a = s.step();
          const b = replayed.step();
          assert.deepEqual(a, b, `depth ${d}: step ${n + 1} after it`);
          assert.equal(json(s.history[s.history.length - 1]), json(replayed.history[replayed.history.length - 1]), `depth ${d}: the Snapshot ${n + 1} steps after it`);
        }
        assert.equal(json(s.trace), json(replayed.trace), `depth ${d}: the trace after stepping on`);
        assert.equal(s.stdout(), replayed.stdout());
        assert.equal(s.stderr(), replayed.stderr());
        assert.equal(s.ended, replayed.ended);
      }
    });
  }

  it("keeps a bounded number of checkpoints over a long history, and a jump back replays at most a spacing's worth", async () => {
    const s = new Session({ program: await loop(100000), name: "loop", snapshots: true });
    for (let i = 0; i < 6000; i++) s.step();
    const cps = (s as unknown as { checkpoints: { count: number; keptBytes: number } }).checkpoints;
    assert.ok(cps.count <= 160 && cps.count >= 40, `${cps.count} checkpoints`);
    assert.ok(cps.keptBytes < 128 << 20);
    const before = s.history.slice();
    s.goto(4321);
    assert.equal(json(s.history[4321]), json(before[4321]));
    // The history up to the checkpoint restored is the very Snapshots recorded; only the
    // steps replayed after it are new: at most one spacing (6000 steps over at most 160
    // checkpoints: 64).
    const rebuilt = s.history.filter((h, i) => h !== before[i]).length;
    assert.ok(rebuilt <= 64, `a jump to 4321 replayed ${rebuilt} steps`);
  });

  it("an outside action that is refused keeps the checkpoints along the recorded future: a jump along it replays no more than before", async () => {
    const s = new Session({ program: await loop(1000), name: "loop", snapshots: true, checkpointSpacing: 4 });
    for (let i = 0; i < 100; i++) s.step();
    const recorded = s.history.slice();
    const cps = (s as unknown as { checkpoints: { count: number } }).checkpoints;
    s.goto(10);
    const kept = cps.count;
    const actions = s.actions.length;
    // A signal by an unknown name, a line to no client, a close with none open, typing with
    // no terminal: the view refuses each, and the session is as it was.
    assert.equal(s.signal(s.mainPid, "SIGNOPE"), false);
    assert.equal(s.send(12345, "hello"), false);
    assert.equal(s.close("all"), false);
    assert.equal(s.ttyInput("hello", "newline"), false);
    assert.equal(cps.count, kept, "the checkpoints after step 10 are kept");
    assert.equal(s.actions.length, actions, "the recorded future is kept");
    // Along the recorded future from the checkpoint at 88: two steps replayed, not 80.
    s.goto(90);
    assert.equal(json(s.history[90]), json(recorded[90]));
    const rebuilt = s.history.filter((h, i) => h !== recorded[i]).length;
    assert.ok(rebuilt <= 4, `a jump to 90 after the refused actions replayed ${rebuilt} steps`);
  });

  it("a step the learner stops halfway is undone from the latest checkpoint: the same state and Snapshots as before it", async () => {
    const { program: prog } = await compile(`#include <stdio.h>
int main(void) {
  long i, sum = 0;
  for (i = 0; i < 100; i++) {
    sum += i;
  }
  for (i = 0; i < 200000; i++) sum += i;
  printf("%ld\\n", sum);
  return 0;
}
`, "long.c");
    let stop = false;
    const st = new Stepper({ program: prog, name: "long", interrupted: () => stop });
    const ref = new Stepper({ program: prog, name: "long" });
    while (st.current.processes.find((p) => p.pid === st.mainPid)?.line !== 7) { st.step(); ref.step(); }
    const held = st.history.slice();
    stop = true;
    assert.throws(() => st.step(), StepInterrupted);
    assert.equal(st.session.halfStepped, true);
    st.rebuild();
    stop = false;
    assert.equal(st.session.halfStepped, false);
    assert.equal(st.index, held.length - 1);
    held.forEach((h, i) => assert.equal(st.history[i], h, `the Snapshot object at step ${i} is kept`));
    for (let n = 0; n < 10 && !st.ended; n++) {
      st.step();
      ref.step();
      assert.equal(json(st.current), json(ref.current));
    }
    assert.equal(st.session.stdout(), ref.session.stdout());
    assert.match(st.session.stdout(), /^\d+\n$/);
  });

  it("a frozen copy keeps its own state: identity, prototypes, Maps, Sets, views of one buffer, memory pages", () => {
    const mem = new Memory();
    mem.map(0x1000, 0x3000, "data");
    mem.write64(0x1000, 42);
    const seg = new Uint8Array(8192);
    mem.mapShared(0x10000, seg, "shm");
    const shared = { tag: "shared" };
    const node: { peer?: unknown; list: number[] } = { list: [1, 2] };
    const state = { a: node, b: node, m: new Map([[1, node]]), set: new Set([node]), seg, mem, shared, log: [1] };
    node.peer = state.a;
    const f = freeze(state, [state.log], [shared]);
    // The live state goes on: the copy does not see it.
    node.list.push(3);
    mem.write64(0x1000, 7);
    seg[0] = 9;
    state.log.push(2);
    const r = restore(f) as typeof state;
    assert.equal(r.a, r.b);
    assert.equal((r.a as typeof node).peer, r.a);
    assert.equal(r.m.get(1), r.a);
    assert.ok(r.set.has(r.a));
    assert.deepEqual(r.a.list, [1, 2]);
    assert.equal(r.shared, shared);
    assert.ok(r.mem instanceof Memory);
    assert.equal(Number(r.mem.read64(0x1000, false)), 42);
    assert.equal(r.seg[0], 0);
    assert.deepEqual(r.log, [1]);
    // The copied segment and the copied memory's shared page are one set of bytes.
    r.mem.writeU(0x10000, 1, 5);
    assert.equal(r.seg[0], 5);
    assert.equal(seg[0], 9);
    // A second restore is independent of the first.
    const r2 = restore(f) as typeof state;
    assert.equal(r2.seg[0], 0);
    assert.equal(Number(mem.read64(0x1000, false)), 7);
  });
});
