// The learner's stepper: stepping back is an exact replay, clients can be connected and
// closed by hand, signals sent, and a blocked process explains what it waits for.
import { strict as assert } from "node:assert";
import type { Snapshot } from "../../../src/contract/snapshot";
import { whyNotStep } from "../../../src/contract/unblock";
import { stepper } from "./helpers";
import { Stepper } from "../../../src/session/stepper";
import { compile } from "../c/helpers";

const main = (s: Snapshot, pid: number) => s.processes.find((p) => p.pid === pid)!;

describe("the learner's stepper", function () {
  this.timeout(60000);

  it("back() rebuilds the earlier state exactly (the model is deterministic)", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    for (let i = 0; i < 15; i++) st.step();
    const at15 = JSON.stringify(st.current);
    for (let i = 0; i < 5; i++) st.step();
    assert.equal(st.index, 20);
    for (let i = 0; i < 5; i++) assert.ok(st.back().ok);
    assert.equal(st.index, 15);
    assert.equal(JSON.stringify(st.current), at15);
  });

  it("a process that cannot run a line is refused in the words the view and the command list show (whyNotStep)", async () => {
    const st = await stepper("echoserverp.c", { argv: ["15213"] });
    st.continue();
    const parent = () => st.current.processes.find((p) => p.pid === st.mainPid)!;
    const blocked = st.step(st.mainPid);
    assert.equal(blocked.ok, false);
    assert.equal(blocked.message, whyNotStep(parent(), st.current));
    assert.ok(st.signal(st.mainPid, "SIGTSTP").ok);
    assert.equal(parent().state, "stopped");
    const stopped = st.step(st.mainPid);
    assert.equal(stopped.ok, false);
    assert.equal(stopped.message, `pid ${st.mainPid} is stopped: send it SIGCONT`);
    assert.equal(stopped.message, whyNotStep(parent(), st.current));
    assert.ok(st.signal(st.mainPid, "SIGCONT").ok);
    assert.equal(whyNotStep(parent(), st.current), blocked.message, "blocked in accept again");
  });

  it("a pipe's blocked reader is told it waits for a writer, or for every write end to close (EOF)", async () => {
    // The parent keeps its own write end and reads; the child never writes.
    const src = "#include <unistd.h>\nint main(void) {\n    int fds[2];\n    char c;\n    pipe(fds);\n    if (fork() == 0) pause();\n    read(fds[0], &c, 1);\n    return 0;\n}\n";
    const st = new Stepper({ program: (await compile(src, "reader.c")).program, name: "reader", scenario: {}, maxSteps: 500 });
    st.continue();
    const parent = st.current.processes.find((p) => p.pid === st.mainPid)!;
    assert.equal(parent.blockedOn, "read(3)");
    assert.equal(whyNotStep(parent, st.current), `pid ${st.mainPid} is blocked in read(3): it waits for a writer to write into the pipe (or for every write end to close: then read returns 0, EOF)`);
  });

  it("a program whose only process stopped itself says it is stopped, not blocked, and what continues it", async () => {
    const src = "#include <signal.h>\nint main(void) {\n    raise(SIGSTOP);\n    return 0;\n}\n";
    const st = new Stepper({ program: (await compile(src, "stopself.c")).program, name: "stopself", scenario: {}, maxSteps: 100 });
    const r = st.continue();
    assert.equal(r.message, `every process is stopped: ${st.mainPid} stopped at line 3; SIGCONT continues a stopped one`);
    assert.deepEqual(st.step(), { ok: false, message: r.message }, "a step says the same, not nothing");
  });

  it("a blocked server says what it waits for; a connected client is accepted, echoed and, once closed, its child is reaped", async () => {
    const st = await stepper("echoserverp.c", { argv: ["15213"] });
    const r = st.continue();
    assert.match(r.message ?? "", /blocked/);
    const blocked = st.step(st.mainPid);
    assert.equal(blocked.ok, false);
    assert.match(blocked.message!, /blocked in accept\(3\): connect a client/);

    assert.ok(st.connect(["hi"]).ok);
    st.continue();
    // accept returned the connection (fd 4); fork made a child that echoed "hi\n".
    assert.ok(st.session.trace.some((e) => e.call === "accept" && e.ret === 4));
    const client = st.session.clients.list[0];
    assert.equal(client.received, "hi\n");
    const child = st.current.processes.find((p) => p.ppid === st.mainPid && p.kind === "program")!;
    // stdout is a pipe here, so printf's line waits in the child's stdio buffer.
    assert.equal(child.stdio.stdout.buffered, "server received 3 bytes\n");
    assert.equal(child.state, "blocked", "the child waits for the next line");
    assert.match(whyNotStep(child, st.current) ?? "", /blocked in read\(4\): it waits for data from the other end of the connection/, "a socket's reader waits for its peer");

    assert.ok(st.send(client.pid, "again").ok);
    st.continue();
    assert.equal(client.received, "hi\nagain\n");

    assert.ok(st.close("all").ok);
    st.continue();
    // EOF ends echo(), the child exits, and the SIGCHLD handler's waitpid loop reaps it.
    assert.equal(st.current.processes.filter((p) => p.ppid === st.mainPid && p.kind === "program").length, 0);
    assert.ok(st.session.trace.some((e) => e.call === "waitpid" && e.ret === child.pid));
  });

  it("back() undoes a connect that came after the last step", async () => {
    const st = await stepper("echoserverp.c", { argv: ["15213"] });
    st.continue();
    const before = JSON.stringify(st.current);
    st.connect(["x"]);
    assert.equal(st.session.clients.list.length, 1);
    st.back();
    assert.equal(st.session.clients.list.length, 0);
    assert.equal(JSON.stringify(st.current), before);
  });

  it("SIGINT from the learner ends the server (default action: terminate)", async () => {
    const st = await stepper("echoserverp.c", { argv: ["15213"] });
    st.continue();
    assert.ok(st.signal(st.mainPid, "SIGINT").ok);
    const m = st.current.processes.find((p) => p.pid === st.mainPid);
    // init reaps the orphaned server at once, or it is a zombie with status 2 (SIGINT).
    assert.ok(!m || (m.state === "zombie" && ((m.exitStatus ?? 0) & 0x7f) === 2));
    assert.ok(st.current.events.some((e) => e.kind === "signal" && e.signal === "SIGINT" && e.action === "terminated"));
  });

  it("runToLine stops when a process arrives at the line, before running it", async () => {
    const st = await stepper("echoserverp.c", "echoserverp.scenario.json");
    assert.ok(st.runToLine(40).ok);
    assert.equal(main(st.current, st.mainPid).line, 40);
    assert.ok(st.session.trace.some((e) => e.call === "fork"));
    assert.ok(!st.session.trace.some((e) => e.call === "close" && e.pid === st.mainPid && e.line === 40));
  });
});
