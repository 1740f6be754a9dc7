// Scenario clients are outside processes that connect once the server listens (the
// Scenario contract): they must not litter the history with refused connects made while
// the server was still starting, and they must appear only when they can be accepted.
import { strict as assert } from "node:assert";
import { compile, example, exampleScenario } from "../c/helpers";
import { Session } from "../../../src/session/session";

describe("scenario clients", function () {
  this.timeout(60000);

  it("echoserverp: clients connect only after listen(), with no ECONNREFUSED, and get their echoes", async () => {
    const { program } = await compile(example("echoserverp.c"), "echoserverp.c");
    const s = new Session({ program, name: "echoserverp", scenario: exampleScenario("echoserverp.scenario.json"), snapshots: true });
    s.run();
    const events = s.history.flatMap((snap) => snap.events);
    const refused = events.filter((e) => e.kind === "syscall" && e.errno === "ECONNREFUSED");
    assert.deepEqual(refused, [], "no client connect is refused");
    const listenAt = s.history.findIndex((snap) => snap.events.some((e) => e.kind === "syscall" && e.call === "listen" && e.ret === 0));
    const firstClient = s.history.findIndex((snap) => snap.processes.some((p) => p.kind === "client"));
    assert.ok(listenAt >= 0, "the server listens");
    assert.ok(firstClient >= listenAt, `the first client appears at step ${firstClient}, not before listen() at step ${listenAt}`);
    const connects = events.filter((e) => e.kind === "syscall" && e.call === "connect");
    assert.ok(connects.length > 0 && connects.every((e) => e.kind === "syscall" && e.ret === 0), "every connect succeeds");
  });
});
